"""Text for a terminal."""
from __future__ import annotations

import re


def terminal_text(text: object) -> str:
    """Text safe to print to a terminal: control characters other than tab and newline written as \\x1b,
    so a stored value or a file name cannot move the cursor, retitle the window or hide output."""
    return _CONTROL.sub(lambda m: f"\\x{ord(m.group()):02x}", str(text))


_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")
