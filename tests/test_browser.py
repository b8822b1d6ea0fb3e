"""Every page of the app, loaded in headless Chromium: no errors, no traffic beyond localhost."""
import sys
from pathlib import Path

import pytest

# --import-mode=importlib puts no test directory on sys.path; browser_support lives beside us.
sys.path.insert(0, str(Path(__file__).resolve().parent))
from browser_support import (  # noqa: E402
    assert_map_drawn,
    assert_no_errors,
    assert_no_outside_requests,
    load_page,
    start_streamlit,
)

from ccm_analytics import navigation

APP = Path(__file__).resolve().parents[1] / "app.py"
# Pages whose maps must draw; optional in the navigation module.
MAP_PATHS = getattr(navigation, "map_url_paths", lambda: [])()

pytestmark = pytest.mark.browser


@pytest.mark.parametrize("path", navigation.page_url_paths())
def test_page_renders_offline(app_url, browser, path):
    """The page runs without error boxes, shows text and asks nothing of outside hosts."""
    result = load_page(f"{app_url}/{path}", browser=browser)
    assert_no_errors(result)
    assert_no_outside_requests(result.requests)
    assert result.text, f"{result.url} shows no text"


@pytest.mark.parametrize("path", MAP_PATHS)
def test_map_draws_offline(app_url, browser, path):
    """The page's choropleth draws its countries from the locally served topojson."""
    result = load_page(f"{app_url}/{path}", browser=browser)
    # the fixture's 39 States, all shaded, but Malta, which the 110m world map has no shape for (without the
    # topojson none is drawn)
    assert_map_drawn(result, minimum=37)
    assert result.map_shapes == 38, result.url
    assert_no_outside_requests(result.requests)


def test_deep_link_on_a_fresh_server_runs_the_app_navigation(db_path, browser):
    """The first request after start-up is a shared link to a page (not /): it must still run app.py's
    navigation, not Streamlit's legacy pages-directory mode ("Page not found" dialog, file-name sidebar)."""
    with start_streamlit(APP, env={"CCM_DB": str(db_path)}) as url:  # a second, fresh server
        page = browser.new_page()
        page.goto(f"{url}/profile?iso3=LAO&as_of=2025-09-30", wait_until="load")
        page.wait_for_selector('[data-testid="stApp"][data-test-script-state="notRunning"] h1', timeout=60_000)
        page.wait_for_timeout(1000)
        body = page.inner_text("body")
        sidebar = page.inner_text('[data-testid="stSidebar"]')
        page.close()
    assert "Page not found" not in body
    assert "Implementation status" in sidebar and "country_profile" not in sidebar  # our sections, not file names
    assert "Lao People's Democratic Republic" in body and "30 September 2025" in body
