"""Tolerant, still explainable matching: shorthand, stems, accents, ids, typos, inserted words."""

from __future__ import annotations

import random

import pytest

from app.classify.abbreviations import abbreviates, shortened
from app.classify.cascade import Cascade
from app.classify.lexicon import SHORTHAND
from app.classify.rules_stage import RulesStage
from app.classify.text import PhraseTest, Text, WordTest, memory_key, phrase_at, tokens
from tests.unit.engine_book import book, entry


def test_accented_names_are_one_word_and_ids_stay_whole() -> None:
    assert tokens("call w/ Ángela re D1.4 and A-1, CR-07") == (
        "call", "with", "ángela", "re", "d1.4", "and", "a-1", "cr-07",
    )  # fmt: skip
    assert tokens("Zoë's müller-review") == ("zoës", "müller", "review")


def test_ticket_ids_still_fold_away_for_memory() -> None:
    assert memory_key(tokens("FMCSA audit prep NWF-1423")) == memory_key(
        tokens("FMCSA audit prep NWF-977")
    )


@pytest.mark.parametrize("seed", [1, 2])
def test_shorthand_reads_as_the_word_it_stands_for(seed: int) -> None:
    rng = random.Random(seed)
    for short, long in rng.sample(sorted(SHORTHAND.items()), 12):
        test = WordTest.of([long])
        assert test.matched(Text(f"quick {short} for the client")) is not None, short
    assert tokens("f/u w/ Dana") == ("follow", "up", "with", "dana")


def _typo(word: str, rng: random.Random) -> str:
    i = rng.randrange(len(word) - 1)
    return word[:i] + word[i + 1] + word[i] + word[i + 2 :]


@pytest.mark.parametrize("seed", [3, 4, 5])
def test_a_swapped_pair_of_letters_is_forgiven_in_long_words_only(seed: int) -> None:
    rng = random.Random(seed)
    for word in ["research", "dispatch", "planning", "training", "budget"]:
        typo = _typo(word, rng)
        if typo == word:
            continue
        assert WordTest.of([word]).matched(Text(f"{typo} notes")) == typo
    assert WordTest.of(["call"]).matched(Text("lacl notes")) is None
    assert WordTest.of(["drive"]).matched(Text("driver files")) is None


def test_stems_match_inflections() -> None:
    test = WordTest.of(["update"])
    for text in ["updated the tracker", "updates", "updating files"]:
        assert test.matched(Text(text)) is not None, text


def test_phrases_tolerate_a_few_inserted_words_but_not_many() -> None:
    phrase = tokens("took call")
    assert phrase_at(tokens("took the status call"), phrase)
    assert phrase_at(tokens("took call"), phrase)
    assert not phrase_at(tokens("took notes for the long status call"), phrase)
    assert not phrase_at(tokens("call took"), phrase)


@pytest.mark.parametrize(
    ("text", "phrase", "found"),
    [
        ("Series 3 mod 4 edit", "series 4", False),  # names series 3 (the twenty-third firm)
        ("phase 2 and 3 testing", "phase 3", False),
        ("Series 4 mod 2 edit", "series 4", True),
        ("Change Order No. 2 kickoff", "change order 2", True),  # "no", "number" may sit there
        ("authorization number 1 signed", "authorization 1", True),
        ("round b2 notes", "round b2", True),
        ("round a1 b2 notes", "round b2", False),  # a word with a digit, as a number
        ("took the weekly call", "took call", True),  # other words still may
    ],
)
def test_a_number_in_a_phrase_follows_its_word(text: str, phrase: str, found: bool) -> None:
    assert PhraseTest.of([phrase]).holds(Text(text)) is found


def test_the_rules_stage_reads_shorthand_and_typos_like_the_words() -> None:
    cascade = Cascade(book(), [RulesStage()])
    for text in ["drove to the Fresno depot", "bulid the pipeline", "tarvel to Fresno"]:
        decision = cascade.classify(entry(text))
        assert decision.code is not None, text


def test_every_rule_decision_says_which_words_matched() -> None:
    cascade = Cascade(book(), [RulesStage()])
    assert "matched 'tarvel' ~ travel" in cascade.classify(entry("tarvel to Fresno")).reason
    reason = cascade.classify(entry("research FMCSA rule")).reason
    assert "'research'" in reason
    assert "'FMCSA'" in reason
    assert "matched 'safety proposal'" in cascade.classify(entry("safety proposal v2")).reason


@pytest.mark.parametrize(
    ("short", "word"),
    [("gdlns", "guidelines"), ("bldg", "building"), ("mktg", "marketing"),
     ("nwsltr", "newsletter"), ("dwgs", "drawings"), ("rsrch", "research")],
)  # fmt: skip
def test_a_word_typed_without_its_vowels_reads_as_the_rule_word(short: str, word: str) -> None:
    assert shortened(short)
    assert WordTest.of([word]).matched(Text(f"{short} for the client")) == short
    assert PhraseTest.of([f"{word} review"]).holds(Text(f"{short} review"))


def test_only_unmistakable_shortenings_are_read() -> None:
    assert not shortened("crm")  # three letters: an acronym as often as not
    assert not shortened("sync")  # a word ("y" counts as a vowel)
    assert not shortened("bldg2")  # an id
    assert not abbreviates("bldg", "buildings")  # the word's last letter kept
    assert abbreviates("dvpt", "development")
    assert not abbreviates("dvpt", "developmentalist")  # too few of its consonants kept
    assert not abbreviates("mtkg", "marketing")  # letters out of order
    assert not abbreviates("prts", "parts")  # one letter missing is a typo, not a shortening
    # Typed in capitals it is an acronym, not a word shortened (the twenty-fifth firm's
    # "CTMS update" had read as "christmas", the firm's holiday rule).
    assert abbreviates("ctms", "christmas")
    assert WordTest.of(["christmas"]).matched(Text("CTMS update - visit log")) is None
    assert WordTest.of(["christmas"]).matched(Text("ctms update")) == "ctms"
    assert WordTest.of(["building"]).matched(Text("BLDG permit set")) is None
    assert not PhraseTest.of(["search fee"]).holds(Text("RVP-SRCH fee"))
    # "cntrl" could be "control" or "central": it reads as neither.
    assert WordTest.of(["control", "central"]).matched(Text("cntrl panel")) is None
    assert WordTest.of(["control"]).matched(Text("cntrl panel")) == "cntrl"
    assert not PhraseTest.of(["site build"]).holds(Text("gdlns build"))


def test_the_rules_stage_reads_a_shortened_word_and_says_which() -> None:
    decision = Cascade(book(), [RulesStage()]).classify(entry("trvl to Fresno"))
    assert decision.code == "N-TRAVEL"
    assert "'trvl' ~ travel" in decision.reason


@pytest.mark.parametrize(
    ("rule", "text"),
    [("scanning", "scan Corvid handbooks"), ("scan", "scanning the binder"),
     ("planning", "plan for Q3"), ("shipping", "shipped the release")],
)  # fmt: skip
def test_a_doubled_last_consonant_does_not_part_a_word_from_its_stem(rule: str, text: str) -> None:
    assert WordTest.of([rule]).matched(Text(text)) is not None


def test_words_that_end_doubled_are_not_undoubled() -> None:
    assert WordTest.of(["billing"]).matched(Text("bil")) is None
    assert WordTest.of(["staff"]).matched(Text("staf meeting")) is None
    assert WordTest.of(["testing"]).matched(Text("tests passed")) is not None  # the stem's own


def test_a_phrase_meets_the_text_across_a_doubled_consonant_as_a_word_does() -> None:
    test = PhraseTest.of(["scanning exhibits", "site planning"])
    assert test.holds(Text("scan exhibits for trial"))
    assert test.found(Text("site plan review")) == [("sit", "plann")]
    # a stem that is a phrase word's own is read as itself, never as another's doubled form
    both = PhraseTest.of(["staffing plan", "workload planning"])
    assert both.found(Text("staffing plan for Q1")) == [("staff", "plan")]


def test_a_word_item_that_reads_as_several_words_is_found_only_whole() -> None:
    # "on-call" is read as "on" "call": a rule's words item like it is a phrase, never its
    # parts one by one ("pitch RTD on adult literacy" is not on-call work).
    test = WordTest.of(["standby", "on-call"])
    assert test.matched(Text("pitch RTD on adult literacy program")) is None
    assert test.matched(Text("crisis call w/ counsel")) is None
    assert test.matched(Text("on-call weekend, 24-hour line")) == "on"
    assert test.matched(Text("on call weekend")) == "on"
    assert test.matched(Text("standby line check")) == "standby"
    assert {"on", "call"} <= test.covered(Text("on-call weekend"))


def test_a_test_is_built_once_per_items_and_lexicon() -> None:
    """A rule's words serve its condition, score, evidence and text gate: one build each."""
    from app.classify.lexicon import DEFAULT_LEXICON, Lexicon  # noqa: PLC0415

    firm = Lexicon.of({"zzq": "kickoff"})
    assert WordTest.of(["kickoff", "on-call"]) is WordTest.of(("kickoff", "on-call"))
    assert PhraseTest.of(["site visit"]) is PhraseTest.of(("site visit",), DEFAULT_LEXICON)
    assert PhraseTest.of(["zzq notes"], firm) is not PhraseTest.of(["zzq notes"])
    assert PhraseTest.of(["zzq notes"], firm).holds(Text("kickoff notes", firm))
    assert not PhraseTest.of(["zzq notes"]).holds(Text("kickoff notes"))
