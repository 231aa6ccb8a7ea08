"""Figures that are claims, and the sources that back them: shared by the attribution rules.

The word lists live in rules/data/attribution.yaml; a rule option of the same name tunes one
(entries added, "-entry" removed). Everything here is pure: a Vocabulary is compiled once per
distinct set of options and cached.
"""
from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass
from functools import lru_cache
from typing import Iterable, Iterator, Mapping

from .document import fold
from .lazyre import LazyRegex, compile_checked, module_patterns
from .matcher import trie_pattern

LISTS = ("reporting-verbs", "reporting-forms", "not-sources", "source-phrases", "source-nouns", "counted-nouns",
         "claim-words", "toll-words", "exempt-units", "exempt-before", "age-before", "vague-phrases")

_APPROX = (r"(?:(?:just|well|a\s+little)\s+)?(?:over|under)|(?:more|greater)\s+than|fewer\s+than|less\s+than|"
           r"at\s+least|at\s+most|nearly|almost|about|around|roughly|approximately|some|up\s+to|as\s+many\s+as|"
           r"as\s+much\s+as|an\s+estimated|close\s+to|upwards\s+of|in\s+excess\s+of|a\s+total\s+of|a\s+record")
_NUMBER_WORD = (r"(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|"
                r"sixteen|seventeen|eighteen|nineteen|twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)"
                r"(?:[- ](?:one|two|three|four|five|six|seven|eight|nine))?")
_SCALE = r"(?:hundred|thousand|million|billion|trillion|crore|lakh)"
# The patterns below compile on first use (lazyre.py): a run answered from the result cache scans no figure.
FIGURE = LazyRegex(rf"""
    (?<![\w$£€¥.,:/-])(?<!\d\s)
    (?:(?P<approx>{_APPROX})\s+)?
    (?:
      (?P<currency>(?:US|A|C|NZ|HK|S)?\$|£|€|¥|₹|Rs\.?\s?|(?:USD|EUR|GBP)\s?)?
      (?P<number>\d{{1,3}}(?:,\d{{3}})+(?:\.\d+)?|\d+(?:\.\d+)?)
      (?:(?P<abbr>bn|m|mn|k|tn|trn)(?!\w)|(?P<scale>[\s-]?{_SCALE}s?)(?!\w))?
      (?P<percent>\s?(?:%|per\s?cent\b|percent\b))?
      (?P<money>\s(?:dollars|pounds|euros|yen|yuan|rupees|roubles|rubles|francs|pesos)\b)?
      (?![\w%])(?!-\w)(?![.,:]\d)(?!\s\d)
    |
      (?P<spelled_percent>{_NUMBER_WORD}\s+(?:percent|per\s?cent)\b)
    |
      (?P<spelled>(?:tens|hundreds)\s+of\s+thousands|(?:hundreds|thousands|millions|billions|dozens|scores)(?=\s+of\b)
         |(?:a|one|two|three|four|five|six|seven|eight|nine|ten|several|a\s+few|a\s+couple\s+of)\s+{_SCALE}s?\b
         |{_NUMBER_WORD}\b(?=(?:\s+[\w'’-]+){{1,2}})|dozens\b|a\s+dozen\b)
    )""", re.VERBOSE | re.IGNORECASE)
_NUMBER_WORDS = tuple(sorted(
    "tens hundreds thousands millions billions dozens dozen scores few couple hundred thousand million billion "
    "trillion crore lakh one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen "
    "sixteen seventeen eighteen nineteen twenty thirty forty fifty sixty seventy eighty ninety several".split()))
_ANCHOR = LazyRegex(r"\d|(?<!\w)(?:" + trie_pattern(list(_NUMBER_WORDS)) + r")(?!\w)", re.IGNORECASE)
# For lowered text: digits, and the (lowercase) number words standing as whole words, in two fast scans.
_DIGIT = LazyRegex(r"\d")
_TOLL_BEFORE, _TOLL_AFTER = 50, 60  # characters around a figure where a toll word makes it a toll
_LOWER_WORD_ANCHOR = LazyRegex(r"\b" + _ANCHOR.pattern[len(r"\d|(?<!\w)"):])
# Where a figure can start before its number: an approximation or a currency ("about $5m").
_PREFIX_START = LazyRegex(r"(?<!\S)(?:[$£€¥₹]|(?:just|well|a|over|under|more|greater|fewer|less|at|nearly|almost|"
                           r"about|around|roughly|approximately|some|up|as|an|close|upwards|in|us|c|nz|hk|s|usd|eur|gbp|rs)\b)",
                           re.IGNORECASE)
_MONTH = (r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sept?(?:ember)?|"
          r"oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)")
_MONTH_BEFORE = LazyRegex(rf"\b{_MONTH}\.?\s+$", re.IGNORECASE)
_MONTH_AFTER = LazyRegex(rf"\s*(?:of\s+)?{_MONTH}\b", re.IGNORECASE)
_YEAR = LazyRegex(r"(?:1[89]|20)\d\d")
# "47 percent said", "6 in 10 voters say", "a third of Democrats think": respondents, not a source.
_RESPONDENTS = LazyRegex(r"(?:%|\bper\s?cent\b|\bpercent\b|\bin\s+(?:10|ten)\b"
                          r"|\b(?:half|thirds?|quarters?|majority|plurality)\s+of\b)[^,;:—–]{0,50}?$", re.IGNORECASE)
_DEFINITE = LazyRegex(r"\b(?:the|these|those|both|its|his|her|their|our|my|your|all)\s+$", re.IGNORECASE)
_TITLE = LazyRegex(r"(?<![.!?:]\s)\b[A-Z][\w'’]*\s+$")  # "Shrek 2", "Ocean's 12", "Windows 10"
_DETERMINERS = "the|a|an|this|that|these|those|its|their|his|her|our|new|latest|last"
module_patterns(FIGURE, _ANCHOR, _DIGIT, _LOWER_WORD_ANCHOR, _PREFIX_START, _MONTH_BEFORE, _MONTH_AFTER, _YEAR,
                _RESPONDENTS, _DEFINITE, _TITLE)  # compiled programs from the config cache: first uses cost little


@dataclass(frozen=True)
class Figure:
    start: int
    end: int
    text: str
    kind: str  # money, percent, quantity, count


@dataclass(frozen=True)
class Vocabulary:
    source: re.Pattern
    not_source: re.Pattern
    vague: re.Pattern
    vague_folded: re.Pattern  # the same, case-sensitive, for Document.folded
    counted_after: re.Pattern
    claim_before: re.Pattern
    exempt_after: re.Pattern
    toll_before: re.Pattern
    toll_after: re.Pattern
    toll_firsts: tuple[str, ...]  # the toll words' first words, lower case (toll_word_starts)
    exempt_before: re.Pattern
    age_before: re.Pattern


@lru_cache(maxsize=1)
def builtin_lists() -> dict[str, tuple[str, ...]]:
    """The default word lists from rules/data/attribution.yaml."""
    from .config import rules_root  # config imports the registry, which imports the rules
    from .configcache import cached

    path = rules_root() / "data" / "attribution.yaml"
    return cached(f"lists:{path}", lambda: (_read_lists(path), [path]))  # a cache hit needs no PyYAML


def _read_lists(path) -> dict[str, tuple[str, ...]]:
    import yaml

    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # libyaml: 10x faster on this file
    data = yaml.load(path.read_text(encoding="utf-8"), Loader=loader)
    return {name: tuple(str(entry) for entry in data[name]) for name in LISTS}


def tuned(name: str, changes: tuple[str, ...]) -> tuple[str, ...]:
    """A built-in list with entries added, and "-entry" ones removed."""
    changes = tuple(str(c) for c in changes)
    removed = {c[1:].strip().lower() for c in changes if c.startswith("-")}
    entries = [e for e in builtin_lists()[name] if e.lower() not in removed]
    return tuple(entries + [c for c in changes if not c.startswith("-")])


def vocabulary_for(options: Mapping) -> Vocabulary:
    return _vocabulary(tuple((name, tuple(options.get(name, ()))) for name in LISTS))


@lru_cache(maxsize=32)
def _vocabulary(changes: tuple[tuple[str, tuple[str, ...]], ...]) -> Vocabulary:
    """The compiled vocabulary, kept in the config cache with its regexes' compiled programs
    (lazyre.py): compiling these eleven large alternations was a third of a one-file run."""
    from .config import rules_root
    from .configcache import cached

    path = rules_root() / "data" / "attribution.yaml"
    return cached(f"vocabulary:{path}:{changes!r}", lambda: (_compiled_vocabulary(changes), [path]))


def _compiled_vocabulary(changes: tuple[tuple[str, tuple[str, ...]], ...]) -> Vocabulary:
    lists = {name: tuned(name, entries) for name, entries in changes}
    words = [form for verb in lists["reporting-verbs"] for form in _inflections(verb)]
    words += [*lists["reporting-forms"], *lists["source-phrases"], *lists["vague-phrases"]]
    nouns = _alternation(lists["source-nouns"])
    source = "|".join([
        _alternation(words),
        rf"{nouns}\s+(?:from|by|published|released|compiled|issued|produced|commissioned)\b",  # a report by X
        rf"['’]s\s+(?:[\w-]+\s+)?{nouns}",  # the ministry's (latest) figures
        rf"\b(?!(?:{_DETERMINERS})\b)(?-i:[A-Z])[\w&-]*\s+{nouns}",  # a named report: the ONS figures
    ])
    return Vocabulary(
        source=compile_checked(source, re.IGNORECASE),
        not_source=compile_checked(_alternation(lists["not-sources"]), re.IGNORECASE),
        vague=compile_checked(_alternation(lists["vague-phrases"]), re.IGNORECASE),
        vague_folded=compile_checked(_alternation(lists["vague-phrases"])),
        counted_after=compile_checked(rf"\s+(?:[\w'’-]+\s+){{0,2}}?{_alternation(lists['counted-nouns'])}", re.IGNORECASE),
        claim_before=compile_checked(rf"{_alternation(lists['claim-words'])}\s+(?:[\w'’-]+\s+){{0,2}}$", re.IGNORECASE),
        toll_before=compile_checked(rf"{_alternation(lists['toll-words'])}\s+(?:[\w'’-]+\s+){{0,3}}$", re.IGNORECASE),
        toll_after=compile_checked(rf"\s+(?:[\w'’-]+\s+){{0,3}}?{_alternation(lists['toll-words'])}", re.IGNORECASE),
        toll_firsts=tuple(sorted({e.lower().split()[0] for e in lists["toll-words"] if e.strip()})),
        exempt_after=compile_checked(rf"[\s-]*{_alternation(lists['exempt-units'])}", re.IGNORECASE),
        exempt_before=compile_checked(rf"{_alternation(lists['exempt-before'])}\s*$", re.IGNORECASE),
        age_before=compile_checked(rf"{_alternation(lists['age-before'])}\s+$", re.IGNORECASE),
    )


def _alternation(entries) -> str:
    """A regex for literal words or phrases (compile it case-insensitive), word-bounded, as a trie."""
    words = sorted({" ".join(e.lower().split()) for e in entries if e.strip()})
    return rf"(?<!\w)(?:{trie_pattern(words)})(?!\w)"


def _inflections(word: str) -> set[str]:
    """A verb with its regular -s, -ed and -ing forms (irregular ones are listed as words)."""
    if " " in word:
        first, rest = word.split(" ", 1)
        return {f"{form} {rest}" for form in _inflections(first)}
    forms = {word, word + "s", word + "ed", word + "ing", word + "es"}
    if word.endswith("e"):
        forms |= {word + "d", word[:-1] + "ing"}
    if word.endswith("y") and word[-2:-1] not in ("a", "e", "o", "u"):
        forms |= {word[:-1] + "ies", word[:-1] + "ied"}
    if re.search(r"[^aeiou][aeiou][bdglmnprt]$", word):
        forms |= {word + word[-1] + "ed", word + word[-1] + "ing"}  # admitted, putting
    return forms


def claim_figures(text: str, start: int, end: int, vocab: Vocabulary,
                  anchors: list[int] | None = None) -> Iterator[Figure]:
    """The figures in text[start:end] that are claims (counts, money, percentages, quantities).

    `anchors`, figure_anchors(text) computed once, saves scanning each span again."""
    for m in _figure_matches(text, start, end, anchors):
        kind = _claim_kind(text, m, vocab)
        if kind:
            yield Figure(m.start(), m.end(), m.group(), "toll" if _is_toll(text, m, vocab) else kind)


def toll_word_near(tolls: list[int], start: int, end: int) -> bool:
    """Whether a toll word (toll_word_starts) starts near text[start:end]: where none does, no
    figure of the span is a toll, as _is_toll reads no further than this from a figure."""
    at = bisect_left(tolls, start - _TOLL_BEFORE)
    return at < len(tolls) and tolls[at] < end + _TOLL_AFTER


def _folded(text: str, folded: str | None) -> str | None:
    """document.fold(text): `folded` when given (Document.folded, computed once per document for
    several rules), else computed here."""
    return folded if folded is not None else fold(text)


def toll_word_starts(text: str, vocab: Vocabulary, folded: str | None = None) -> list[int] | None:
    """Where the first word of a toll word starts in the text, inside words too, in order: every
    toll _is_toll finds starts at one of them. One automaton pass over the lowered text; None
    (no quick test) where that would not be exact: lowering moves offsets or the text holds a
    letter IGNORECASE folds to ASCII (as figure_anchors), or there is no pyahocorasick; and for a
    list with a word that is not ASCII (IGNORECASE folds some letters that lower() leaves apart,
    "ς" and "σ"), or with none."""
    if not vocab.toll_firsts or not all(word.isascii() for word in vocab.toll_firsts):
        return None
    automaton = _automaton(vocab.toll_firsts)
    lowered = _folded(text, folded) if automaton is not None else None
    if lowered is None:
        return None
    return sorted(end - size + 1 for end, size in automaton.iter(lowered))


def figure_anchors(text: str, folded: str | None = None) -> list[int]:
    """Where a figure can start (a digit or a number word), in order: a span without one holds none.

    Anchors never overlap and are bounded by non-word characters, so one scan of the whole text
    finds what a scan of each sentence would. The scan runs case-sensitively on the lowered text
    (2-3 times faster than IGNORECASE) unless lowering moves offsets or the text holds one of the
    four non-ASCII letters that IGNORECASE also matches to ASCII ones (`folded`: as _folded)."""
    lowered = _folded(text, folded)
    if lowered is None:
        return [m.start() for m in _ANCHOR.finditer(text)]
    words = _whole_words(lowered)  # letters only: never on a digit
    return sorted([m.start() for m in _DIGIT.finditer(lowered)] + words)


def _whole_words(lowered: str) -> list[int]:
    """Where a number word stands as a whole word in the lowered text: what _LOWER_WORD_ANCHOR finds
    (its matches are whole words, so they never overlap), in half the time with the automaton
    (a regex tries every word start; the automaton's hits are a few a paragraph)."""
    automaton = _automaton(_NUMBER_WORDS)
    if automaton is None:
        return [m.start() for m in _LOWER_WORD_ANCHOR.finditer(lowered)]
    starts, last = [], len(lowered) - 1
    for end, size in automaton.iter(lowered):
        start = end - size + 1
        if start and (lowered[start - 1].isalnum() or lowered[start - 1] == "_"):
            continue  # inside a word: "one" in "someone"; str.isalnum and "_" are what \w matches
        if end < last and (lowered[end + 1].isalnum() or lowered[end + 1] == "_"):
            continue  # "six" in "sixty" (found as a word of its own too)
        starts.append(start)
    return starts


@lru_cache(maxsize=8)
def _automaton(words: tuple[str, ...]):
    """An Aho-Corasick automaton whose hits give each word's length; None without pyahocorasick."""
    try:
        import ahocorasick
    except ImportError:  # pragma: no cover - the regex does the same, more slowly
        return None
    automaton = ahocorasick.Automaton()
    for word in words:
        automaton.add_word(word, len(word))
    automaton.make_automaton()
    return automaton


def _figure_matches(text: str, start: int, end: int, anchors: list[int] | None = None) -> Iterator[re.Match]:
    """FIGURE matches, tried only around a digit or a number word: a scan of every position is 5x slower."""
    last = start
    if anchors is None:
        positions: Iterable[int] = (a.start() for a in _ANCHOR.finditer(text, start, end))
    else:
        # A slice, not islice: islice steps through every anchor before the span, which made a
        # text's scan quadratic in its anchors (bench/growth.py's toll-figures).
        positions = anchors[bisect_left(anchors, start):bisect_left(anchors, end)]
    for anchor in positions:
        if anchor < last:
            continue
        window = max(last, anchor - 24)
        tokens = [t.start() for t in _PREFIX_START.finditer(text, window, anchor)]
        for position in tokens + [anchor]:
            m = FIGURE.match(text, position, end)
            if m and m.end() > anchor:
                last = m.end()
                yield m
                break


def _claim_kind(text: str, m: re.Match, vocab: Vocabulary) -> str | None:
    if m.group("currency") or m.group("money"):
        return "money"
    if m.group("percent") or m.group("spelled_percent"):
        return "percent"
    if m.group("abbr"):
        return None  # "100m" without a currency is a distance
    after = text[m.end():m.end() + 60]
    before = text[max(0, m.start() - 40):m.start()]
    if vocab.exempt_after.match(after) or vocab.exempt_before.search(before):
        return None
    if m.group("spelled"):
        if _DEFINITE.search(before) or re.fullmatch(r"one", m.group("spelled"), re.I):
            return None  # "the two men", "one of them": a reference, not a count
        counted = vocab.counted_after.match(after) or vocab.claim_before.search(before)
        word_number = not re.search(rf"{_SCALE}|dozen|hundreds|thousands|millions|billions|scores",
                                    m.group("spelled"), re.IGNORECASE)
        return None if word_number and not counted else "quantity"
    if _is_date_or_year(m, before, after) or (not m.group("approx") and _TITLE.search(before)):
        return None
    if m.group("scale"):
        return "quantity"
    if _is_age(m, before, after, vocab):
        return None
    if m.group("approx") or vocab.counted_after.match(after) or vocab.claim_before.search(before) \
            or _is_toll(text, m, vocab):
        return "count"
    return None


def _is_age(m: re.Match, before: str, after: str, vocab: Vocabulary) -> bool:
    """A bare number after "she was", "turned", "died at": a person's age, unless a counted noun follows."""
    number = m.group("number")
    if m.group("approx") or not number.isdigit() or int(number) > 120:
        return False
    return bool(vocab.age_before.search(before)) and not vocab.counted_after.match(after)


def _is_toll(text: str, m: re.Match, vocab: Vocabulary) -> bool:
    before = text[max(0, m.start() - _TOLL_BEFORE):m.start()]
    return bool(vocab.toll_before.search(before) or vocab.toll_after.match(text, m.end(), m.end() + _TOLL_AFTER))


def _is_date_or_year(m: re.Match, before: str, after: str) -> bool:
    number = m.group("number")
    if _YEAR.fullmatch(number) and not m.group("approx"):
        return True
    small = "," not in number and "." not in number and int(number) <= 31
    return small and bool(_MONTH_BEFORE.search(before) or _MONTH_AFTER.match(after))


def has_source(text: str, start: int, end: int, vocab: Vocabulary) -> bool:
    """A source in text[start:end]; a verb whose subject is a figure is a poll answer, not a source."""
    excluded = None  # read only once a source is found: most unsourced sentences have none
    for m in vocab.source.finditer(text, start, end):
        if excluded is None:
            excluded = [n.span() for n in vocab.not_source.finditer(text, start, end)]
        if any(s <= m.start() < e for s, e in excluded):
            continue
        if not _RESPONDENTS.search(text, max(start, m.start() - 60), m.start()):
            return True
    return False
