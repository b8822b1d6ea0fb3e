"""Links as an attacker or a careless user writes them: dates outside the widget's range or not dates at all,
unknown State codes, and a page that raises. Each page still works, says what it did, and shows no traceback."""
from datetime import date

import pytest
from conftest import PROJECT_DIR
from streamlit import config
from streamlit.testing.v1 import AppTest

from ccm_analytics.formats.dates import MAX_DATE_TEXT, url_date
from ccm_analytics.navigation import PAGES

APP = str(PROJECT_DIR / "app.py")
LOW, HIGH = date(2008, 1, 1), date(2100, 12, 31)


# ---------------------------------------------------------------- the pure reading of a date from a link

@pytest.mark.parametrize(("text", "expected"), [
    ("1900-01-01", LOW), ("2200-01-01", HIGH), ("9999-12-31", HIGH),  # outside: the nearest end of the range
    ("2008-01-01", LOW), ("2100-12-31", HIGH), ("2025-09-30", date(2025, 9, 30)),  # the ends themselves are allowed
])
def test_a_date_in_the_link_is_kept_within_the_range(text, expected):
    got = url_date(text, LOW, HIGH)
    assert got.value == expected
    # a notice only when the date was moved
    assert (got.notice is not None) == (text[:4] in ("1900", "2200", "9999"))


def test_the_notice_names_both_dates_un_style():
    assert url_date("9999-12-31", LOW, HIGH).notice == (
        "The reference date in the link (31 December 9999) is after the latest allowed, 31 December 2100: "
        "31 December 2100 is used.")
    assert url_date("1900-01-01", LOW, HIGH).notice.startswith(
        "The reference date in the link (1 January 1900) is before the earliest allowed, 1 January 2008")


@pytest.mark.parametrize("text", ["2025-13-45", "2025-02-30", "0000-01-01", "20250101", "2025-W01-1", "yesterday",
                                  "2025-01-01" + " " * 40, "9" * 100_000])
def test_text_that_is_not_a_date_is_ignored_with_a_notice(text):
    got = url_date(text, LOW, HIGH)
    assert got.value is None and "was ignored" in got.notice
    assert len(got.notice) < 200  # the link's text is quoted at most MAX_DATE_TEXT characters long
    assert MAX_DATE_TEXT < 100


def test_the_quoted_text_cannot_become_markup():
    notice = url_date("[x](http://host/p)", LOW, HIGH).notice
    assert "\\[x\\]\\(http" in notice  # each punctuation mark escaped: shown as typed


def test_no_date_in_the_link_says_nothing():
    assert url_date(None, LOW, HIGH) == url_date("", LOW, HIGH) and url_date("", LOW, HIGH).notice is None


# ---------------------------------------------------------------- every page, under AppTest

def _run(script, query) -> AppTest:
    at = AppTest.from_file(APP, default_timeout=120).run()
    at.query_params.clear()  # the first run (the Overview) has read and rewritten the link: give it afresh
    for key, value in query.items():
        at.query_params[key] = value
    return at.switch_page(script).run()


BAD_DATES = {"1900-01-01": "1 January 2008 is used", "2200-01-01": "31 December 2100 is used",
             "9999-12-31": "31 December 2100 is used", "2025-13-45": "was ignored"}


@pytest.mark.parametrize("as_of", list(BAD_DATES))
@pytest.mark.parametrize("spec", PAGES, ids=[p.title for p in PAGES])
def test_every_page_survives_a_bad_date_in_the_link(db_path, spec, as_of):
    at = _run(spec.script, {"as_of": as_of})
    assert not at.exception, [e.value for e in at.exception]
    notices = [w.value for w in at.warning if "reference date in the link" in w.value]
    assert len(notices) == 1 and BAD_DATES[as_of] in notices[0], notices


@pytest.mark.parametrize("as_of", list(BAD_DATES))
def test_a_fresh_session_uses_the_nearest_allowed_date(db_path, as_of):
    # a link opens a new session: the widget takes the clamped date (in test_every_page... the first run's
    # session already holds today's, which a widget keeps over a new initial value)
    at = AppTest.from_file(APP, default_timeout=120)
    at.query_params["as_of"] = as_of
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    expected = {"1900-01-01": LOW, "2025-13-45": date.today()}.get(as_of, HIGH)
    assert at.date_input(key="widget_as_of").value == expected
    assert any(f"Figures as of **{expected.day} " in c.value for c in at.caption)
    assert at.query_params["as_of"] in (expected.isoformat(), [expected.isoformat()])


def test_an_unknown_state_code_says_so_and_shows_only_the_picker(db_path):
    at = _run("pages/country_profile.py", {"iso3": "ZZZ"})
    assert not at.exception, [e.value for e in at.exception]
    assert [w.value for w in at.warning if "State code" in w.value] == [
        "The State code in the link (ZZZ) is not known: choose a State below."]
    picker = at.selectbox(key="widget_iso3")
    assert picker.value is None
    assert not at.header, "no State's profile is shown"  # before the fix: the first State's
    picker.select("LAO").run()
    assert not at.exception and at.header[0].value == "Lao People's Democratic Republic"
    assert at.query_params["iso3"] in ("LAO", ["LAO"])


def test_a_hostile_state_code_is_shown_as_typed(db_path):
    at = _run("pages/country_profile.py", {"iso3": "![x](http://h/p.png)" * 1000})
    assert not at.exception
    notice = next(w.value for w in at.warning if "State code" in w.value)
    assert "\\!\\[X\\]\\(HTTP" in notice and len(notice) < 150  # escaped, and bounded


def test_a_page_that_raises_shows_no_traceback():
    # .streamlit/config.toml sets it; AppTest reads the same file from the project directory
    assert config.get_option("client.showErrorDetails") == "none"
    at = AppTest.from_string("raise RuntimeError('failed reading /srv/ccm/secret.duckdb')").run()
    shown = at.exception[0].proto
    assert list(shown.stack_trace) == [] and "/srv/ccm" not in str(shown) and "RuntimeError" not in str(shown)
    assert "error" in shown.message
