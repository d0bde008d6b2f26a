from __future__ import annotations

import pytest

from country_stance.countries import KINDS, find_countries, find_mentions

CASES = [
    # names and short forms
    ("France and Germany met.", ["DEU", "FRA"]),
    ("The U.S. and the UK disagreed.", ["GBR", "USA"]),
    ("US officials said little.", ["USA"]),
    ("The United States stayed away.", ["USA"]),
    ("America First, the slogan went.", ["USA"]),
    ("Britain will lead.", ["GBR"]),
    ("The U.K. and Türkiye talked.", ["GBR", "TUR"]),
    ("Turkey hosted the talks.", ["TUR"]),
    ("Czechia and Slovakia differ.", ["CZE", "SVK"]),
    ("Holland sent a frigate.", ["NLD"]),
    ("The Netherlands agreed.", ["NLD"]),
    ("North Macedonia and Bosnia abstained.", ["BIH", "MKD"]),
    ("Chile and Brazil abstained.", ["BRA", "CHL"]),
    ("Ministers met in Valencia and Frankfurt; shelling hit Kostiantynivka.", ["DEU", "ESP", "UKR"]),
    ("South Korea and Japan watched.", ["JPN", "KOR"]),
    ("The UAE and Saudi Arabia offered to host.", ["ARE", "SAU"]),
    ("Papua New Guinea voted.", ["PNG"]),
    ("South Sudan was absent.", ["SSD"]),
    ("Nigeria and Niger sent envoys.", ["NER", "NGA"]),
    ("Guinea-Bissau and Equatorial Guinea signed.", ["GNB", "GNQ"]),
    ("Northern Ireland's first minister spoke.", ["GBR"]),
    ("Ireland's triple lock applies.", ["IRL"]),
    # demonyms and adjectives
    ("The Polish President said no.", ["POL"]),
    ("The Dutch were cautious.", ["NLD"]),
    ("Britons are divided.", ["GBR"]),
    ("Danish and Swedish troops trained.", ["DNK", "SWE"]),
    ("Chinese diplomats objected.", ["CHN"]),
    ("Franco-German talks resumed.", ["DEU", "FRA"]),
    ("French officials were upbeat.", ["FRA"]),
    ("American negotiators left.", ["USA"]),
    ("Latin American leaders were not consulted.", []),
    ("Indian and Brazilian diplomats abstained.", ["BRA", "IND"]),
    ("Norwegian frigates patrolled.", ["NOR"]),
    ("Ukrainian soldiers held the line.", ["UKR"]),
    # capitals and seats
    ("Paris and London lead the effort.", ["FRA", "GBR"]),
    ("Kyiv welcomed the plan.", ["UKR"]),
    ("Kiev welcomed the plan.", ["UKR"]),
    ("The Kremlin rejected it.", ["RUS"]),
    ("Moscow rejected it.", ["RUS"]),
    ("The White House declined to comment.", ["USA"]),
    ("Downing Street confirmed the call.", ["GBR"]),
    ("The Élysée said the summit would go ahead.", ["FRA"]),
    ("The Elysee said the summit would go ahead.", ["FRA"]),
    ("The Hague hosted the NATO summit.", ["NLD"]),
    ("Berlin and Warsaw disagreed.", ["DEU", "POL"]),
    ("The Pentagon is reviewing options.", ["USA"]),
    ("Ankara offered to help in the Black Sea.", ["TUR"]),
    ("Washington wants Europe to lead.", ["USA"]),
    # places and datelines
    ("KYIV, March 3 - Officials met.", ["UKR"]),
    ("WARSAW (Danube Wire) - The minister spoke.", ["POL"]),
    ("A hub at Rzeszow would supply the force.", ["POL"]),
    ("Planners met at Northwood.", ["GBR"]),
    ("The Munich Security Conference opened.", ["DEU"]),
    ("Drones hit Odesa overnight.", ["UKR"]),
    ("The Istanbul talks stalled.", ["TUR"]),
    ("Fighting continued in Donbas.", ["UKR"]),
    ("Ministers gathered in Brussels.", ["BEL"]),
    # look-alikes
    ("Please polish the report.", []),
    ("We ate turkey at the dinner.", []),
    ("Georgia's governor spoke in Atlanta.", []),
    ("Voters in Georgia's Fulton County lined up.", []),
    ("Georgia's government in Tbilisi welcomed the plan.", ["GEO"]),
    ("Jordan Bardella criticised the plan.", []),
    ("Chad Smith wrote the column.", []),
    ("Michael Jordan was not consulted.", []),
    ("Jordan and Egypt issued a statement.", ["EGY", "JOR"]),
    ("Chad President Mahamat Deby spoke.", ["TCD"]),
    ("New Mexico and New Jersey passed laws.", []),
    ("NATO and the EU met in a Quint format.", []),
    ("European leaders met.", []),
    ("He flew to Paris, Texas, for a rodeo.", []),
    ("Nice is lovely in spring.", []),
    ("Reading the report took hours.", []),
    ("Split decisions are common.", []),
    ("Brent crude rose after the talks.", []),
    ("The Kiel Institute tracks aid.", []),
    ("The Washington Post reported it.", []),
    ("The Budapest Memorandum failed.", []),
    ("The Minsk agreements collapsed.", []),
    ("The Montreux Convention governs the straits.", []),
    ("Starmer said the force would be ready.", []),
    ("President Trump spoke by phone.", []),
    ("Israel Katz, the defence minister, spoke.", []),
    ("Israel and Egypt were consulted.", ["EGY", "ISR"]),
    ("Latin America and South America are regions.", []),
    ("Q: Would Israel have a view? A: Israel has avoided comment.", ["ISR"]),
    ("New Zealand Prime Minister Christopher Luxon. Japan is represented.", ["JPN", "NZL"]),
    ("Officials are preoccupied with the war in Gaza.", ["PSE"]),
    ("Westminster and the Rada both voted.", ["GBR", "UKR"]),
    ("Russian troops remain in Transnistria and Abkhazia.", ["GEO", "MDA", "RUS"]),
    ("Minsk II never worked.", []),
    ("Tokyo, Seoul and Canberra sent observers.", ["AUS", "JPN", "KOR"]),
    ("An Anglo-French plan for a UK-led force.", ["FRA", "GBR"]),
    ("Portugal's prime minister, Luís Montenegro, said yes.", ["PRT"]),
    ("Montenegro and Serbia abstained.", ["MNE", "SRB"]),
    ("An analyst at the Geneva Centre for Security Policy said so.", []),
    ("The plant in Georgia, in the American South, was raided.", ["USA"]),
]


@pytest.mark.parametrize(("text", "expected"), CASES)
def test_find_countries(text: str, expected: list[str]) -> None:
    assert find_countries(text) == expected


def test_sample_article_has_exactly_its_nine_labelled_countries(sample_article) -> None:
    assert find_countries(sample_article.text) == sorted(sample_article.gold())
    assert len(sample_article.gold()) == 9


def test_mention_kinds_and_spans() -> None:
    text = "Polish President Andrzej Duda met the Kremlin's envoy in Paris."
    got = [(m.iso3, m.kind, text[m.start : m.end]) for m in find_mentions(text)]
    assert got == [
        ("POL", "demonym", "Polish"),
        ("POL", "person", "Andrzej Duda"),
        ("RUS", "seat", "Kremlin"),
        ("FRA", "capital", "Paris"),
    ]


def test_sample_mention_kinds_are_the_documented_ones(sample_article) -> None:
    kinds = {m.kind for m in find_mentions(sample_article.text)}
    assert kinds == {"name", "short_form", "demonym", "capital", "person"} and kinds <= set(KINDS)


def test_person_tied_to_country_counts_later_in_the_same_article() -> None:
    text = "UK Prime Minister Keir Starmer hosted the call. Later, Starmer said troops would go."
    people = [(m.iso3, m.surface) for m in find_mentions(text) if m.kind == "person"]
    assert people == [("GBR", "Keir Starmer"), ("GBR", "Starmer")]


def test_appositive_tie_and_possessive_tie() -> None:
    text = "Mette Frederiksen, Denmark's prime minister, spoke first. Germany's Friedrich Merz followed. Merz agreed."
    people = [(m.iso3, m.surface) for m in find_mentions(text) if m.kind == "person"]
    assert people == [("DNK", "Mette Frederiksen"), ("DEU", "Friedrich Merz"), ("DEU", "Merz")]


def test_tied_person_beats_a_country_spelled_the_same() -> None:
    text = "Portuguese Prime Minister Luís Montenegro spoke. Later Montenegro said Portugal would help."
    assert [(m.iso3, m.kind) for m in find_mentions(text)] == [
        ("PRT", "demonym"), ("PRT", "person"), ("PRT", "person"), ("PRT", "name")]


def test_lookalike_seen_as_a_name_stays_a_name() -> None:
    assert find_countries("Prime Minister Luís Montenegro spoke. Later Montenegro said Portugal would help.") == [
        "PRT"]


def test_bare_name_before_tie_is_not_a_person_mention() -> None:
    text = "Duda arrived late. Polish President Andrzej Duda then spoke."
    people = [m.start for m in find_mentions(text) if m.kind == "person"]
    assert people == [text.index("Andrzej Duda")]


def test_untied_title_ties_nothing() -> None:
    text = "President Trump spoke to France. Trump later left."
    assert [m.kind for m in find_mentions(text)] == ["name"]


def test_sample_people_are_tied_to_their_countries(sample_article) -> None:
    people = {m.surface: m.iso3 for m in find_mentions(sample_article.text) if m.kind == "person"}
    assert people == {
        "Emmanuel Macron": "FRA",
        "Sébastien Lecornu": "FRA",
        "Lecornu": "FRA",
        "Macron": "FRA",
        "Keir Starmer": "GBR",
        "Lars Løkke Rasmussen": "DNK",
        "Andrzej Duda": "POL",
        "Jean-Yves Le Drian": "FRA",
    }
