"""Fatalities and civilian targeting on real news sentences (FA-KES Syria, HRDsAttack, wire-style reports)."""
from __future__ import annotations

import pytest

from transforms.fatalities import count_fatalities, is_civilian_targeting


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        # "at least N" -> N; the toll wording
        ("WHO said in a statement putting the death toll at at least 70.", 70),
        ("The death toll rose to 15 on Sunday, the monitor said.", 15),
        ("Death toll in bomb attack on Syria evacuees hits 43 Monitor", 43),
        ("Syrian army troops have killed more than 70 terrorists in Hama province.", 70),
        ("At least 1,300 people were killed in the chemical attack on Ghouta.", 1300),
        # two days of fighting is still one battle's toll, told over its length
        ("More than 40 fighters were killed in two days of clashes near the town.", 40),
        ("The attack claimed the lives of 18 civilians.", 18),
        ("Four children are among the 28 dead in overnight airstrikes on the town of Armanaz.", 28),
        # killed and wounded in one sentence: only the killed count
        ("A bomb blast killed six people and injured 32 in the Salah al-Din district of Aleppo.", 6),
        ("5 people were killed and 12 others wounded in the attack in the opposition-held district of Sevre.", 5),
        ("At least 48 people dead over 100 injured after truck bomb exploded near security headquarters.", 48),
        ("The blast killed 5 and wounded 20.", 5),
        ("Seven people were killed and 72 others were injured on Monday due to terrorist rocket attacks.", 7),
        ("Two children killed 5 others injured in terrorist rocket attack in Aleppo.", 2),
        # number words, singular victims
        ("Three suicide bombers blew themselves up near the main police station, killing two policemen.", 2),
        ("A man was killed when a shell hit his house in Daraa.", 1),
        ("A 12-year-old boy was shot dead by soldiers at the checkpoint.", 1),
        ("A woman and child were killed after terrorists shelled the center of the Syrian capital.", 2),
        ("A Russian military helicopter was shot down over Syria on Monday killing all five people on board.", 5),
        # parts of a whole are not added; separate groups are
        ("At least 11 civilians including two children were killed in regime airstrikes on a market in Idlib.", 11),
        ("At least nine civilians, including seven children, were killed in air strikes.", 9),
        ("40 Civilians 25 YPG Fighters Killed 110 Injured by Turkey Near Jarablus.", 65),
        ("Those killed include 14 children and four women.", 18),
        # vague quantities (codebook)
        ("Air strikes killed dozens of people in the rebel town.", 12),
        ("Hundreds of civilians died in a sarin gas attack in Ghouta.", 100),
        ("Gunmen killed several villagers near the border.", 3),
        ("Russia has accused Belgium of killing civilians in Aleppo.", 3),
        # dates and years are not victims
        ("Wed 19 Apr 2017 Aleppo bomb blast kills six Syrian state TV.", 6),
        ("Intense bombardment killed over 80 civilians in 2016.", 80),
        # a day or two is still one event's toll
        ("21 others died in intense strikes on several neighbourhoods in the east of the city since dawn.", 21),
        ("At least 45 people have been killed in Aleppo in the last 24 hours according to monitors.", 45),
    ],
)
def test_count_fatalities(sentence: str, expected: int) -> None:
    assert count_fatalities(sentence) == expected


@pytest.mark.parametrize(
    "sentence",
    [
        # threats and possibilities are not deaths
        "The group threatened to kill the hostages if its demands were not met.",
        "The strikes could kill hundreds of people, the UN warned.",
        "Please don't write my name, or they will come and kill me, says the young man.",
        # none killed
        "No one was killed in the blast, the governor said.",
        "The YPG reported no deaths in the attacks.",
        # wounded, casualties, arrests: not fatalities
        "Twenty people were wounded when the shell hit the market.",
        "Dozens of Casualties in Syrias Aleppo Bomb Blast.",
        "Aleppos Civilian Massacre Continues 88 Killed & Injured.",
        "Police arrested 46 Makerere University students who were protesting against a tuition increase.",
        "About six persons were reportedly kidnapped by gunmen at Zuma community.",
        # tallies over weeks, months or a war: many events, not one event's count
        "More than 300 civilians have been killed in Aleppo since April as rebels have pounded its neighbourhoods.",
        "In the past two weeks more than 200 civilians have been killed in Aleppo after regime air raids.",
        "More than 400,000 people have been killed since the war began in 2011.",
        "Five days of shelling on the eastern districts have left more than 90 people dead, the monitor said.",
        "A week of protests left at least 30 people dead across the country.",
        "",
    ],
)
def test_no_fatalities(sentence: str) -> None:
    assert count_fatalities(sentence) == 0


@pytest.mark.parametrize(
    "sentence",
    [
        "Barrel bombs kill at least 15 civilians in Syria's Aleppo.",
        "A motorcycle bomber killed at least 16 civilians outside a bakery in Hasakeh.",
        "Regime shelling hit a school in Douma, killing three children.",
        "Gunmen opened fire on worshippers leaving the mosque after Friday prayers.",
        "Suspected gunmen attacked a school in Zamfara State, abducting scores of students.",
        "Airstrikes struck a crowded market in the town of Ariha.",
    ],
)
def test_civilian_targeting(sentence: str) -> None:
    assert is_civilian_targeting(sentence)


@pytest.mark.parametrize(
    "sentence",
    [
        "Turkish warplanes killed nine fighters of the Islamic State group in strikes on jihadist positions.",
        "Civilians fled the fighting towards the Turkish border.",
        "The United Nations called on all parties to protect civilians.",
        "At least 35 Islamic State jihadists were killed in clashes with Syrian Kurdish fighters.",
    ],
)
def test_not_civilian_targeting(sentence: str) -> None:
    assert not is_civilian_targeting(sentence)
