"""The conflict panel's logic: every difference between two saves, defaults from the base, the merge."""

from datetime import date

from components.dialog.dialogue_merge import differences, merge
from queries.dialogue_model import Dialogue, Participant, Priority


def dialogue(*ids, version=2, notes="") -> Dialogue:
    d = Dialogue("d1", "haninge", "2026–2027", None, "utkast", version, notes=notes)
    d.priorities = [Priority(iid, rank, id=f"p-{iid}") for rank, iid in enumerate(ids, start=1)]
    return d


def test_every_kind_of_difference_is_found_with_a_default_from_the_base():
    base = dialogue("gemensam-1.1", "gemensam-2.1")
    mine, theirs = dialogue("gemensam-1.1", "gemensam-2.1"), dialogue("gemensam-1.1", "gemensam-2.1", version=3)
    mine.notes = "min anteckning"
    theirs.participants = [Participant("Karin Ek", "Region Stockholm", "region")]
    mine.priorities[0].wording, theirs.priorities[0].wording = "min text", "deras text"
    theirs.priorities[1].status = "prioriterad"
    mine.priorities.append(Priority("gemensam-3.1", 3, id="p-3.1"))
    theirs.meeting_date = date(2026, 5, 4)
    found = {d.key: d for d in differences(base, mine, theirs)}
    assert set(found) == {
        ("notes",),
        ("participants",),
        ("field", "gemensam-1.1", "wording"),
        ("field", "gemensam-2.1", "status"),
        ("present", "gemensam-3.1"),
        ("meeting_date",),
    }
    assert found[("notes",)].default == "mine"
    assert found[("participants",)].default == "theirs"
    assert found[("meeting_date",)].default == "theirs"
    assert found[("field", "gemensam-2.1", "status")].default == "theirs"
    wording = found[("field", "gemensam-1.1", "wording")]
    assert wording.both_changed and (wording.mine, wording.theirs) == ("min text", "deras text")
    assert not found[("notes",)].both_changed


def test_merge_takes_each_field_as_chosen_and_saves_on_their_version():
    base = dialogue("gemensam-1.1", "gemensam-2.1")
    mine, theirs = dialogue("gemensam-2.1", "gemensam-1.1"), dialogue("gemensam-1.1", "gemensam-2.1", version=5)
    mine.priorities[0].wording = "min 2.1"
    theirs.priorities[0].wording = "deras 1.1"
    mine.priorities.append(Priority("gemensam-4.1", 3, wording="ny", id="p-4.1"))
    theirs.notes = "deras anteckning"
    diffs = differences(base, mine, theirs)
    keys = {d.key for d in diffs}
    assert ("order",) in keys and ("present", "gemensam-4.1") in keys
    merged = merge(mine, theirs, {d.key: d.default for d in diffs})
    assert merged.version == 5
    assert merged.notes == "deras anteckning"
    assert [p.intervention_id for p in merged.priorities] == ["gemensam-2.1", "gemensam-1.1", "gemensam-4.1"]
    by_id = {p.intervention_id: p for p in merged.priorities}
    assert by_id["gemensam-2.1"].wording == "min 2.1" and by_id["gemensam-1.1"].wording == "deras 1.1"
    assert [p.rank for p in merged.priorities] == [1, 2, 3]
    theirs_all = merge(mine, theirs, {d.key: "theirs" for d in diffs})
    assert [p.intervention_id for p in theirs_all.priorities] == ["gemensam-1.1", "gemensam-2.1"]
    assert theirs_all.priorities[1].wording == ""


def test_no_differences_when_both_are_equal():
    assert differences(None, dialogue("gemensam-1.1"), dialogue("gemensam-1.1", version=4)) == []
