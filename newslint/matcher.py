"""One pass over the text for every phrase rule (substitution and existence).

Each phrase is filed under its literal text (the whole phrase, or for a regex the literal
words it starts with, "in response to"). One Aho-Corasick automaton (pyahocorasick) finds in C
every place where any of them occurs in the lowered text; only there does Python try the
phrases filed under it. So a thousand entries cost little more than ten. Without the library,
or on a text with runs of spaces (the automaton needs single spaces), one regex built as a trie
of the leading words does the same more slowly. Phrases with no literal first word (a regex
starting with a group) are found by one zero-width union scan instead of one scan each.
"""
from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Callable, Iterator

from .document import FOLDED_TO_ASCII, Document
from .lazyre import LazyRegex, module_patterns
from .regexstems import required_literal

try:  # optional C Aho-Corasick automaton; without it the regex trie below finds the same anchors
    import ahocorasick
except ImportError:  # pragma: no cover - exercised by a test that hides the module
    ahocorasick = None

_LITERAL_PREFIX = LazyRegex(r"[A-Za-z0-9]+")
_CONTEXT_WINDOW = 120
_WORD_START = r"(?<!\w)"
_FIRST_WORD = LazyRegex(r"\w+")
# A stem shorter than this ("a") starts too many words to be worth a hit each: gate the entry instead.
_MIN_STEM = 3


@dataclass(frozen=True)
class PhraseEntry:
    """One phrase of a rule: what to match, what must (not) surround it, what to suggest."""

    rule: str
    regex: re.Pattern
    replacements: tuple[str, ...] = ()
    followed_by: re.Pattern | None = None
    not_followed_by: re.Pattern | None = None
    preceded_by: re.Pattern | None = None
    not_preceded_by: re.Pattern | None = None
    message: str | None = None
    template: bool = False  # replacements use {group} placeholders
    anchor: str | None = None
    literal: str | None = None  # the whole phrase, lowercased and single-spaced, when it has no regex
    stems: tuple[str, ...] = ()  # no anchor: one of these literal word starts begins every match (regexstems.py)

    def context_allows(self, text: str, start: int, end: int) -> bool:
        after = text[end : end + _CONTEXT_WINDOW]
        before = text[max(0, start - _CONTEXT_WINDOW) : start]
        if self.followed_by and not self.followed_by.match(after):
            return False
        if self.not_followed_by and self.not_followed_by.match(after):
            return False
        if self.preceded_by and not self.preceded_by.search(before):
            return False
        if self.not_preceded_by and self.not_preceded_by.search(before):
            return False
        return True


@dataclass(frozen=True)
class PhraseMatch:
    entry: PhraseEntry
    match: re.Match


def phrase_regex(phrase: str, is_regex: bool) -> str:
    """Regex source for a phrase: literal words with flexible spacing and apostrophes, word-bounded."""
    if is_regex:
        body = phrase
    else:
        body = re.escape(phrase.strip())
        body = re.sub(r"(?:\\ )+", r"\\s+", body)
        body = re.sub("['’]", "['’]", body)
    head = r"(?<!\w)" if re.match(r"\w", phrase.strip()) or is_regex else ""
    tail = r"(?!\w)" if re.search(r"\w$", phrase.strip()) or is_regex else ""
    return f"{head}(?:{body}){tail}"


def literal_anchor(phrase: str, is_regex: bool) -> str | None:
    """The literal leading words of a phrase ("in response to"), lowercased, if it starts with one.

    A word counts only where the phrase's word really ends (a space, \\s, \\b, \\W, punctuation
    or the end), so "colou?r" and "navigat(?:e|ing)" have no anchor and are scanned another way.
    """
    text = phrase.strip()
    if is_regex and _has_top_level_alternation(text):
        return None
    words: list[str] = []
    position = 0
    while True:
        word = _LITERAL_PREFIX.match(text, position)
        if not word:
            break
        rest = text[word.end() :]
        if rest and not _word_ends(rest, is_regex):
            break
        words.append(word.group())
        separator = re.match(r" |\\s\+?(?![*?])", rest) if is_regex else re.match(r" ", rest)
        if not rest or not separator:
            break
        position = word.end() + separator.end()
    return " ".join(words).lower() if words else None


def _word_ends(rest: str, is_regex: bool) -> bool:
    """Whether a literal word is complete when `rest` follows it in the phrase."""
    if not is_regex:
        return not (rest[0].isalnum() or rest[0] == "_")
    return bool(re.match(r" |\\s(?![*?])|\\b|\\W|\\[-.,'’:;!]|[-,'’:;!\"]", rest))


def _has_top_level_alternation(pattern: str) -> bool:
    depth, in_class, escaped = 0, False, False
    for char in pattern:
        if escaped:
            escaped = False
        elif char == "\\":
            escaped = True
        elif in_class:
            in_class = char != "]"
        elif char == "[":
            in_class = True
        elif char == "(":
            depth += 1
        elif char == ")":
            depth -= 1
        elif char == "|" and depth == 0:
            return True
    return False


def trie_pattern(words: list[str]) -> str:
    """A regex matching exactly the given words, factored by shared prefixes ("in|inside" -> "in(?:side)?")."""
    trie: dict = {}
    for word in words:
        node = trie
        for char in word:
            node = node.setdefault(char, {})  # a space stands for any run of whitespace
        node[""] = {}
    return _trie_regex(trie)


def _trie_regex(node: dict) -> str:
    ends_here = "" in node
    branches = [(r"\s+" if char == " " else re.escape(char)) + _trie_regex(child)
                for char, child in sorted(node.items()) if char]
    if not branches:
        return ""
    body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
    if ends_here:
        return f"(?:{body})?" if len(branches) > 1 or len(body) > 1 else f"{body}?"
    return body


def flatten(lowered: str) -> str | None:
    """The lowered text with every separator a single space and ’ as ', offsets unchanged.

    None when a run of spaces would hide a phrase from the literal automaton (the regex trie,
    which allows any whitespace between words, is used then)."""
    flat = (lowered.replace("\n\n", "\x00\x00").replace("\n", " ")  # no phrase runs across a blank line
            .replace("\t", " ").replace("\xa0", " ").replace("\r", "\x00").replace("\u2019", "'"))
    return None if "  " in flat else flat


_SPACE_RUN = LazyRegex("  +")
module_patterns(_LITERAL_PREFIX, _FIRST_WORD, _SPACE_RUN)


@lru_cache(maxsize=1)
def _spaces() -> dict[int, str]:
    """Every white space character \\s matches, as a space: built on first use (1 ms of a one-file
    run's start that only a text with runs of spaces needs)."""
    return {i: " " for i in range(0x3001) if chr(i).isspace()}


def squeeze(lowered: str) -> tuple[str, Callable[[int], int]]:
    """The text with every run of white space one space (and ’ as '), and a map back to offsets."""
    spaced = lowered.translate(_spaces()).replace("\u2019", "'")
    pieces, marks, shifts, last, shift = [], [], [], 0, 0
    for run in _SPACE_RUN.finditer(spaced):
        pieces.append(spaced[last:run.start() + 1])
        shift += len(run.group()) - 1
        marks.append(run.start() + 1 - (shift - len(run.group()) + 1))  # squeezed offset after the run
        shifts.append(shift)
        last = run.end()
    pieces.append(spaced[last:])

    def where(offset: int) -> int:
        index = bisect_right(marks, offset) - 1
        return offset + (shifts[index] if index >= 0 else 0)
    return "".join(pieces), where


@dataclass
class PhraseEngine:
    """All phrase entries of the active rules, filed by their literal text and by first word."""

    index: dict[str, list[PhraseEntry]] = field(default_factory=dict)
    prefixes: set[str] = field(default_factory=set)
    keyed: dict[str, list[PhraseEntry]] = field(default_factory=dict)
    unanchored: list[PhraseEntry] = field(default_factory=list)
    stemmed: dict[str, list[PhraseEntry]] = field(default_factory=dict)  # stem -> unanchored entries
    # Unanchored entries with a short stem, each with a literal all its matches hold: such an entry
    # is scanned for (zero-width, on its own) only in a text that holds its literal.
    gated: list[tuple[PhraseEntry, str]] = field(default_factory=list)
    gates_short_stems = True  # a class constant, not a field: user rules keep every regex guarded
    _anchors: tuple[int, re.Pattern, re.Pattern] | None = None
    _automaton: tuple[int, object] | None = None
    _unions: dict[bool, tuple[int, list[re.Pattern]]] = field(default_factory=dict)

    def add(self, entry: PhraseEntry) -> None:
        if entry.anchor:
            self.index.setdefault(entry.anchor.split()[0], []).append(entry)
            self.prefixes.add(entry.anchor)
            self.keyed.setdefault(entry.literal or entry.anchor, []).append(entry)
        else:
            self.unanchored.append(entry)
            gate = self._gate(entry)
            if gate:
                self.gated.append((entry, gate))
                return
            for stem in entry.stems:
                self.stemmed.setdefault(stem, []).append(entry)

    def _gate(self, entry: PhraseEntry) -> str:
        if not self.gates_short_stems or not any(len(stem) < _MIN_STEM for stem in entry.stems):
            return ""
        literal = required_literal(entry.regex)
        return literal if len(literal) > _MIN_STEM else ""

    def _gated_starts(self, text: str, lowered: str, found: dict[int, list[PhraseEntry]]) -> None:
        """Where each gated entry matches, in a text that holds its literal (lowered: the four letters
        IGNORECASE matches to ASCII ones do not lower to them, so with one of them every gate opens)."""
        folds = any(c in text for c in FOLDED_TO_ASCII)
        for entry, literal in self.gated:
            if folds or literal in lowered:
                for m in re.compile(f"(?=(?:{entry.regex.pattern}))", entry.regex.flags).finditer(text):
                    found.setdefault(m.start(), []).append(entry)

    def scan(self, text: str) -> Iterator[PhraseMatch]:
        lowered = text.lower()
        automaton = ahocorasick is not None and len(lowered) == len(text)
        flat = flatten(lowered) if automaton else None
        stem_hits: dict[int, list[str]] = {}
        if flat is not None:  # the automaton also finds the stems of unanchored entries
            yield from self._scan_automaton(text, flat, None, stem_hits)
        elif automaton:
            # Runs of spaces: the automaton reads the text with each run of white space squeezed to
            # one space, as the regex trie allows any (blank lines too). Its matches are put in the
            # trie's order (by offset, then entry order), so the findings are the trie's.
            squeezed, where = squeeze(lowered)
            found = self._scan_automaton(text, squeezed, where, stem_hits)
            yield from sorted(found, key=lambda m: (m.match.start(), self._trie_rank(m.entry)))
        else:
            yield from self._scan_trie(text, lowered)
        unions = self._unanchored_regexes(with_stems=not automaton)
        scanned = {c.start() for union in unions for c in union.finditer(text)}
        gated: dict[int, list[PhraseEntry]] = {}
        if automaton:
            self._gated_starts(text, lowered, gated)
        # At each start, every entry that may match there, in entry order (as one scan of all did):
        # those the scan covers where it found a start, those with a stem found there, and the gated
        # ones that match there.
        for start in sorted(scanned.union(stem_hits, gated)):
            if not automaton:
                entries = self.unanchored
            else:
                entries = [e for s in stem_hits.get(start, ()) for e in self.stemmed[s]] + gated.get(start, [])
                if start in scanned:
                    entries += [e for e in self.unanchored if not e.stems]
                if len(entries) > 1:
                    entries = [e for e in self.unanchored if e in entries]  # in entry order
            for entry in entries:
                yield from self._try(entry, text, start)

    def _scan_automaton(self, text: str, flat: str, where, stem_hits: dict[int, list[str]]) -> Iterator[PhraseMatch]:
        """Every literal key in one C pass (Aho-Corasick); Python only sees where a key occurs.
        `where` maps an offset of flat to one of text (None: the same); the stems that start a
        word go into stem_hits, by offset."""
        if not self.keyed and not self.stemmed:
            return
        for end, key in self._literal_automaton().iter(flat):
            start = end - len(key) + 1
            if start and (flat[start - 1].isalnum() or flat[start - 1] == "_"):
                continue  # inside a word: "round" in "around"
            start = where(start) if where else start
            if key in self.stemmed:
                stem_hits.setdefault(start, []).append(key)
            for entry in self.keyed.get(key, ()):
                yield from self._try(entry, text, start)

    def _trie_rank(self, entry: PhraseEntry) -> int:
        """Where the trie scan tries an entry among those of its first word."""
        return self.index[entry.anchor.split()[0]].index(entry)

    def _scan_trie(self, text: str, lowered: str) -> Iterator[PhraseMatch]:
        # The anchors are lowercase: matching them case-sensitively against the lowered text is
        # 2.5x faster than IGNORECASE. A few characters change length when lowered; then the
        # offsets would drift, so such a text is scanned with IGNORECASE.
        folded = len(lowered) == len(text)
        for found in self._anchor_regex(folded).finditer(lowered if folded else text):
            first = _FIRST_WORD.match(text, found.start()).group().lower()
            for entry in self.index.get(first, ()):
                yield from self._try(entry, text, found.start())

    def _literal_automaton(self):
        size = len(self.keyed) + len(self.stemmed)
        if self._automaton is None or self._automaton[0] != size:
            automaton = ahocorasick.Automaton()
            for key in {**self.keyed, **self.stemmed}:
                automaton.add_word(key, key)
            automaton.make_automaton()
            self._automaton = (size, automaton)
        return self._automaton[1]

    @staticmethod
    def _try(entry: PhraseEntry, text: str, position: int) -> Iterator[PhraseMatch]:
        match = entry.regex.match(text, position)
        if match and entry.context_allows(text, match.start(), match.end()):
            yield PhraseMatch(entry, match)

    def _anchor_regex(self, folded: bool = False) -> re.Pattern:
        """Every anchor as one trie regex, zero-width so that overlapping anchors are all found.

        No capture group: capturing at every word start costs a third of the scan; the first
        word is read again only where an anchor matched."""
        if self._anchors is None or self._anchors[0] != len(self.prefixes):
            trie = trie_pattern(sorted(self.prefixes))
            pattern = rf"(?<!\w)(?=(?:{trie})(?!\w))" if self.prefixes else r"(?!)"
            self._anchors = (len(self.prefixes), re.compile(pattern, re.IGNORECASE), re.compile(pattern))
        return self._anchors[2] if folded else self._anchors[1]

    def _unanchored_regexes(self, with_stems: bool = True) -> list[re.Pattern]:
        """Zero-width unions of the entries without an anchor (less those with stems, which the
        automaton finds, unless it is not used): one scan finds where any may start.

        Entries are grouped by case flag and the shared word-start lookbehind is hoisted out of
        the branches; both keep the C scanner's fast paths (a 6x difference on news copy).
        """
        cached = self._unions.get(with_stems)
        if cached is None or cached[0] != len(self.unanchored):
            groups: dict[tuple[int, bool], list[str]] = {}
            for entry in self.unanchored if with_stems else [e for e in self.unanchored if not e.stems]:
                source = entry.regex.pattern
                hoisted = source.startswith(_WORD_START)
                body = source[len(_WORD_START):] if hoisted else source
                groups.setdefault((entry.regex.flags & re.IGNORECASE, hoisted), []).append(body)
            unions = [re.compile((_WORD_START if hoisted else "") + "(?=(?:" + "|".join(bodies) + "))", flags)
                      for (flags, hoisted), bodies in groups.items()]
            self._unions[with_stems] = (len(self.unanchored), unions)
        return self._unions[with_stems][1]

    def matches_by_rule(self, document: Document) -> dict[str, list[PhraseMatch]]:
        """Run the single scan once per document and share its result among the phrase rules."""
        cache = document.__dict__.setdefault("_phrase_scans", {})
        key = id(self)
        if key not in cache:
            grouped: dict[str, list[PhraseMatch]] = {}
            for found in self.scan(document.text):
                grouped.setdefault(found.entry.rule, []).append(found)
            cache[key] = grouped
        return cache[key]
