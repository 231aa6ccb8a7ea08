import dataclasses
import re

from newslint import lint_text
from newslint.checks.unlikely_collocation import DEFAULTS
from newslint.swaps import analyse
from newslint.yamlrules import build_engine

from helpers import check, default_config, findings

SPUN = "Sales of unsettled phones rose sharply last year."  # "mobile" put through a thesaurus
PHRASE = "The bank will pay beside the mark its debts."  # "off" replaced by a Moby multiword entry
FOREIGN = "The firm said extrinsic investment would double."


def test_flags_a_swapped_word_with_the_likely_original_and_a_confidence():
    assert check(FOREIGN, "unlikely-collocation") == [(1, 15, "unlikely-collocation")]
    [finding] = findings(FOREIGN, "unlikely-collocation")
    assert finding.replacements == ("foreign",)
    assert "'extrinsic'" in finding.message
    confidence = float(re.search(r"confidence (0\.\d\d)\)", finding.message).group(1))
    assert (finding.end_line, finding.end_column) == (1, 24)
    # Below the default warn-confidence: a suggestion; a warning once warn-confidence is below it.
    assert DEFAULTS["min-confidence"] <= confidence < DEFAULTS["warn-confidence"]
    assert str(finding.severity) == "suggestion"
    [warned] = findings(FOREIGN, "unlikely-collocation", **{"warn-confidence": confidence - 0.01})
    assert str(warned.severity) == "warning"
    # "unsettled" for *mobile* (confidence about 0.88) sits at the edge of the default min-confidence.
    assert check(SPUN, "unlikely-collocation", **{"min-confidence": 0.85}) == [(1, 10, "unlikely-collocation")]


def test_a_multiword_synonym_is_one_finding_naming_the_single_word_original():
    [finding] = findings(PHRASE, "unlikely-collocation")
    assert (finding.column, finding.end_column, finding.replacements) == (19, 34, ("off",))
    assert str(finding.severity) == "warning"


def test_leaves_the_original_and_plain_copy_alone():
    clean = ("Sales of mobile phones rose sharply last year. The bank will pay off its debts. The firm said "
             "foreign investment would double. The talks went quite well, and the two sides agreed to meet "
             "again in the coming days rather than wait for the election.")
    assert check(clean, "unlikely-collocation") == []


def test_words_cut_off_by_punctuation_or_capitals_are_not_judged():
    # Without a neighbour on either side there is no context to test; a capitalised word may be a name.
    assert check("Sales of (unsettled) phones rose.", "unlikely-collocation") == []
    assert check("Sales of Unsettled Phones rose sharply last year.", "unlikely-collocation") == []


def test_a_sentence_start_is_judged_by_its_lower_case_form_and_the_fix_keeps_its_case():
    [finding] = findings("Extrinsic investment would double, the firm said.", "unlikely-collocation")
    assert (finding.column, finding.end_column, finding.replacements) == (1, 10, ("Foreign",))


def test_a_capitalised_word_inside_a_sentence_is_judged_only_when_the_model_knows_the_name():
    # "bill gates" is a bigram of the model: "Invoice Gates" reads as a spun name.
    [finding] = findings("He met Invoice Gates on Monday.", "unlikely-collocation")
    assert (finding.column, finding.replacements) == (8, ("Bill",))
    # No listed bigram for the candidate with either neighbour: a name the model cannot vouch for.
    assert analyse("Mr Gallant said the plan was new.").suspects == ()


NAMES = ("Shares rose after Mr Glazer and his sons raised their offer for the club. Analysts at Reliance Group said "
         "the market would recover. A spokesman for Mr Glazer said the family had the backing of Reliance Group, "
         "and Mr Glazer would meet the board next week.")


def test_real_names_the_text_repeats_are_left_alone():
    # Named once, each reads as a swap the model can vouch for ("mr potter", "support group" are bigrams).
    assert [(s.text, s.original) for s in analyse("Shares rose after Mr Glazer and his sons raised their offer.").suspects] \
        == [("Glazer", "potter")]
    assert [s.text for s in analyse("Analysts at Reliance Group said the market would recover.").suspects] == ["Reliance"]
    # Capitalised inside several sentences, they are names in this text: below the sure bar, never suspects.
    assert analyse(NAMES).suspects == ()
    assert check(NAMES, "unlikely-collocation") == []


def test_a_name_that_reads_as_a_sure_swap_at_one_of_its_places_only_is_left_alone():
    # At a sentence start "Borough officials" reads as a sure swap of *government*; the text uses
    # "Borough" twice more where it fits, as a spinner's repeated swap would not.
    alone = "Borough officials said the accounts were in order."
    assert [(s.original, s.confidence >= 0.9) for s in analyse(alone).suspects] == [("government", True)]
    text = ("The council of the Borough of Kendal met on Tuesday to set the budget. " + alone
            + " The mayor of the Borough of Kendal agreed.")
    assert analyse(text).suspects == ()


def test_a_swap_a_consistent_spinner_repeats_is_still_judged():
    # Every "Bill" became "Invoice": the text capitalises it inside two sentences, as it would a name, but
    # the model is sure of each ("bill nye" is a bigram, "invoice nye" is not).
    spun = ("Invoice Nye, the science presenter, visited the school on Monday. Pupils said Invoice Nye answered "
            "every question they had.")
    assert check(spun, "unlikely-collocation") == [(1, 1, "unlikely-collocation"), (1, 79, "unlikely-collocation")]
    assert {f.replacements for f in findings(spun, "unlikely-collocation")} == {("Bill",)}
    # The same holds at a sentence start: a sure swap there is judged though the text repeats the word.
    start = "Extrinsic investment would double, the firm said."
    assert [s.original for s in analyse(start).suspects] == ["foreign"]
    assert [s.original for s in analyse(start + " Mr Extrinsic said so.").suspects] == ["foreign"]


def test_confidence_threshold_is_an_option():
    assert check(FOREIGN, "unlikely-collocation") == [(1, 15, "unlikely-collocation")]
    assert check(FOREIGN, "unlikely-collocation", **{"min-confidence": 0.99}) == []


def test_a_span_a_lexicon_rule_already_flags_is_left_to_it():
    text = "The police said a short lived ban was in place."  # spun-time's "short lived" for temporary
    catalogue = default_config().catalogue
    base = catalogue["unlikely-collocation"]
    rule = dataclasses.replace(base, options={**base.options, "min-confidence": 0.3})
    rules = [catalogue["spun-time"], rule]
    config = dataclasses.replace(default_config(), rules=tuple(build_engine(rules)))
    assert [f.rule for f in lint_text(text, config)] == ["spun-time"]
    assert [f.rule for f in lint_text(text, dataclasses.replace(config, rules=(rule,)))] == ["unlikely-collocation"]


def test_quoted_speech_is_left_alone_unless_asked():
    quoted = 'He said: "The firm said extrinsic investment would double."'
    assert check(quoted, "unlikely-collocation") == []
    assert check(quoted, "unlikely-collocation", **{"in-quotes": True}) == [(1, 25, "unlikely-collocation")]


def test_idioms_read_whole_through_the_trigrams_are_left_alone():
    # As bigram chains these idioms scored 0.96-0.99 (warnings); the trigrams inside each phrase
    # show them as the set phrases they are. A multiword swap ("beside the mark") is still a warning.
    idioms = ["The federation, which represents rank and file officers, said it would fight the plan.",
              "The party won the seats fair and square at the last election.",
              "Economists said the big economies should weather the storm of price rises.",
              "He said politics needed more give and take between the parties.",
              "Voters who have not cast a ballot since 2008 were removed from the rolls."]
    for text in idioms:
        assert check(text, "unlikely-collocation") == [], text
    assert [str(f.severity) for f in findings(PHRASE, "unlikely-collocation")] == ["warning"]


def _confidence(text: str, **options) -> float:
    [finding] = [f for f in findings(text, "unlikely-collocation", **{"min-confidence": 0.01, **options})
                 if "'unsettled'" in f.message]
    return float(re.search(r"confidence (\d\.\d\d)\)", finding.message).group(1))


def test_the_article_prior_raises_suspects_in_spun_copy_and_lowers_them_in_clean_copy():
    from newslint.checks.machine_paraphrased import EXAMPLES

    # The same sentence, so the same span confidence on its own; only the article around it differs
    # (the clean one twice: in 120 words the one suspect alone would make it read as half spun).
    spun, clean = EXAMPLES["fail"][0] + " " + SPUN, " ".join([EXAMPLES["pass"][0]] * 2 + [SPUN])
    alone = _confidence(spun, **{"article-prior": False})
    assert alone == _confidence(clean, **{"article-prior": False}) == _confidence(SPUN)  # a short text: no prior
    assert _confidence(spun) > alone + 0.01
    assert _confidence(clean) < alone - 0.01


# Autoblog copy, written for these tests: reporting verbs and past tenses swapped in their inflection
# ("stated" for *said*, "obtained" for *got*), beside a few stock garbles that make the article read as spun.
INFLECTED = ("Investigators stated a second man had been arrested on Tuesday evening, in response to police. "
             "Prosecutors stated the defendant had lied to detectives about where he was on the night of the attack. "
             "The suspect was detained final week quite than released on bail. Analysts stated the figures were "
             "worse than expected, and the company obtained a loan to pay its suppliers. A spokesman instructed "
             "the newspaper the talks had collapsed subsequent to a row over pay. Campaigners stated the plans would "
             "harm wildlife in the valley, and residents gathered outside the town hall to protest. The council "
             "declined to comment on the dispute.")
UNINFLECTED = (INFLECTED.replace("stated", "said").replace("obtained", "got").replace("instructed", "told")
               .replace("in response to", "according to").replace("final week", "last week")
               .replace("quite than", "rather than").replace("subsequent to", "after"))


def test_an_inflected_swap_names_its_original_in_the_same_inflection():
    # state ~ say in the thesauri; the table links their past tenses too (tools/inflect.py).
    [suspect] = analyse("Prosecutors stated the defendant had lied to detectives.").suspects
    assert (suspect.text, suspect.fix) == ("stated", "said")
    assert analyse("Prosecutors said the defendant had lied to detectives.").suspects == ()


def test_inflected_swaps_in_spun_copy_are_flagged_and_the_clean_copy_is_left_alone():
    flagged = [(f.message.split("'")[1], f.replacements) for f in findings(INFLECTED, "unlikely-collocation")]
    assert flagged.count(("stated", ("said",))) == 4 and ("obtained", ("got",)) in flagged
    assert findings(UNINFLECTED, "unlikely-collocation") == []
    assert findings(UNINFLECTED, "machine-paraphrased") == []


def test_a_reporting_verb_is_judged_even_where_it_fits_both_neighbours():
    # "minister stated" and "stated the" are listed bigrams, so the gate used to skip the word; a synonym
    # of "say" or "tell" is scored wherever it stands (swaps._reports), and named as the likely swap.
    spun = analyse("The minister stated the plan would go ahead on Monday.")
    assert [(s.text, s.fix) for s in spun.suspects] == [("stated", "said")]
    clean = analyse("The minister said the plan would go ahead on Monday.")
    assert clean.suspects == () and clean.scored < spun.scored


def test_a_writers_occasional_reporting_verb_is_left_alone():
    # One "stated" or "alleged" among plain "said"s is right English: scored, but far below any finding.
    text = ("The council said the repairs would cost more than expected. The minister stated the plan would "
            "go ahead on Monday, and the union alleged the managers had broken the agreement. A spokesman said "
            "the firm would appeal against the ruling, and residents said the road had been closed for a week.")
    assert {s.text for s in analyse(text).suspects} >= {"stated", "alleged"}
    assert findings(text, "unlikely-collocation") == []


def test_a_name_whose_words_were_both_swapped_is_read_back_whole_in_its_case():
    # Neither word has a neighbour that vouches for its original, but the pair's does: "supreme court".
    for text, written, fix in (("The case went to the Sovereign Courtroom last year.", "Sovereign Courtroom", "Supreme Court"),
                               ("The Zephyr Pull flew two jets over the city on Monday.", "Zephyr Pull", "Air Force"),
                               ("The Superior Parson met the president in London.", "Superior Parson", "Prime Minister")):
        [finding] = findings(text, "unlikely-collocation")
        assert (text[finding.column - 1:finding.end_column - 1], finding.replacements) == (written, (fix,))
        assert f"'{written}': reads as a synonym swap of '{fix}'" in finding.message


def test_real_two_word_names_are_left_alone():
    clean = ("The case went to the Supreme Court last year. The Air Force flew two jets over the city. The Prime "
             "Minister met the president in London. A spokesman for the White House said the rules would change. "
             "Shares fell on Wall Street after the report. The Home Office said the plan would go ahead. Officials "
             "at the Federal Reserve said rates would stay low. Gordon Brown and Tony Blair met Bill Gates and Steve "
             "Jobs on Monday. Sales of Mobile Phones rose, said the British Retail Consortium.")
    assert check(clean, "unlikely-collocation") == []
    # Unusual words in a name the model does not know read as a pair of common words ("Retail Consortium" as
    # *business business*): only a candidate pair that is a collocation of the model counts, and none is.
    assert all(len(s.words) == 1 for s in analyse("Sales rose, said the British Retail Consortium on Monday.").suspects)


def test_in_a_headline_in_title_case_no_two_capitalised_words_are_read_as_one_name():
    # Every word is capitalised there, so a capital marks no name; the same words in running text are judged.
    headline = "Sovereign Courtroom Rules Against The Plan In A Landmark Case."
    assert all(len(s.words) == 1 for s in analyse(headline).suspects)
    assert [len(s.words) for s in analyse("The Sovereign Courtroom ruled against the plan.").suspects] == [2]
