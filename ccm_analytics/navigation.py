"""The app's pages: script, title, URL path and icon. app.py registers them; tests walk them."""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

PROJECT_DIR = Path(__file__).resolve().parent.parent


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
    PageSpec("pages/data.py", "Data", "data", ":material/upload_file:", "Data management"),
)


def page_url_paths() -> list[str]:
    """URL paths of every page, the default page as ""."""
    return [p.url_path for p in PAGES]


def map_url_paths() -> list[str]:
    """URL paths of the pages that draw a world map."""
    return [p.url_path for p in PAGES if p.has_map]
