"""The Explore page in headless Chromium: a link with chart=map draws the offline world map."""
import sys
from pathlib import Path
from urllib.parse import urlencode

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent))
from browser_support import (  # noqa: E402
    assert_map_drawn,
    assert_no_errors,
    assert_no_outside_requests,
    launch_browser,
    load_page,
    require_chromium,
    start_streamlit,
)

APP = Path(__file__).resolve().parents[1] / "app.py"

pytestmark = pytest.mark.browser


def test_explore_map_link_draws_offline(db_path):
    require_chromium()
    query = urlencode({"as_of": "2025-03-06", "view": "state_status", "group": "iso3", "agg": "count",
                       "chart": "map", "f.status": "in:State Party|Signatory"})
    with start_streamlit(APP, env={"CCM_DB": str(db_path)}) as url, launch_browser(require_chromium()) as browser:
        result = load_page(f"{url}/explore?{query}", browser=browser)
    assert_no_errors(result)
    assert_no_outside_requests(result.requests)
    # the fixture on 6 March 2025: 35 States Parties (LTU withdrew) and IDN, a Signatory, are 36 States; Malta
    # has no shape in static/world_110m.json: 35 shapes drawn
    assert_map_drawn(result, minimum=34)
    assert result.map_shapes == 35
    assert "Number of rows by iso3" in result.text
