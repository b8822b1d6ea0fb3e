"""Where the project's files are: one declaration for every module, test and script."""
from pathlib import Path

PROJECT_DIR = Path(__file__).resolve().parent.parent
DATA_DIR = PROJECT_DIR / "data"
STATIC_DIR = PROJECT_DIR / "static"
DOCS_DIR = PROJECT_DIR / "docs"
DEFAULT_SHARED = PROJECT_DIR.parent / "shared"  # the research notes beside the project (read-only)
