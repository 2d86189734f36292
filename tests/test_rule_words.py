"""The rule word lists: loaded once from data, frozen, and a bad data file fails with one line naming file and key."""
import json
import shutil
from pathlib import Path

import pytest

from transforms import rule_words
from transforms.rule_words import DATA_DIR, EXPECTED, RULES, RuleWordsError


def test_every_file_holds_exactly_the_expected_keys():
    for stem, keys in EXPECTED.items():
        data = json.loads((DATA_DIR / f"{stem}.json").read_text(encoding="utf-8"))
        assert {k for k in data if not k.startswith("_")} == set(keys), stem


def test_rule_set_is_frozen_and_shared():
    assert rule_words.rule_words() is RULES
    with pytest.raises(Exception):
        RULES.events = {}  # type: ignore[misc]
    with pytest.raises(TypeError):
        RULES.events["modals"] = frozenset()  # type: ignore[index]
    assert isinstance(RULES.interactions["say_verbs"], frozenset)
    assert RULES.interactions["personal"]["she"] == "person"


def test_modules_bind_their_constants_from_the_rule_set():
    from transforms import actor_names, clause_frames, event_mood, interactions, sides

    assert event_mood.IRREALIS_HEADS is RULES.events["irrealis_heads"]
    assert "routinely" in clause_frames.HABITUAL_WORDS
    assert interactions.SAY_VERBS is RULES.interactions["say_verbs"]
    assert "threaten" in interactions.THREAT_VERBS
    assert interactions.SPEECH_NOUNS == (interactions.DEMAND_NOUNS | interactions.THREAT_NOUNS
                                         | interactions.INTEND_NOUNS)
    assert interactions.INTEND_ADJECTIVES <= interactions.STATIVE_PASSIVES
    assert "clashes" in sides.BATTLE_NOUNS
    assert "arab" in actor_names.WEAK_NAME_WORDS


def _copy(tmp_path: Path) -> Path:
    for stem in EXPECTED:
        shutil.copy(DATA_DIR / f"{stem}.json", tmp_path / f"{stem}.json")
    return tmp_path


def _edit(path: Path, change) -> None:
    data = json.loads(path.read_text(encoding="utf-8"))
    change(data)
    path.write_text(json.dumps(data), encoding="utf-8")


@pytest.mark.parametrize("change, message", [
    (lambda d: d.pop("habitual_words"), "events_words.json: key 'habitual_words' is missing"),
    (lambda d: d.__setitem__("habitual_wrods", ["often"]), "events_words.json: key 'habitual_wrods' is not a known"),
    (lambda d: d["modals"].append("Will"), "events_words.json: key 'modals': 'Will' is not a non-empty lower-case"),
    (lambda d: d["modals"].append(3), "events_words.json: key 'modals': 3 is not"),
    (lambda d: d["modals"].append("will"), "events_words.json: key 'modals': 'will' is listed twice"),
    (lambda d: d.__setitem__("modals", "will"), "events_words.json: key 'modals': must be a non-empty list"),
])
def test_a_bad_file_fails_with_file_and_key(tmp_path, change, message):
    data_dir = _copy(tmp_path)
    _edit(data_dir / "events_words.json", change)
    with pytest.raises(RuleWordsError) as err:
        rule_words.rule_words(data_dir)
    assert str(err.value).startswith(message)
    assert "\n" not in str(err.value)


def test_a_bad_mapping_fails(tmp_path):
    data_dir = _copy(tmp_path)
    _edit(data_dir / "interactions_words.json", lambda d: d["personal"].__setitem__("He", "person"))
    with pytest.raises(RuleWordsError, match=r"^interactions_words.json: key 'personal': 'He'"):
        rule_words.rule_words(data_dir)


def test_a_missing_file_fails(tmp_path):
    data_dir = _copy(tmp_path)
    (data_dir / "sides_words.json").unlink()
    with pytest.raises(RuleWordsError, match=r"^sides_words.json: cannot be read"):
        rule_words.rule_words(data_dir)
