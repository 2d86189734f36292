"""The word lists of the extraction rules, read once from data files into one frozen, validated rule set.

Why a module of its own: the clause rules of `clause_frames`, `events`, `interactions`, `sides` and `actors` test words against
lists ("threaten", "routinely", "said"); those lists are data a user can read and extend
(`transforms/data/*_words.json`), and a typo in a data file must fail loudly at load time, not silently change
what the rules do. Every file is checked against the keys below: each expected key present, no unknown key, each
list a list of distinct, non-empty, lower-case strings (a mapping: lower-case strings to lower-case strings).
The modules bind their constants from the loaded set (`SAY_VERBS = RULES.interactions["say_verbs"]`); what
each list is for is said where it is used.
"""
from __future__ import annotations

import json
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from types import MappingProxyType
from typing import Mapping

DATA_DIR = Path(__file__).parent / "data"

# file stem -> the keys it must hold (lists of words unless named in MAPPING_KEYS)
EXPECTED: dict[str, tuple[str, ...]] = {
    "events_words": tuple("""
        irrealis_heads modals negations irrealis_modifiers conditional_marks habitual_words hedge_words
        support_verbs realised_infinitive_heads event_head_nouns weapon_nouns state_agent_words
        nonstate_agent_words combatant_words military_target_words air_agent_words artillery_agent_words
        combat_neutral diplomatic_words protest_words protest_intervention_words lethal_words place_nouns
        legal_words statement_words agreement_nouns agreement_state_verbs attacker_nouns reference_nouns
        trend_nouns device_nouns disrupting_verbs setting_nouns operation_nouns protester_nouns crowd_nouns
        stative_verbs clause_openers nonspecific_modifiers ongoing_verbs count_nouns day_words people_words
        reflexives agent_of_nouns series_nouns reciprocal_lemmas agent_trigger_nouns targeting_verbs riot_lemmas
        riot_objects demonstrator_words mob_agent_words territory_entry_lemmas statement_triggers coup_lemmas
        withdrawal_lemmas inheriting_lemmas device_victim_verbs hazard_nouns ordinary_crime_words
        political_cue_words accident_modifiers accident_verbs arson_words blast_words routine_deployment_words
        conflict_cue_words commemoration_words protest_demand_words violent_crime_words
        accident_cause_words crowd_retype_words
        """.split()),
    "interactions_words": tuple("""
        say_verbs threat_verbs demand_verbs intend_verbs deny_verbs claim_nouns intend_adjectives demand_nouns
        threat_nouns intend_nouns light_verbs control_verbs deontic_modals possible_modals future_modals
        conditional_marks target_preps agent_preps patient_preps in_purpose_nouns stative_passives psych_verbs
        protest_verbs protest_nouns reciprocal_verbs reciprocal_nouns receive_verbs border_nouns move_verbs
        event_nouns location_preps state_action_verbs pronouns relatives personal person_nouns collective_nouns
        former_words
        """.split()),
    "sides_words": ("battle_nouns", "platform_nouns", "platform_owner_words", "expelling_lemmas",
                    "expelling_with_out_lemmas", "group_reference_nouns", "rebel_reference_nouns", "militia_reference_nouns",
                    "unattributed_words", "group_link_words"),
    "clauses_words": ("negating_heads", "possibility_heads", "threat_heads", "ability_modals", "background_marks"),
    "actors_words": tuple("""
        locative_preps capital_agent_preps patron_suffixes common_extra strike_nouns force_using_government
        partitives org_heads name_links weak_name_words state_unit_words org_seat_heads source_preps
        suspicion_words claim_verbs blame_verbs claimed_act_verbs
        """.split()),
}
MAPPING_KEYS = frozenset({("interactions_words", "personal")})


class RuleWordsError(ValueError):
    """A word-list data file is missing, malformed, or does not hold exactly the expected keys."""


@dataclass(frozen=True)
class RuleWords:
    """One read-only mapping per data file: key -> frozenset of words (or a read-only word -> word mapping)."""

    events: Mapping[str, frozenset[str]]
    interactions: Mapping[str, frozenset[str] | Mapping[str, str]]
    sides: Mapping[str, frozenset[str]]
    clauses: Mapping[str, frozenset[str]]
    actors: Mapping[str, frozenset[str]]


def _word(value: object, where: str) -> str:
    if not isinstance(value, str) or not value or value != value.strip() or value != value.lower():
        raise RuleWordsError(f"{where}: {value!r} is not a non-empty lower-case string")
    return value


def _load_file(stem: str, data_dir: Path) -> Mapping[str, frozenset[str] | Mapping[str, str]]:
    path = data_dir / f"{stem}.json"
    try:
        with open(path, encoding="utf-8") as f:
            raw = json.load(f)
    except (OSError, json.JSONDecodeError) as err:
        raise RuleWordsError(f"{path.name}: cannot be read: {err}") from err
    if not isinstance(raw, dict):
        raise RuleWordsError(f"{path.name}: must hold a JSON object of word lists")
    keys = {k for k in raw if not k.startswith("_")}  # "_about" and the like are comments
    expected = set(EXPECTED[stem])
    for key in sorted(expected - keys):
        raise RuleWordsError(f"{path.name}: key {key!r} is missing")
    for key in sorted(keys - expected):
        raise RuleWordsError(f"{path.name}: key {key!r} is not a known word list")
    out: dict[str, frozenset[str] | Mapping[str, str]] = {}
    for key in EXPECTED[stem]:
        value, where = raw[key], f"{path.name}: key {key!r}"
        if (stem, key) in MAPPING_KEYS:
            if not isinstance(value, dict) or not value:
                raise RuleWordsError(f"{where}: must be a non-empty object of word -> word")
            out[key] = MappingProxyType({_word(k, where): _word(v, where) for k, v in value.items()})
            continue
        if not isinstance(value, list) or not value:
            raise RuleWordsError(f"{where}: must be a non-empty list of words")
        words = [_word(w, where) for w in value]
        if len(set(words)) != len(words):
            dup = next(w for w in words if words.count(w) > 1)
            raise RuleWordsError(f"{where}: {dup!r} is listed twice")
        out[key] = frozenset(words)
    return MappingProxyType(out)


@lru_cache(maxsize=None)
def rule_words(data_dir: Path = DATA_DIR) -> RuleWords:
    """Read and check every word-list file once; raises `RuleWordsError` (one line: file and key) on a bad one."""
    return RuleWords(**{stem.removesuffix("_words"): _load_file(stem, data_dir) for stem in EXPECTED})


RULES = rule_words()
