"""orphan-honorific: a title with no name after it ('said Mr. “We have'), where a rewriter lost the name.

"Mr", "Mrs", "Ms", "Dr" and "Prof" (with or without a full stop) must be followed by a name.
A title followed by a quotation mark, a lowercase word, punctuation or the end of the line is
flagged. "Mr and Mrs Smith" and "Mr. & Mrs." are left alone.
"""
from __future__ import annotations

from typing import Iterator

from ..lazyre import LazyRegex, module_patterns
from ..model import Hit

ID = "orphan-honorific"
CATEGORY = "mangled"
SEVERITY = "warning"
EXAMPLES = {
    "fail": ["Asked about it, the official said Mr. “We’ve made it clear.”", "The aide to Mr. said nothing."],
    "pass": ["Mr. Blinken said so.", "Mr and Mrs Smith arrived.", "Dr Jones spoke.", "Mr. & Mrs. Lee came.",
             "He met Mr. O’Brien.", "Mr. al-Sisi spoke."],
}

# Starts with the capital letter, so the scan skips ahead; the word boundary before is checked in check().
_TITLE = LazyRegex(r"(M(?:rs?|s|x)|Dr|Prof)(\.?)(?=[\s,;:.!?\"“”)]|$)([^\S\n]*)(.?)")
_NAME_PARTICLES = LazyRegex(r"(?:al|el|de|da|di|du|van|von|bin|ibn|ben|le|la|du|mac|ter|zu)\b|[a-z]+[-’'][A-Z]")
module_patterns(_TITLE, _NAME_PARTICLES)


def _orphaned(text: str, after: int, following: str) -> bool:
    if following == ".":
        return False  # "Mr.Benn": a missing space, not a missing name
    if not following or following == "\n" or following in "\"“”,;:!?)":
        return True
    if following == "&" or text.startswith(("and Mrs", "and Ms", "and Mr", "or Mrs", "or Mr"), after):
        return False
    return following.islower() and not _NAME_PARTICLES.match(text, after)


def check(document, options) -> Iterator[Hit]:
    text = document.text
    for m in _TITLE.finditer(text):
        if m.start() and (text[m.start() - 1].isalnum() or text[m.start() - 1] == "_"):
            continue  # the end of a longer word ("HMRC Mr" is fine, "AmDr" is not a title)
        title = m.group(1) + m.group(2)
        if _orphaned(text, m.start(4), m.group(4)):
            yield Hit(m.start(), m.end(2), f"title with no name: '{title}' is not followed by a name")
