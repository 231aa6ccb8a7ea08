"""Safe autofix: apply the replacements that have one intended wording, and nothing else.

A finding is fixed only when the report would show it (the caller's `keep`: --min-severity,
--baseline), its rule allows fixes (YAML `fix: false` or a module's FIXABLE = False forbid them;
the grammar rule's LanguageTool suggestions need `apply-suggestions: true`), it offers exactly
one replacement for a non-empty span, its span holds no markup that was blanked (a link,
emphasis, an entity), and it is not inside quoted speech, which an editor changes by hand.

Overlapping fixes are resolved in a fixed order: the earliest start wins, then the longer span,
then the rule id. The text is linted again after each pass, up to MAX_PASSES, and every fix of
every pass is returned, so the caller reports each one. Three guards keep the passes honest:
- a fix never glues two words together ("aid . ,more" -> "aid.more");
- no pass fixes text an earlier fix wrote. When one would, the earlier fix is the cause (a
  replacement that contains its own match, "Gaza Strip" -> "the Gaza Strip", or one that made
  new damage), so it is dropped for the whole file and the passes start again without it;
- a fix that was dropped stays in the report with its replacement, for the editor.

The edits themselves, which are safe, and the overlap order are edits.py (the runner marks findings
fixable from it); writing files safely (owners, links, read-only files, edits made during the run)
is fixwrite.py.
"""
from __future__ import annotations

import os
from bisect import bisect_right
from dataclasses import dataclass
from typing import Callable, Sequence

from .config import Config
from .edits import Edit, fixable, joins_words, mark_fixable, resolve, safe_edits  # noqa: F401 - fix's API too
from .model import Finding
from .runner import FileResult, lint_document, make_document

MAX_PASSES = 10
MAX_RESTARTS = 10
Keep = Callable[[FileResult], Sequence[Finding]]


@dataclass(frozen=True)
class Applied:
    """A fix that was made. start, end: the text it wrote, in the fixed text, trimmed to what
    changed ("fulfill with" -> "meet with" wrote "meet" over "fulfill"); shown and
    shown_replacement: the finding as the report showed it, which began at original_start in the
    text as read (for a fix found after earlier ones, where it would have been) and now spans span."""

    start: int
    end: int
    original: str
    replacement: str
    rule: str
    passes: int  # 1 = in the text as read; more = found after earlier fixes
    original_start: int
    shown: str
    shown_replacement: str
    span: tuple[int, int]
    at: int = 0  # where the written text stood in the text as read (orders deletions at one point)

    @property
    def key(self) -> tuple[str, str, str]:
        return self.rule, self.shown, self.shown_replacement


@dataclass(frozen=True)
class Fixed:
    """The text after fixing, each fix made, and the lint results before and after."""

    text: str
    applied: tuple[Applied, ...]
    result: FileResult
    before: FileResult


def reported(result: FileResult) -> Sequence[Finding]:
    return result.findings


def apply_edits(text: str, edits: Sequence[Edit]) -> str:
    pieces, position = [], 0
    for edit in edits:
        pieces += [text[position:edit.start], edit.replacement]
        position = edit.end
    return "".join(pieces + [text[position:]])


@dataclass(frozen=True)
class _Core:
    """The part of an edit that changes text: its common prefix and suffix with the original cut off."""

    start: int
    end: int
    original: str
    replacement: str
    edit: Edit


def _core(edit: Edit) -> _Core:
    original, replacement = edit.original, edit.replacement
    prefix = len(os.path.commonprefix([original, replacement]))
    suffix = len(os.path.commonprefix([original[prefix:][::-1], replacement[prefix:][::-1]]))
    return _Core(edit.start + prefix, edit.end - suffix, original[prefix:len(original) - suffix],
                 replacement[prefix:len(replacement) - suffix], edit)


class _Mover:
    """Offsets of a text before some disjoint, sorted edits -> offsets after them."""

    def __init__(self, spans: Sequence[tuple[int, int, int]]):  # (start, end, growth)
        self.spans = spans
        self.ends = [end for _, end, _ in spans]
        self.growth = [0]
        for _, _, grown in spans:
            self.growth.append(self.growth[-1] + grown)

    def move(self, offset: int, is_end: bool = False) -> int:
        i = bisect_right(self.ends, offset)
        while is_end and i and self.spans[i - 1][0] == self.spans[i - 1][1] == offset:
            i -= 1  # an insertion at a span's end goes after it
        if i < len(self.spans) and self.spans[i][0] < offset:  # inside an edit: to its start or end
            start, end, grown = self.spans[i]
            return start + self.growth[i] + ((end - start + grown) if is_end else 0)
        return offset + self.growth[i]


def _overlap(a: tuple[int, int], b: tuple[int, int]) -> bool:
    if a[0] == a[1] or b[0] == b[1]:  # a point: strictly inside the other span
        return a[0] < b[0] < a[1] or b[0] < a[0] < b[1]
    return max(a[0], b[0]) < min(a[1], b[1])


def _causes(edits: Sequence[Edit], cores: Sequence[_Core], applied: Sequence[Applied]) -> set:
    """Keys of earlier fixes this pass would undo or feed: an edit that changes text an earlier fix
    wrote, or one of the same fix inside the text that fix now spans (a replacement holding its match)."""
    starts = [a.start for a in applied]
    causes = set()
    for core in cores:
        i = max(0, bisect_right(starts, core.start) - 1)
        while i < len(applied) and applied[i].start <= core.end:
            if _overlap((core.start, core.end), (applied[i].start, applied[i].end)):
                causes.add(applied[i].key)
            i += 1
    same = {}
    for a in applied:
        same.setdefault(a.key, []).append(a.span)
    for edit in edits:
        if any(_overlap((edit.start, edit.end), span) for span in same.get(edit.key, ())):
            causes.add(edit.key)
    return causes


def _advance(applied: list[Applied], cores: Sequence[_Core], passes: int) -> list[Applied]:
    """The fixes so far and this pass's, as spans of the text after this pass."""
    mover = _Mover([(c.start, c.end, len(c.replacement) - len(c.original)) for c in cores])
    back = _Mover([(a.start, a.end, len(a.original) - len(a.replacement)) for a in applied])
    moved = [Applied(mover.move(a.start), mover.move(a.end, True), a.original, a.replacement, a.rule, a.passes,
                     a.original_start, a.shown, a.shown_replacement,
                     (mover.move(a.span[0]), mover.move(a.span[1], True)), a.at) for a in applied]
    for core in cores:
        start = mover.move(core.start)
        edit = core.edit
        moved.append(Applied(start, start + len(core.replacement), core.original, core.replacement, edit.rule, passes,
                             back.move(edit.start), edit.original, edit.replacement,
                             (mover.move(edit.start), mover.move(edit.end, True)), back.move(core.start)))
    return sorted(moved, key=lambda a: (a.start, a.end, a.at))


def _passes(text: str, path: str, config: Config, keep: Keep, dropped: set, linted: dict) -> Fixed | set:
    """Fix pass after pass; or the keys of earlier fixes a later pass would fix again."""
    current, applied, before = text, [], None
    for passes in range(1, MAX_PASSES + 1):
        if current not in linted:  # a restart lints the same texts again until it drops a fix
            document = make_document(current, path)
            linted[current] = document, lint_document(document, config)
        document, result = linted[current]
        before = before or result
        edits = resolve(e for e in safe_edits(document, keep(result), config)
                        if e.key not in dropped and not joins_words(current, e))
        cores = [_core(e) for e in edits]
        causes = _causes(edits, cores, applied)
        if causes:
            return causes
        if not edits:
            return Fixed(current, tuple(applied), result, before)
        current = apply_edits(current, [Edit(c.start, c.end, c.replacement, c.edit.rule) for c in cores])
        applied = _advance(applied, cores, passes)
    return Fixed(current, tuple(applied), lint_document(make_document(current, path), config), before)


def fix_text(text: str, path: str, config: Config, keep: Keep = reported) -> Fixed:
    """Fix a text: the fixed text, every fix made, the findings before and after."""
    dropped: set = set()
    linted: dict = {}
    for _ in range(MAX_RESTARTS):
        outcome = _passes(text, path, config, keep, dropped, linted)
        if isinstance(outcome, Fixed):
            return outcome
        dropped |= outcome
    result = linted[text][1]
    return Fixed(text, (), result, result)  # fixes that keep feeding each other: leave it all to the editor


def undo(fixed: str, applied: Sequence[Applied]) -> str:
    """The text as read, rebuilt from the fixed text and its fixes (the tests' check that nothing else moved)."""
    edits = [Edit(a.start, a.end, a.original, a.rule) for a in sorted(applied, key=lambda a: (a.start, a.end, a.at))]
    return apply_edits(fixed, edits)


def unified_diff(path: str, original: str, fixed: str) -> str:
    import difflib  # here, not at the top: every lint run imports this module, few show a diff

    lines = difflib.unified_diff(original.splitlines(keepends=True), fixed.splitlines(keepends=True),
                                 fromfile=f"a/{path}", tofile=f"b/{path}")
    return "".join(line if line.endswith("\n") else line + "\n\\ No newline at end of file\n" for line in lines)
