"""The packaged frequency and synonym table, and the scan the paraphrase rules share."""
from newslint.collocations import table
from newslint.swaps import analyse, scan


def test_table_loads_from_the_package_with_words_pairs_and_synonyms():
    tb = table()
    assert len(tb.ids) > 80_000 and len(tb.pairs) > 240_000
    assert tb.word("the") > tb.word("meet") > tb.word("fulfill") > 0 == tb.word("xqzv")
    assert tb.pair("meet", "with") > tb.pair_floor and tb.pair("fulfill", "with") == 0
    assert "meet" in tb.commoner_synonyms("fulfill") and "rather" in tb.commoner_synonyms("quite")
    assert "permanent" in tb.synonyms("everlasting")  # a satellite adjective takes its head's words


def test_british_spellings_count_as_their_us_form():
    tb = table()
    assert tb.word("modernise") == tb.word("modernize")


def test_scan_merges_two_pairs_that_undo_one_swap():
    [suspect] = [s for s in scan("They agreed to fulfill with him.") if s.confidence > 0.5]
    assert suspect.text == "to fulfill with" and suspect.fix == "to meet with" and suspect.index == 2


def test_rare_choices_and_obscure_words_rise_with_swaps():
    clean = analyse("the family slept in the bedroom of the house")
    spun = analyse("the family slept in the bedchamber of the house")
    assert (clean.rare_choices, clean.obscure_words) == (0, 0)
    assert (spun.rare_choices, spun.obscure_words) == (1, 1)  # 'bedroom' is over 100 times as common
