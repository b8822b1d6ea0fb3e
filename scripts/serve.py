"""Serve the app: `python scripts/serve.py [streamlit options]` (what scripts/run-app.sh runs).

Why not plain `streamlit run app.py`: our page scripts live in `pages/` (the project's layout), and
Streamlit switches to its legacy "pages directory" mode whenever that folder exists, until some
session has run app.py's `st.navigation`. On a freshly started server the first visitor who opens a
deep link (`/profile?iso3=LAO`) would get the legacy sidebar or a "Page not found" dialog. Turning the
legacy mode off before the server starts makes every session run app.py, whatever its URL.
(Streamlit 1.67: `PagesManager.uses_pages_directory`; the browser test opens a deep link first on a
fresh server, so a Streamlit upgrade that changes this fails the tests instead of the users.)
"""
import sys
from pathlib import Path

from streamlit.runtime.pages_manager import PagesManager
from streamlit.web import cli

APP = Path(__file__).resolve().parent.parent / "app.py"


def main() -> None:
    PagesManager.uses_pages_directory = False
    sys.argv = ["streamlit", "run", str(APP), *sys.argv[1:]]
    sys.exit(cli.main())


if __name__ == "__main__":
    main()
