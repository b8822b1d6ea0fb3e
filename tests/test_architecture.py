"""The architecture, checked: the import contracts of .importlinter (layers point one way, only ui imports
Streamlit, the kernel draws no charts), no module over 400 lines, no code looked up by string."""
import subprocess
import sys
from pathlib import Path

from conftest import PROJECT_DIR

PACKAGE = PROJECT_DIR / "ccm_analytics"
MAX_LINES = 400


def test_import_contracts_hold():
    lint = Path(sys.executable).with_name("lint-imports")
    done = subprocess.run([str(lint), "--config", str(PROJECT_DIR / ".importlinter")], cwd=PROJECT_DIR,
                          capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stdout[-3000:] + done.stderr[-2000:]
    assert "0 broken" in done.stdout


def test_no_module_is_longer_than_400_lines():
    long = {str(p.relative_to(PROJECT_DIR)): n for p in PACKAGE.rglob("*.py")
            if (n := len(p.read_text(encoding="utf-8").splitlines())) > MAX_LINES}
    assert not long, long


def test_nothing_is_looked_up_by_string():
    found = [str(p.relative_to(PROJECT_DIR)) for p in PACKAGE.rglob("*.py")
             if "importlib" in p.read_text(encoding="utf-8") and "importlib.metadata" not in p.read_text(encoding="utf-8")]
    assert not found, found


def test_no_flat_module_families_at_the_package_root():
    root = sorted(p.name for p in PACKAGE.glob("*.py"))
    assert not [n for n in root if n.startswith(("computed_", "charts_", "import_", "money"))], root
