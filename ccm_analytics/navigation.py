"""The app's pages: script, title, URL path and icon. app.py registers them; tests walk them."""
from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class PageSpec:
    script: str  # relative to the project directory
    title: str
    url_path: str  # "" for the default page
    icon: str
    section: str
    has_map: bool = False  # the browser test then checks that the map's country shapes are drawn offline


PAGES: tuple[PageSpec, ...] = (
    PageSpec("pages/overview.py", "Overview", "", ":material/dashboard:", "Implementation status"),
    PageSpec("pages/universalization.py", "Universalization", "universalization", ":material/public:",
             "Implementation status", has_map=True),
    PageSpec("pages/country_profile.py", "Country profile", "profile", ":material/flag:", "Implementation status"),
    PageSpec("pages/meeting_pack.py", "Meeting pack", "meeting-pack", ":material/description:", "Meetings"),
    PageSpec("pages/lausanne.py", "Lausanne Action Plan", "lausanne", ":material/checklist:", "Meetings"),
    PageSpec("pages/spending.py", "Budget and contributions", "spending", ":material/payments:", "ISU"),
    PageSpec("pages/explore.py", "Explore the data", "explore", ":material/query_stats:", "Ad hoc exploration"),
    PageSpec("pages/sql_console.py", "SQL console", "sql", ":material/terminal:", "Ad hoc exploration"),
    PageSpec("pages/article7.py", "Transparency reports (Article 7)", "article7", ":material/description:",
             "Implementation status"),
    PageSpec("pages/article9.py", "National measures (Article 9)", "article9", ":material/gavel:",
             "Implementation status", has_map=True),
    PageSpec("pages/article5.py", "Victim assistance (Article 5)", "article5", ":material/volunteer_activism:",
             "Implementation status"),
    PageSpec("pages/deadlines.py", "Article 3 and 4 deadlines", "deadlines", ":material/event:", "Implementation status"),
    PageSpec("pages/workbench.py", "Extension request workbench", "extension-workbench", ":material/balance:",
             "Analysis Group"),
    PageSpec("pages/data.py", "Data", "data", ":material/upload_file:", "Data management"),
)


def page_url_paths() -> list[str]:
    """URL paths of every page, the default page as ""."""
    return [p.url_path for p in PAGES]


def map_url_paths() -> list[str]:
    """URL paths of the pages that draw a world map."""
    return [p.url_path for p in PAGES if p.has_map]
