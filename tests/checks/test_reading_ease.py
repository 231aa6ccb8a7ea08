from helpers import check, findings

HARD = ("Notwithstanding considerable institutional reluctance, parliamentary representatives "
        "characterised the comprehensive infrastructure modernisation programme as fundamentally "
        "unaffordable, environmentally questionable and administratively unmanageable. ")
PLAIN = "The council met on Tuesday. It voted to shut the old library. Some people were angry. "


def test_flags_hard_copy():
    assert check(HARD * 6, "reading-ease") == [(1, 1, "reading-ease")]
    assert "below 30" in findings(HARD * 6, "reading-ease")[0].message


def test_leaves_plain_copy_alone_and_honours_options():
    assert check(PLAIN * 10, "reading-ease") == []
    assert check(PLAIN * 10, "reading-ease", **{"min-ease": 100}) == [(1, 1, "reading-ease")]
    assert check(HARD, "reading-ease") == []
