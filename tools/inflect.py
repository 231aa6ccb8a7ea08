"""Synonym pairs in inflected forms ("stated" for *said*, "individuals" for *persons*), with lemminflect.

Used at build time by tools/build_spin_model.py (candidate originals) and by bench/spun.py (the
inflecting spinner); never at run time. The thesauri list lemmas (Moby's headwords, WordNet's
synsets), but spinners rewrite the words as written: a past tense or a plural is looked up by its
lemma and the synonym put back in the same inflection. lemminflect (MIT; its tables ship in the
wheel: `pip install lemminflect`) gives a lemma's inflections by Penn tag, irregular ones included
(say -> said, win -> won, person -> persons), and its rules for words its dictionary lacks.
"""
from __future__ import annotations

# WordNet's parts of speech as lemminflect's universal tags; the open classes only (lemminflect
# also knows AUX, "be" and "have": the thesauri's business is content words).
UPOS = {"n": "NOUN", "v": "VERB", "a": "ADJ", "s": "ADJ", "r": "ADV"}
WORDNET_POS = {"NOUN": "n", "VERB": "v", "ADJ": "a", "ADV": "r"}
# The tags whose form is the lemma itself: those pairs are the thesauri's own, already linked.
BASE_TAGS = frozenset({"NN", "VB", "VBP", "JJ", "RB"})


class Inflector:
    """A lemma's inflected forms by tag, kept only where the language model knows the form."""

    def __init__(self, vocab, wordnet_index: dict | None = None) -> None:
        import lemminflect

        self._lm = lemminflect
        self.vocab = vocab
        # (lemma, WordNet pos) -> synsets: a part of speech for lemmas lemminflect's dictionary lacks.
        self.index = wordnet_index or {}
        self._parts: dict = {}
        self._forms: dict = {}

    def parts(self, lemma: str) -> frozenset[str]:
        """The universal tags under which `lemma` is a lemma: lemminflect's dictionary, else WordNet's index."""
        if lemma not in self._parts:
            self._parts[lemma] = self._parts_of(lemma)
        return self._parts[lemma]

    def _parts_of(self, lemma: str) -> frozenset[str]:
        known = {upos for upos, lemmas in self._lm.getAllLemmas(lemma).items() if lemma in lemmas and upos in WORDNET_POS}
        known |= {UPOS[pos] for pos in "nvar" if (lemma, pos) in self.index}
        return frozenset(known)

    def forms(self, lemma: str, upos: str) -> dict[str, str]:
        """Penn tag -> the lemma's preferred form in that inflection (not the lemma's own tags, not a form
        equal to the lemma: lemminflect lists "person" as a plural too), where the model knows it."""
        if (lemma, upos) not in self._forms:
            self._forms[(lemma, upos)] = self._forms_of(lemma, upos)
        return self._forms[(lemma, upos)]

    def _forms_of(self, lemma: str, upos: str) -> dict[str, str]:
        table = self._lm.getAllInflections(lemma, upos) or self._lm.getAllInflectionsOOV(lemma, upos)
        found = {}
        for tag, spellings in table.items():
            spelled = [s for s in spellings if s != lemma]
            if tag not in BASE_TAGS and spelled and spelled[0] in self.vocab:
                found[tag] = spelled[0]
        return found

    def pairs(self, a: str, b: str, parts=None) -> list[tuple[str, str]]:
        """(a's form, b's form) in every inflection the two lemmas share, in a part of speech both have
        (`parts`: given, as a WordNet synset's; else the parts both lemmas have)."""
        shared = parts if parts is not None else self.parts(a) & self.parts(b)
        found = []
        for upos in sorted(shared):
            mine, theirs = self.forms(a, upos), self.forms(b, upos)
            found += [(form, theirs[tag]) for tag, form in sorted(mine.items())
                      if tag in theirs and form != theirs[tag]]
        return found

    def readings(self, word: str) -> tuple[tuple[str, str, str], ...]:
        """(lemma, upos, tag) for each way `word` is an inflected form (not a lemma's own form)."""
        found = []
        for upos, lemmas in sorted(self._lm.getAllLemmas(word).items()):
            for lemma in lemmas if upos in WORDNET_POS else ():
                found += [(lemma, upos, tag) for tag, form in sorted(self.forms(lemma, upos).items()) if form == word]
        return tuple(found)


def moby_pairs(moby: dict, inflector: Inflector, usable) -> set[tuple[str, str]]:
    """(headword's form, synonym's form) for each single-word Moby pair listed both ways (each lemma in
    the other's list: Moby's lists are loose, and "sack" under "get" would make "sacking" a swap of
    "getting"), in each shared inflection."""
    listed = {(h, s) for h, synonyms in moby.items() for s in synonyms}
    found = set()
    for head, synonyms in moby.items():
        if not (head.isalpha() and head.islower()):
            continue
        for synonym in synonyms:
            if synonym.isalpha() and synonym.islower() and synonym != head and (synonym, head) in listed:
                found.update(inflector.pairs(head, synonym))
    return {(a, b) for a, b in found if usable(a) and usable(b)}


def wordnet_pairs(synsets: dict, inflector: Inflector, usable) -> set[tuple[str, str]]:
    """(form, form) for each two single-word lemmas of a WordNet synset (all senses), in each
    inflection both have in the synset's part of speech; both orders."""
    found = set()
    for (pos, _), lemmas in synsets.items():
        words = sorted({w for w in lemmas if w.isalpha() and w.islower()})
        parts = frozenset({UPOS[pos]})
        for a in words:
            for b in words:
                if a != b:
                    found.update(inflector.pairs(a, b, parts))
    return {(a, b) for a, b in found if usable(a) and usable(b)}
