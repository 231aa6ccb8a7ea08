"""same-giver-receiver: one party as both giver and receiver ("The United States has given the United States").

A rewriter that resolves pronouns wrongly repeats the subject where "itself" or another party
belongs. A capitalised name followed by a verb of giving or telling and the same name again as
its object is flagged ("Israel told Israel", "The United States has given the United States a
grace period"). A possessive after the repeat ("Smith told Smith's lawyer") is left alone.
"""
from __future__ import annotations

import re
from typing import Iterator

from ..model import Hit

ID = "same-giver-receiver"
CATEGORY = "mangled"
SEVERITY = "warning"
EXAMPLES = {
    "fail": ["The United States has given the United States a grace period to do so."],
    "pass": ["The United States has given Israel a grace period.", "Smith told Smith's lawyer.",
             "Manchester United beat Manchester City.", "Israel gave itself a month."],
}

_NAME = r"[A-Z][\w’'.-]*(?:\s+(?:of\s+)?[A-Z][\w’'.-]*){0,3}"
_VERB = (r"(?:(?:has|have|had|will|would|did|does|do|could|should|must|may)\s+(?:not\s+)?)?"
         r"(?:given|gave|give|gives|granted|grant|grants|sent|send|sends|offered|offer|offers|told|tell|tells|"
         r"warned|warn|warns|urged|urge|urges|asked|ask|asks|handed|hand|hands|promised|promise|promises|"
         r"awarded|award|awards|allowed|allow|allows|paid|pay|pays|lent|lend|lends)")
_SELF = re.compile(rf"\b(?:[Tt]he\s+)?(?P<name>{_NAME})\s+{_VERB}\s+(?P<object>(?:the\s+)?(?P=name))(?![\w’'-])(?!\s*[’']s\b)(?!\s+[A-Z])")


def check(document, options) -> Iterator[Hit]:
    for m in _SELF.finditer(document.text):
        giver = document.text[m.start():m.start("object")]
        yield Hit(m.start(), m.end(), f"same party as giver and receiver: '{m.group()}'", (giver + "itself",))
