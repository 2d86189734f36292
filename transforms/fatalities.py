"""Fatalities: the number of people killed in the event a sentence tells, by the ACLED codebook.

Codebook rules applied here: the lowest credible reported number ("at least 70" -> 70); 0 when none is reported
or only "casualties" / wounded are; "several" / "a few" -> 3, "many" -> 10, "dozens" -> 12, "hundreds" -> 100;
a bare plural ("civilians were killed") -> 3; wounded are never fatalities; a toll over weeks or months is a
tally of many events and gives none.

How: the sentence is cut into tokens; every quantity (a number, number words, a vague quantity, "a man") is tied
either to the casualty word that closes its noun phrase ("seven children were killed", "24 others wounded") or to
a killing verb just before it ("killed at least 5", "the death toll rose to 15"). Quantities listed together before
one verb are summed ("40 civilians, 25 fighters killed" -> 65), except parts introduced by "including" / "among
them" ("nine civilians, including seven children" -> 9). Killing words under a modal or a threat ("could kill",
"threatened to kill") or a negation ("no one was killed") do not count. Regexes over tokens rather than the spaCy
parse: this runs on many sentences and the surface patterns of casualty reports are few and regular.
"""
from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from transforms.lexicon import alternation

_DATA = Path(__file__).parent / "data" / "fatalities_words.json"

# Multi-word forms folded into single tokens before tokenising. Order matters.
_PHRASES: list[tuple[re.Pattern[str], str]] = [
    (re.compile(r"\b(?:as many as|up to|at least|more than|no fewer than|no less than|not less than|in excess of"
                r"|an estimated|upwards of|a total of|at the very least)\b"), " "),
    (re.compile(r"\b(?:killed|dead|killing|kills|kill)\s*(?:,\s*)?(?:or|and|&|/)\s*(?:wounded|injured|wounding|injuring"
                r"|hurt|maimed)\b"), " casualties "),
    (re.compile(r"\b(?:wounded|injured)\s*(?:or|and|&|/)\s*(?:killed|dead)\b"), " casualties "),
    (re.compile(r"\b(?:claim(?:ed|ing|s)?|took|taking|takes|cost|costing|costs)\s+the\s+lives\s+of\b"), " killed "),
    (re.compile(r"\blost\s+(?:their|his|her)\s+lives?\b"), " killed "),
    (re.compile(r"\b(?:shot|stabbed|beaten|hacked|burned|burnt|gunned|bludgeoned|tortured|clubbed)\s+(?:down\s+)?"
                r"to\s+death\b"), " killed "),
    (re.compile(r"\b(?:shot|gunned)\s+dead\b|\bgunned\s+down\b"), " killed "),
    (re.compile(r"\bdeath\s+toll\b"), " toll "),
    (re.compile(r"\bno\s+one\b|\bno-one\b"), " nobody "),
]
_TOKEN_RE = re.compile(r"\d[\d,]*(?:\.\d+)?|[a-z]+(?:['-][a-z]+)*|[^\s\w]")
_BE = frozenset("were was have has had been are is being be reportedly also all later then allegedly who that which "
                "later subsequently both".split())
_PART_MARKERS = frozenset("including includes include among mostly mainly majority".split())
_TOLL_FILLERS = frozenset("rose risen rises rising climbed climbs climbing reached reaches reach hit hits has had to at "
                          "of stands stood now jumped increased increases went has have is was in the from this "
                          "attack bombing blast strike strikes raid shelling on s".split())
_OF_KILL_NOUNS = frozenset("death deaths killing killings murder murders massacre execution executions bodies "
                           "slaughter".split())
# killing verbs and participles that, with a bare plural or a singular person, report deaths without a number
_FALLBACK_VERBS = frozenset("killed kill kills killing dead died slain executed executes executing massacred murdered "
                            "martyred perished slaughtered beheaded crucified assassinated lynched drowned".split())
_OTHER_ROLE = frozenset("sentenced condemned charged tried jailed convicted accused".split())


@dataclass(frozen=True)
class _Tok:
    text: str
    kind: str  # num | word | punct
    value: int = 0
    vague: bool = False


@lru_cache(maxsize=1)
def _words() -> dict:
    with _DATA.open(encoding="utf-8") as fh:
        data = json.load(fh)
    out: dict = {k: v for k, v in data.items() if not k.startswith("_")}
    for key, val in list(out.items()):
        if isinstance(val, list):
            out[key] = frozenset(val)
    return out


def _number_value(text: str) -> int | None:
    try:
        return int(float(text.replace(",", "")))
    except ValueError:
        return None


def _tokenize(sentence: str) -> list[_Tok]:
    """Lower-cased tokens with numbers, number words and vague quantities folded into `num` tokens."""
    text = sentence.lower().replace("\u2019", "'").replace("\u2013", "-")
    for pattern, repl in _PHRASES:
        text = pattern.sub(repl, text)
    raw = _TOKEN_RE.findall(text)
    w = _words()
    numbers, vague, mult = w["number_words"], w["vague_quantities"], w["multipliers"]
    singular = w["person_nouns_singular"]
    out: list[_Tok] = []
    i = 0
    while i < len(raw):
        tok = raw[i]
        nxt = raw[i + 1] if i + 1 < len(raw) else ""
        nxt2 = raw[i + 2] if i + 2 < len(raw) else ""
        # ages and other compounds: "12-year-old", "a 3-month-old"
        if tok[0].isdigit() and nxt == "-" or tok[0].isdigit() and nxt in ("year", "years") and nxt2 == "old":
            out.append(_Tok(tok, "word"))
            i += 1
            continue
        if "-" in tok and tok.split("-")[0] in numbers and tok.split("-")[1] in ("year", "month"):
            out.append(_Tok(tok, "word"))
            i += 1
            continue
        two = f"{tok} {nxt}"
        three = f"{two} {nxt2}"
        if three in vague or three in numbers:
            out.append(_Tok(three, "num", int(vague.get(three, numbers.get(three, 0))), three in vague))
            i += 3
            continue
        if two in vague or two in numbers:
            out.append(_Tok(two, "num", int(vague.get(two, numbers.get(two, 0))), two in vague))
            i += 2
            continue
        value = _number_value(tok) if tok[0].isdigit() else None
        if value is None and tok in numbers:
            value = numbers[tok]
        if value is None and "-" in tok and all(p in numbers for p in tok.split("-")):  # twenty-five
            value = sum(numbers[p] for p in tok.split("-"))
        if value is not None:
            # compounds: "twenty five", "three hundred and seventeen", "1.5 million"
            j = i + 1
            while j < len(raw):
                part = raw[j]
                if part in mult:
                    value = value * mult[part] if value < mult[part] else value + mult[part]
                elif part in numbers and numbers[part] < 100 and not raw[j - 1][0].isdigit():
                    value += numbers[part]
                elif part == "and" and j + 1 < len(raw) and raw[j + 1] in numbers and raw[j - 1] in mult:
                    pass
                else:
                    break
                j += 1
            if tok[0].isdigit() and _is_date_or_time(tok, value, raw, i, out):
                out.append(_Tok(tok, "word"))
                i += 1
                continue
            out.append(_Tok(" ".join(raw[i:j]), "num", value))
            i = j
            continue
        if tok in ("some", "many") and (nxt[:1].isdigit() or nxt in numbers):
            i += 1  # "some 50 people": a qualifier
            continue
        if tok in vague:
            out.append(_Tok(tok, "num", int(vague[tok]), True))
            i += 1
            continue
        if tok in ("a", "an"):
            # "a man was killed", "a young girl": one person
            k = i + 1
            while k < min(len(raw), i + 6) and raw[k] not in singular and re.fullmatch(r"[a-z\d'-]+", raw[k]):
                k += 1
            if k < len(raw) and raw[k] in singular:
                out.append(_Tok(tok, "num", 1))
                i += 1
                continue
        out.append(_Tok(tok, "punct" if not re.match(r"\w", tok) else "word"))
        i += 1
    return out


def _is_date_or_time(tok: str, value: int, raw: list[str], i: int, out: list[_Tok]) -> bool:
    """Digits that are part of a date, a year or a clock time ("19 Apr 2017", "in 2013", "0914", "20:08")."""
    prev = raw[i - 1] if i > 0 else ""
    nxt = raw[i + 1] if i + 1 < len(raw) else ""
    if prev in _MONTH_WORDS or nxt in _MONTH_WORDS or nxt.rstrip(".") in _MONTH_WORDS:
        return True
    if nxt in (":", ".", "/") and i + 2 < len(raw) and raw[i + 2][:1].isdigit():
        return True  # 20:08, 05.04.2017
    if prev in (":", "/") and i > 1 and raw[i - 2][:1].isdigit():
        return True
    if len(tok) == 4 and tok.startswith("0"):
        return True  # a clock time "0914"
    if 1900 <= value <= 2035 and "," not in tok:
        people = _words()["person_nouns_plural"]
        return not (nxt in people or nxt in ("others", "killed", "dead", "died", "were", "people"))
    return False


_MONTH_WORDS = frozenset("january february march april may june july august september october november december "
                         "jan feb mar apr jun jul aug sep sept oct nov dec".split())


def _kill_is_real(toks: list[_Tok], k: int) -> bool:
    """A killing word that reports a death: not under a modal, threat, plan or negation ("could kill", "no one
    was killed", "threatened to kill")."""
    w = _words()
    window = [t.text for t in toks[max(0, k - 4):k]]
    if any(x in w["hypothetical_words"] for x in window[-3:]) and toks[k].text in ("kill", "die", "execute",
                                                                                   "murder", "killing"):
        return False
    if any(x in ("could", "would", "might", "may", "will") for x in window[-3:]) and "have" not in window[-3:]:
        return False
    if any(x in w["negations"] or x == "nobody" for x in window):
        return False
    return True


def _role_forward(toks: list[_Tok], i: int) -> tuple[str | None, list[tuple[int, int, bool]]]:
    """From the quantity at i, walk its noun phrase (and any list of quantities joined to it) to the casualty word
    that closes it. Returns the role ('killed', 'other' or None) and the chain of (index, value, is_part)."""
    w = _words()
    singular = w["person_nouns_singular"]
    chain = [(i, toks[i].value, False)]
    part = False
    j = i + 1
    steps = 0
    while j < len(toks) and steps < 9:
        t = toks[j]
        if t.kind == "num":
            prev = toks[j - 1]
            if not (prev.text in (",", "and", "them", "whom", "&") or prev.text in _PART_MARKERS
                    or prev.text in w["person_nouns_plural"] or prev.text in singular):
                return None, chain  # another figure, not a list of victims ("... AFP 16 Jul 2015 At least 11")
            chain.append((j, t.value, part))
            steps = 0
        elif t.text in w["kill_words"] and t.text != "toll":
            after = toks[j + 1] if j + 1 < len(toks) else None
            if t.text in ("kill", "kills", "killing", "execute", "executes", "murders") or (
                    t.text in w["object_kill_verbs"] and after is not None and after.kind == "num"
                    and not any(x.text in w["wound_words"] for x in toks[j + 2:j + 5])):
                return None, chain  # the chain is the killer ("five gunmen killed 3 people"), not the victims
            return ("killed" if _kill_is_real(toks, j) else "other"), chain
        elif t.text in w["wound_words"] or t.text in _OTHER_ROLE:
            return "other", chain
        elif t.text in _PART_MARKERS:
            part = True
        elif t.kind == "punct" or t.text in ("and", "or"):
            nxt = toks[j + 1] if j + 1 < len(toks) else None
            nxt2 = toks[j + 2] if j + 2 < len(toks) else None
            if t.text in ("-", "'"):
                pass
            elif t.text == "and" and nxt is not None and (
                    nxt.text in singular or nxt.text in ("his", "her", "their") and nxt2 is not None
                    and nxt2.text in singular):
                chain.append((j + 1, 1, part))  # "a woman and child", "a man and his daughter"
            elif nxt is None or t.text == ")" or not (
                    nxt.kind == "num" or nxt.text in _PART_MARKERS or nxt.text in _BE
                    or nxt.text in w["kill_words"]):
                return None, chain
        elif t.text in w["non_person_units"] and j == i + 1:
            return None, chain
        steps += 1
        j += 1
    return None, chain


def _role_backward(toks: list[_Tok], i: int) -> bool:
    """Whether the quantity at i is the object of a killing verb just before it ("killed 5", "killing at least
    seven", "the death toll rose to 15", "the killing of 30")."""
    w = _words()
    j = i - 1
    skipped = 0
    while j >= 0 and skipped <= 2:
        t = toks[j].text
        if t in w["object_kill_verbs"] and t != "toll":
            return _kill_is_real(toks, j)
        if t == "of" and j > 0 and toks[j - 1].text in _OF_KILL_NOUNS:
            return True
        if t in ("include", "included", "includes", "including") and any(
                x.text in w["kill_words"] for x in toks[max(0, j - 3):j]):
            return True  # "those killed include 14 children"
        if t in w["qualifiers"] or t in ("some", "another"):
            j -= 1
            skipped += 1
            continue
        break
    # the death toll ... to / at / hits N
    j = i - 1
    while j >= 0 and i - j <= 9:
        t = toks[j]
        if t.text == "toll":
            return True
        if t.kind == "num" or (t.kind == "punct" and t.text not in (",", "-")):
            return False
        j -= 1
    return False


def _killed_groups(toks: list[_Tok]) -> list[int]:
    """The count of each group of quantities tied to a killing in the sentence."""
    w = _words()
    groups: list[int] = []
    used: set[int] = set()
    for i, t in enumerate(toks):
        if t.kind != "num" or i in used:
            continue
        role, chain = _role_forward(toks, i)
        if role is None and _role_backward(toks, i):
            role = "killed"  # "killing seven civilians and two soldiers": the chain is the verb's object
        for idx, _, _ in chain:
            used.add(idx)
        if role == "killed":
            # parts ("including seven children") are inside the whole; a part can also be the whole
            # ("four children are among the 28 dead"): the group counts the larger of the two readings
            whole = sum(v for _, v, is_part in chain if not is_part)
            parts = max((v for _, v, is_part in chain if is_part), default=0)
            groups.append(max(whole, parts))
    if not groups:
        # bare plural or singular victim: "civilians were killed" -> 3, "the journalist was killed" -> 1
        for k, t in enumerate(toks):
            if t.text not in _FALLBACK_VERBS:
                continue
            if not _kill_is_real(toks, k):
                continue
            before = [x.text for x in toks[max(0, k - 4):k] if x.kind == "word"]
            after = [x.text for x in toks[k + 1:k + 4] if x.kind == "word"]
            if t.text in w["object_kill_verbs"] and any(x in w["person_nouns_plural"] for x in after[:3]):
                groups.append(3)
            elif any(x in w["person_nouns_plural"] for x in before[-3:]) and t.text not in ("kill", "kills"):
                groups.append(3)
            elif any(x in w["person_nouns_singular"] for x in before[-3:] + after[:2]):
                groups.append(1)
    return groups


def count_fatalities(sentence: str) -> int:
    """The lowest credible number of people reported killed in the event the sentence tells; 0 when none is.

    When the sentence reports several killed groups apart ("killed 5 on Monday; the toll rose to 12"), the
    largest is kept: later figures in a report are updated tolls of the same event, not new deaths."""
    if not sentence or is_tally(sentence):
        return 0
    groups = _killed_groups(_tokenize(sentence))
    return max(groups) if groups else 0


@lru_cache(maxsize=1)
def _tally_re() -> re.Pattern[str]:
    return re.compile("|".join(f"(?:{p})" for p in sorted(_words()["tally_periods"])))


def is_tally(sentence: str) -> bool:
    """Whether the sentence counts deaths over weeks, months or years ("since April", "in the past two weeks"):
    a tally of many events, which ACLED never codes as one event's fatalities (`tally_periods` in the data)."""
    return _tally_re().search(sentence.lower()) is not None


@lru_cache(maxsize=1)
def _civilian_re() -> re.Pattern[str]:
    return re.compile(r"\b(?:" + alternation(_words()["civilian_nouns"]) + r")\b")


@lru_cache(maxsize=1)
def _violence_re() -> re.Pattern[str]:
    return re.compile(r"\b(?:" + alternation(_words()["violence_words"]) + r")\b")


def is_civilian_targeting(sentence: str) -> bool:
    """Whether the sentence tells of civilians (children, residents, worshippers, a market, a school...) being
    targeted, hit or killed: a civilian word within a few words of a violence word, not in a protective frame
    ("to protect civilians", "civilians fled")."""
    text = sentence.lower().replace("\u2019", "'")
    violence = [m.start() for m in _violence_re().finditer(text)]
    if not violence:
        return False
    blockers = _words()["civilian_blockers"]
    for m in _civilian_re().finditer(text):
        near = text[max(0, m.start() - 40):m.end() + 40]
        if any(re.search(rf"\b{b}\b", near) for b in blockers):
            continue
        if any(abs(v - m.start()) <= 80 for v in violence):
            return True
    return False
