"""The YAML rule kinds: how substitution, existence, pattern and line rules find their hits.

yamlrules.py reads and validates a rule file; the builders here (`phrases`, `pattern`, `line`)
compile its kind-specific keys into a picklable check object, reporting problems to the Reader.
"""
from __future__ import annotations

import dataclasses
import re
from array import array
from typing import Any, Iterator

from .display import quoted
from .document import Document
from .lazyre import compile_checked
from .lineneedles import Needles, holds, needles, opens_anywhere
from .matcher import PhraseEngine, PhraseEntry, literal_anchor, phrase_regex
from .model import Hit, Rule
from .regexstems import stems
from .userregex import compile_errors, compile_user, is_guarded
from .yamlfile import Problem, YamlFile

ENTRY_KEYS = {"replace", "regex", "followed-by", "not-followed-by", "preceded-by", "not-preceded-by",
              "message", "fail", "pass"}


class Reader:
    """Collects problems while reading one rule file.

    A trusted file (a built-in rule set) has its regexes compiled with `re`; anyone else's are
    compiled with `regex` and run under a time budget (newslint/userregex.py)."""

    def __init__(self, source: YamlFile, trusted: bool = False):
        self.source = source
        self.trusted = trusted
        self.problems: list[Problem] = []

    def fail(self, keys: tuple, message: str) -> None:
        self.problems.append(self.source.problem(keys, message))

    def regex(self, keys: tuple, pattern: Any, flags: int = 0, shown: Any = None) -> Any:
        """The compiled pattern, or None with a problem. `shown` is what the user wrote, if the
        pattern wraps it (a phrase's word bounds, a context's spacing). A built-in pattern is a
        LazyRegex (a cached config compiles it only when it is used); a user's runs under a time budget."""
        if not isinstance(pattern, str):
            self.fail(keys, f"expected a regex string, got {quoted(pattern)}")
            return None
        try:
            if self.trusted:
                return compile_checked(pattern, flags)
            where = f"{self.source.name}: {'.'.join(str(k)[:60] for k in keys)}"
            return compile_user(pattern, flags, where, shown if isinstance(shown, str) else None)
        except compile_errors() as exc:
            self.fail(keys, f"regex {quoted(pattern if shown is None else shown)} does not compile: {exc}")
            return None

    def strings(self, keys: tuple, value: Any) -> tuple[str, ...]:
        items = [value] if isinstance(value, str) else value
        if not isinstance(items, list) or not all(isinstance(i, str) for i in items):
            self.fail(keys, f"expected a string or a list of strings, got {quoted(value)}")
            return ()
        return tuple(items)

    def flag(self, keys: tuple, value: Any, default: bool) -> bool:
        """A true/false key: the YAML booleans only ("false" and 'no' in quotes are strings, not false)."""
        if value is None:
            return default
        if not isinstance(value, bool):
            self.fail(keys, f"expected true or false, got {quoted(value)}")
            return default
        return value

    def template(self, keys: tuple, text: Any, allowed: set[str]) -> None:
        """A message or replacement: named placeholders from `allowed`, no format spec, valid braces."""
        import string  # here: a run from the cached config reads no rule file

        if not isinstance(text, str):
            self.fail(keys, f"expected a string, got {quoted(text)}")
            return
        try:
            fields = [(name, spec, conversion) for _, name, spec, conversion in string.Formatter().parse(text)
                      if name is not None]
        except ValueError as exc:
            self.fail(keys, f"bad placeholder syntax in {quoted(text)}: {exc} (write {{{{ and }}}} for braces)")
            return
        for name, spec, conversion in fields:
            if name not in allowed:
                choices = f"use {', '.join(sorted(allowed))}" if allowed else "the pattern has no named groups"
                self.fail(keys, f"unknown placeholder {{{quoted(name)[1:-1]}}} ({choices})")
            elif spec or conversion:
                self.fail(keys, f"placeholder {{{name}}} takes no format spec or conversion")


@dataclasses.dataclass(frozen=True)
class Style:
    """How a rule turns a match into a Hit: message, quoted-speech handling, exceptions."""

    rule: str
    message: str
    in_quotes: str
    exceptions: tuple[re.Pattern, ...]

    def hit(self, document: Document, start: int, end: int, replacements: tuple[str, ...],
            fields: dict[str, str], message: str | None = None) -> Hit | None:
        if self._excepted(document.text, start, end):
            return None
        quoted = document.in_quote(start)
        if quoted and self.in_quotes == "skip":
            return None
        values = {"match": document.text[start:end], "replacement": " or ".join(replacements), **fields}
        text = (message or self.message).format_map(Blank(values))
        if quoted and self.in_quotes == "note":
            text += " (in quoted speech)"
        return Hit(start, end, text, replacements)

    def _excepted(self, text: str, start: int, end: int) -> bool:
        window_start = max(0, start - 80)
        window = text[window_start : end + 80]
        return any(m.start() + window_start <= start and end <= m.end() + window_start
                   for exc in self.exceptions for m in exc.finditer(window))


class Blank(dict):
    def __missing__(self, key: str) -> str:
        return ""


def match_case(replacement: str, original: str) -> str:
    """Give the replacement the case of the text it replaces (Title, UPPER or as written)."""
    if len(original) > 1 and original.isupper() and any(c.isalpha() for c in original):
        return replacement.upper()
    if original[:1].isupper() and replacement[:1].islower():
        return replacement[:1].upper() + replacement[1:]
    return replacement


# -- substitution and existence ------------------------------------------------------------------
@dataclasses.dataclass(frozen=True)
class PhraseCheck:
    """Check function of a phrase rule; the shared engine runs one scan for all phrase rules."""

    style: Style
    entries: tuple[PhraseEntry, ...]
    engine: PhraseEngine | None = None

    def with_engine(self, engine: PhraseEngine) -> PhraseCheck:
        return dataclasses.replace(self, engine=engine)

    def __call__(self, document: Document, options: Any = None) -> Iterator[Hit]:
        engine = self.engine or _engine_of(self.entries)
        found = engine.matches_by_rule(document).get(self.style.rule)
        if not found:  # most rules find nothing in most documents
            return
        found = sorted(found, key=lambda f: (f.match.start(), -f.match.end()))
        last_end = -1
        for item in found:
            start, end = item.match.span()
            if start < last_end:  # overlapping matches of one rule: keep the first, longest
                continue
            replacements = tuple(match_case(_expand(r, item), item.match.group()) for r in item.entry.replacements)
            hit = self.style.hit(document, start, end, replacements, {}, item.entry.message)
            if hit:
                last_end = end
                yield hit


def _expand(replacement: str, item: Any) -> str:
    if not item.entry.template:
        return replacement
    return replacement.format_map(Blank({k: v or "" for k, v in item.match.groupdict().items()}))


class UserPhraseEngine(PhraseEngine):
    """The engine of one user's phrase rule: every regex guarded, so that a timeout is that rule's alone.

    The shared engine joins unanchored entries into one `re` union; here each stays a guarded
    lookahead of its own."""

    gates_short_stems = False  # a gated entry's scan would be an unguarded regex

    def _unanchored_regexes(self, with_stems: bool = True) -> list[Any]:
        cached = self._unions.get(with_stems)
        if cached is None or cached[0] != len(self.unanchored):
            entries = self.unanchored if with_stems else [e for e in self.unanchored if not e.stems]
            scans = [compile_user(f"(?=(?:{e.regex.pattern}))", e.regex.flags, e.regex.where, e.regex.shown)
                     for e in entries]
            self._unions[with_stems] = (len(self.unanchored), scans)
        return self._unions[with_stems][1]


def _is_user(check: PhraseCheck) -> bool:
    return any(is_guarded(entry.regex) for entry in check.entries)


def _engine_of(entries: tuple[PhraseEntry, ...]) -> PhraseEngine:
    engine = UserPhraseEngine() if any(is_guarded(e.regex) for e in entries) else PhraseEngine()
    for entry in entries:
        engine.add(entry)
    return engine


def build_engine(rules: list[Rule]) -> list[Rule]:
    """Give every built-in phrase rule in the list one shared engine, so the text is scanned once;
    a user's phrase rule gets an engine of its own (its regexes run under a time budget)."""
    engine = PhraseEngine()
    finder = Needles([r.check for r in rules if isinstance(r.check, LineCheck)])
    out = []
    for rule in rules:
        if isinstance(rule.check, PhraseCheck):
            if _is_user(rule.check):
                rule = dataclasses.replace(rule, check=rule.check.with_engine(_engine_of(rule.check.entries)))
            else:
                for entry in rule.check.entries:
                    engine.add(entry)
                rule = dataclasses.replace(rule, check=rule.check.with_engine(engine))
        elif isinstance(rule.check, LineCheck) and rule.check.needles:
            rule = dataclasses.replace(rule, check=dataclasses.replace(rule.check, finder=finder))
        out.append(rule)
    return out


def phrases(reader: Reader, data: dict, style: Style, flags: int):
    key = "swap" if data["kind"] == "substitution" else "tokens"
    raw = data.get(key)
    if data["kind"] == "existence" and isinstance(raw, list):
        raw = {item if isinstance(item, str) else None: None for item in raw} if all(
            isinstance(i, str) for i in raw) else raw
    if not isinstance(raw, dict) or not raw:
        reader.fail((key,), "required, a non-empty mapping" + (" or list" if key == "tokens" else ""))
        return PhraseCheck(style, ()), (), ()
    is_regex = reader.flag(("regex",), data.get("regex"), False)
    entries, fails, passes = [], [], []
    for phrase, spec in raw.items():
        built = _entry(reader, (key, phrase), str(phrase), spec, is_regex, style.rule, flags, data["kind"])
        if built:
            entries.append(built[0])
            fails.extend(built[1])
            passes.extend(built[2])
    return PhraseCheck(style, tuple(entries)), tuple(fails), tuple(passes)


def _entry(reader, keys, phrase, spec, is_regex, rule_id, flags, kind):
    if spec is None or isinstance(spec, (str, list)):
        spec = {"replace": spec} if spec is not None else {}
    if not isinstance(spec, dict):
        reader.fail(keys, "expected a replacement, a list of them, or a mapping")
        return None
    for key in spec:
        if key not in ENTRY_KEYS:
            reader.fail(keys + (key,), "unknown key for a phrase entry")
    if kind == "substitution" and not spec.get("replace"):
        reader.fail(keys, "a substitution entry needs a replacement")
    entry_regex = reader.flag(keys + ("regex",), spec.get("regex"), is_regex)
    regex = reader.regex(keys, phrase_regex(phrase, entry_regex), flags, shown=phrase)
    contexts = {}
    for name in ("followed-by", "not-followed-by"):
        if name in spec:
            contexts[name] = reader.regex(keys + (name,), rf"\s*(?:{spec[name]})", flags, shown=spec[name]) if isinstance(spec[name], str) else reader.regex(keys + (name,), spec[name])
    for name in ("preceded-by", "not-preceded-by"):
        if name in spec:
            contexts[name] = reader.regex(keys + (name,), rf"(?:{spec[name]})\s*$", flags, shown=spec[name]) if isinstance(spec[name], str) else reader.regex(keys + (name,), spec[name])
    if regex is None:
        return None
    replacements = reader.strings(keys + ("replace",), spec["replace"]) if spec.get("replace") else ()
    groups = set(regex.groupindex) if entry_regex else set()
    if entry_regex:
        for index, replacement in enumerate(replacements):
            reader.template(keys + ("replace", index), replacement, groups)
    if spec.get("message") is not None:
        reader.template(keys + ("message",), spec["message"], {"match", "replacement"} | groups)
    entry = PhraseEntry(
        rule=rule_id, regex=regex, replacements=replacements,
        followed_by=contexts.get("followed-by"), not_followed_by=contexts.get("not-followed-by"),
        preceded_by=contexts.get("preceded-by"), not_preceded_by=contexts.get("not-preceded-by"),
        message=spec["message"] if isinstance(spec.get("message"), str) else None, template=entry_regex and any("{" in r for r in replacements),
        anchor=(anchor := literal_anchor(phrase, entry_regex)),
        stems=stems(regex) if entry_regex and anchor is None else (),
        literal=None if entry_regex else " ".join(phrase.lower().replace("’", "'").split()),
    )
    fails = reader.strings(keys + ("fail",), spec.get("fail", []))
    passes = reader.strings(keys + ("pass",), spec.get("pass", []))
    return entry, fails, passes


# -- pattern -------------------------------------------------------------------------------------
@dataclasses.dataclass(frozen=True)
class PatternCheck:
    style: Style
    regex: re.Pattern
    replacements: tuple[str, ...]

    def __call__(self, document: Document, options: Any = None) -> Iterator[Hit]:
        for m in self.regex.finditer(document.text):
            fields = {k: v or "" for k, v in m.groupdict().items()}
            replacements = tuple(match_case(r.format_map(Blank(fields)), m.group()) for r in self.replacements)
            hit = self.style.hit(document, m.start(), m.end(), replacements, fields)
            if hit:
                yield hit


def pattern(reader: Reader, data: dict, style: Style, flags: int):
    regex = reader.regex(("pattern",), data.get("pattern"), flags)
    replacements = reader.strings(("replacement",), data["replacement"]) if "replacement" in data else ()
    if regex is not None:
        for template in replacements:
            reader.template(("replacement",), template, set(regex.groupindex))
    return PatternCheck(style, regex or re.compile("(?!)"), replacements), (), ()


# -- line ----------------------------------------------------------------------------------------
def normalise_line(line: str) -> str:
    return " ".join(line.replace("…", "...").split()).lower()


# How a page may end a bare label: "You may also like:", "Read more ...", "More stories »",
# "Share |", "Comments (12)". One rule for every listed line of every line rule, so that a lexicon
# lists each label once, without its endings. (A held-out Zyte page, issue #16, showed a label
# that one lexicon listed only without its colon.)
_LABEL_ENDING = re.compile(r"(?:\s*(?::|\.\.\.|»|›|→|->|>>?|\||\(\d{1,5}\)|\[\d{1,5}\]))+$")
_ENDING_CHARS = frozenset(":.»›→>|)]")


def bare_label(key: str) -> str:
    """A normalised line without its label ending (the same string when it has none)."""
    if not key or key[-1] not in _ENDING_CHARS or (key[-1] == "." and not key.endswith("...")):
        # The one ending with a full stop is "...": a sentence's full stop (most lines of a story)
        # is none, and the search for one tried every position of the line.
        return key
    match = _LABEL_ENDING.search(key)
    return key[:match.start()] if match and match.start() > 0 else key


def _line_table(document: Document) -> Iterator[tuple[int, str, str, str]]:
    """(start, stripped line, normalised line, bare label) for each non-blank line, computed once
    for all line rules."""
    starts, stripped, keys, bares, _ = _line_columns(document)
    return zip(starts, stripped, keys, bares)


def _line_columns(document: Document) -> tuple[array, list[str], list[str], list[str], frozenset[str]]:
    """The line table as parallel columns (starts in an array), not a tuple per line: a file of
    millions of one-letter lines would otherwise hold a tuple and an int object for each. The last
    column is the set of bare labels that differ from their line (few), for the rules' quick test."""
    table = document.__dict__.get("_line_table")  # cached on the document, like its cached properties
    if table is None:
        starts, stripped, keys, bares = array("q"), [], [], []
        start = 0
        # The lines Document.lines() gives (split at "\n"; a CR before it is stripped with the blanks),
        # without a call per line to find each one's span.
        for content in document.text.split("\n"):
            line = content.strip()
            if line:
                key = normalise_line(content)
                starts.append(start + content.find(line[0]))
                stripped.append(line)
                key = line if key == line else key  # one string object when they are equal
                keys.append(key)
                bares.append(bare_label(key))
            start += len(content) + 1
        shortened = frozenset(b for k, b in zip(keys, bares) if b is not k)
        table = document.__dict__["_line_table"] = (starts, stripped, keys, bares, shortened)
    return table


Patterns = re.Pattern | tuple[re.Pattern, ...] | None  # one alternation, or patterns tried one by one


@dataclasses.dataclass(frozen=True)
class LineCheck:
    style: Style
    literals: frozenset[str]
    patterns: tuple[re.Pattern, ...]
    combined: re.Pattern | None = None  # the patterns as one alternation: one regex call per line
    needles: frozenset[str] | None = None  # literals one of which any match of `needled` holds (lineneedles.py)
    finder: Needles | None = None  # shared by the config's line rules: one pass finds every needle
    # The patterns split by whether they have needles: a rule with one pattern that needs no
    # literal ("\\d{1,2}:\\d{2}") still tries its other patterns only on the lines holding a needle.
    needled: Patterns = None
    plain: Patterns = None
    # False: patterns are not tried on the document's first line. It is the headline, and a label
    # followed by text there ("EXCLUSIVE: ...") is the story's own headline with its kicker.
    headline_patterns: bool = True
    # Lines that are chrome only inside chrome: flagged when the line before or after matches the
    # rule ("Sorry!" beside a sign-up box's error message, not in a list of quotes).
    beside: frozenset[str] = frozenset()

    def __call__(self, document: Document, options: Any = None) -> Iterator[Hit]:
        beside, plain, needled = self.beside, self.plain, self.needled
        hits = self.finder.hits(document, self.style.rule) if self.finder is not None and self.needles else None
        if hits is None:  # no filter for this text: every pattern on every line
            plain, needled = (self.combined or self.patterns), None
        elif hits == [] and plain is None and not beside and self._no_listed_line(document):
            return  # no needle in the text and no listed line: nothing can match (most texts)
        first, previous, pending, literals = not self.headline_patterns, False, None, self.literals
        for begin, stripped, key, bare in _line_table(document):
            headline, first = first, False
            matched = key in literals or (bare is not key and bare in literals) or (not headline and (
                (plain is not None and _fullmatch(plain, stripped))
                or (needled is not None and holds(hits, begin, begin + len(stripped)) and _fullmatch(needled, stripped))))
            if pending is not None and matched:
                yield from self._hit(document, *pending)
            pending = None
            if matched:
                yield from self._hit(document, begin, stripped)
            elif beside and key in beside:
                if previous:
                    yield from self._hit(document, begin, stripped)
                else:
                    pending = (begin, stripped)
            previous = matched

    def _no_listed_line(self, document: Document) -> bool:
        columns = _line_columns(document)
        return self.literals.isdisjoint(columns[2]) and self.literals.isdisjoint(columns[4])

    def _hit(self, document: Document, begin: int, stripped: str) -> Iterator[Hit]:
        hit = self.style.hit(document, begin, begin + len(stripped), (), {})
        if hit:
            yield hit


def _fullmatch(patterns: Patterns, line: str) -> bool:
    if isinstance(patterns, tuple):
        return any(p.fullmatch(line) for p in patterns)
    return patterns.fullmatch(line) is not None


def _split(patterns: tuple[re.Pattern, ...]) -> tuple[frozenset[str] | None, Patterns, Patterns]:
    """(needles, the patterns that have needles, those that have none), each group as one alternation
    where it can be; (None, None, all of them) when no pattern has needles."""
    if not patterns:
        return None, None, None
    found = [(p, needles([p])) for p in patterns]
    if all(n for _, n in found):
        return frozenset().union(*(n for _, n in found)), _group(patterns), None
    # A pattern that opens with a literal fails on most lines at their first character, in C: a
    # needle would only cost hits. One that opens with ".{0,80}" scans the line: it is filtered.
    found = [(p, n if n and opens_anywhere(p) else None) for p, n in found]
    needled = tuple(p for p, n in found if n)
    if not needled:
        return None, None, _group(patterns)
    plain = tuple(p for p, n in found if not n)
    return frozenset().union(*(n for _, n in found if n)), _group(needled), _group(plain)


def _group(patterns: tuple[re.Pattern, ...]) -> Patterns:
    return (_combine(patterns) or patterns) if patterns else None


def _combine(patterns: tuple[re.Pattern, ...]) -> re.Pattern | None:
    # A user's patterns are run one by one, so that a timeout names the one that took the time.
    if not patterns or len({p.flags for p in patterns}) > 1 or any(is_guarded(p) for p in patterns):
        return None
    try:
        return compile_checked("|".join(f"(?:{p.pattern})" for p in patterns), patterns[0].flags)
    except re.error:  # e.g. a global inline flag such as (?i) that is only allowed at the start
        return None


def line(reader: Reader, data: dict, style: Style, flags: int):
    literals = reader.strings(("lines",), data.get("lines", []))
    beside = reader.strings(("beside-lines",), data.get("beside-lines") or [])
    raw = reader.strings(("patterns",), data.get("patterns") or [])
    patterns = tuple(filter(None, (reader.regex(("patterns", i), p, flags) for i, p in enumerate(raw))))
    if not literals and not patterns:
        reader.fail(("lines",), "a line rule needs 'lines' or 'patterns'")
    headline = reader.flag(("patterns-on-headline",), data.get("patterns-on-headline"), True)
    found, needled, plain = _split(patterns)
    return LineCheck(style, frozenset(normalise_line(x) for x in literals), patterns, _combine(patterns),
                     found, needled=needled, plain=plain, headline_patterns=headline,
                     beside=frozenset(normalise_line(x) for x in beside)), (), ()
