"""grammar: grammar and usage problems found by LanguageTool (a server you run), off by default.

Switch it on with a `grammar:` section in the config (or `rules: {grammar: enable}`), and say
where LanguageTool runs: `grammar: {server: http://localhost:8081}`, else the environment
variable NEWSLINT_LANGUAGETOOL_URL, else a local install named by LTP_JAR_DIR_PATH (needs Java).
newslint never downloads LanguageTool. When no server answers, one line on stderr says how to
set one up and the other rules run as usual.

Each paragraph is sent once per run (repeats are answered from a cache). LanguageTool's
suggestions become the finding's replacements. A match at exactly the span of a finding from
one of newslint's own rules ("the the" and doubled-word) is dropped. Spelling (the TYPOS
category) is off by default because LanguageTool's speller flags the names news is full of;
`disabled-categories: []` brings it back. `picky: true` asks for LanguageTool's stricter level.
LanguageTool's suggestions are advice: --fix applies none unless `apply-suggestions: true`.
"""
from __future__ import annotations

from collections.abc import Iterator

from ..model import Hit

ID = "grammar"
CATEGORY = "grammar"
SEVERITY = "warning"
ENABLED = False
FIXABLE = False  # a suggestion is shown; `apply-suggestions: true` lets --fix apply a single one
STAGE = "summary"  # sees newslint's own findings, to drop LanguageTool's duplicates of them
OPTIONS = {
    "server": str, "language": str, "enabled-rules": list, "disabled-rules": list,
    "enabled-categories": list, "disabled-categories": list, "picky": bool, "timeout": (int, float),
    "apply-suggestions": bool,
}
DEFAULTS = {
    "server": "", "language": "en-US", "enabled-rules": [], "disabled-rules": [],
    "enabled-categories": [], "disabled-categories": ["TYPOS"], "picky": False, "timeout": 10,
    "apply-suggestions": False,
}
# Judged only where a LanguageTool server answers; tests/checks/test_grammar.py runs a stand-in.
EXAMPLES = {"fail": ["She go to school every day."], "pass": ["She goes to school every day."]}


def check(document, options, findings=()) -> Iterator[Hit]:
    from ..languagetool import check_paragraph

    taken = {(f.line, f.column, f.end_line, f.end_column) for f in findings}
    for p_start, p_end in document.paragraphs:
        paragraph = document.text[p_start:p_end]
        for issue in check_paragraph(paragraph, options):
            start, end = p_start + issue.start, p_start + issue.end
            if document.span_position(start, end) in taken:
                continue
            yield Hit(start, end, f"'{document.text[start:end]}': {issue.message} (LanguageTool {issue.rule_id})",
                      issue.replacements)
