"""Meetings of the Convention by their codes in the data ("13MSP", "2RC part two") and in full
("Thirteenth Meeting of States Parties", "Second Review Conference, second part")."""
from __future__ import annotations

import re

ORDINALS = ("First", "Second", "Third", "Fourth", "Fifth", "Sixth", "Seventh", "Eighth", "Ninth", "Tenth",
            "Eleventh", "Twelfth", "Thirteenth", "Fourteenth", "Fifteenth", "Sixteenth", "Seventeenth",
            "Eighteenth", "Nineteenth", "Twentieth")
KINDS = {"MSP": "Meeting of States Parties", "RC": "Review Conference"}
# What follows the code, as the data write it, and in words.
QUALIFIERS = {"part one": ", first part", "part two": ", second part", "period": ", intersessional period",
              "(silent procedure)": ", by silent procedure"}
_CODE = re.compile(r"^\s*(\d{1,2})\s*(MSP|RC)\b\s*(.*)$")


def meeting_name(code: object) -> str | None:
    """ "Second Review Conference, second part" for "2RC part two"; a code the vocabulary does not
    know is returned as written; None for a missing code."""
    if not isinstance(code, str) or not code.strip():
        return None
    match = _CODE.match(code)
    if not match or not 1 <= int(match.group(1)) <= len(ORDINALS):
        return code.strip()
    number, kind, rest = int(match.group(1)), match.group(2), match.group(3).strip()
    name = f"{ORDINALS[number - 1]} {KINDS[kind]}"
    if rest:
        name += QUALIFIERS.get(rest, f" ({rest})")
    return name


def meeting_text(code: object, when: str | None = None) -> str:
    """ "Second Review Conference, second part (September 2021)": the name, and its date when known
    (`when` already formatted); "unknown" for a missing code."""
    name = meeting_name(code)
    if name is None:
        return "unknown"
    return f"{name} ({when})" if when and when != "unknown" else name
