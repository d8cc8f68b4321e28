#!/usr/bin/env python3
"""Generate ``benchmarks/data/pii_dev2.jsonl``: a second, independently written PII dev set.

The sentences imitate what users type to an AI assistant or its support channel (refused
requests, complaints about refusals, pasted forms, e-mails to draft, sign-offs, CVs, letters,
shipping problems, account recovery, medical/insurance forms, rental applications, chat
transcripts).  Every template is a small function that returns a list of plain strings and
labelled values; the sentence is the concatenation, so the gold offsets are exact by
construction and are re-checked before writing.

Deterministic: every record draws its values from ``random.Random`` and Faker instances seeded
from ``SEED`` and the record id only, so running the script twice gives byte-identical output.

This set is for tuning (a second dev set), not for reporting as a test result.

    .venv/bin/python benchmarks/make_pii_dev2_set.py [--out PATH]
"""

from __future__ import annotations

import argparse
import json
import random
import re
import sys
import unicodedata
import zlib
from collections import Counter
from pathlib import Path

from faker import Faker

SEED = 7_2024_0917
OUT = Path(__file__).resolve().parent / "data" / "pii_dev2.jsonl"

TYPES = (
    "PERSON",
    "ADDRESS",
    "EMAIL",
    "PHONE",
    "CARD",
    "SSN",
    "IP",
    "IBAN",
    "DATE_OF_BIRTH",
    "DRIVER_LICENSE",
    "PASSPORT",
)
WORD_TYPES = ("PERSON", "ADDRESS")
EXACT_TYPES = tuple(t for t in TYPES if t not in WORD_TYPES)
LANGS = ("en", "de", "es", "fr", "it", "pt", "nl")


# --------------------------------------------------------------------------------------------
# Labelled values.


class E:
    """A labelled value inside a template's list of parts."""

    __slots__ = ("type", "value")

    def __init__(self, typ: str, value: str):
        assert typ in TYPES, typ
        self.type = typ
        self.value = value


def P(v):
    return E("PERSON", v)


def A(v):
    return E("ADDRESS", v)


def EM(v):
    return E("EMAIL", v)


def PH(v):
    return E("PHONE", v)


def CC(v):
    return E("CARD", v)


def SS(v):
    return E("SSN", v)


def IPA(v):
    return E("IP", v)


def IB(v):
    return E("IBAN", v)


def DOB(v):
    return E("DATE_OF_BIRTH", v)


def DL(v):
    return E("DRIVER_LICENSE", v)


def PP(v):
    return E("PASSPORT", v)


# --------------------------------------------------------------------------------------------
# Small helpers.

UPPER = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"
DIGITS = "0123456789"
_FOLD = str.maketrans(
    {
        "ł": "l",
        "Ł": "L",
        "ø": "o",
        "Ø": "O",
        "ß": "ss",
        "ı": "i",
        "đ": "d",
        "Đ": "D",
        "æ": "ae",
        "Æ": "AE",
        "œ": "oe",
        "Œ": "OE",
        "ð": "d",
        "þ": "th",
    }
)


def fold(s: str) -> str:
    """ASCII-fold a name (for e-mail local parts and the Vietnamese no-diacritics variant)."""
    s = s.translate(_FOLD)
    return "".join(c for c in unicodedata.normalize("NFKD", s) if not unicodedata.combining(c))


def crc(s: str) -> int:
    return zlib.crc32(s.encode("utf-8"))


def pattern(rng: random.Random, pat: str) -> str:
    """'#' digit, '%' non-zero digit, '&' digit 2-9, '@' capital letter, '?' letter or digit."""
    out = []
    for ch in pat:
        if ch == "#":
            out.append(rng.choice(DIGITS))
        elif ch == "%":
            out.append(rng.choice(DIGITS[1:]))
        elif ch == "&":
            out.append(rng.choice(DIGITS[2:]))
        elif ch == "@":
            out.append(rng.choice(UPPER))
        elif ch == "?":
            out.append(rng.choice(UPPER + DIGITS))
        else:
            out.append(ch)
    return "".join(out)


def luhn_digit(body: str) -> str:
    total = 0
    for i, ch in enumerate(reversed(body)):
        d = int(ch)
        if i % 2 == 0:
            d *= 2
            if d > 9:
                d -= 9
        total += d
    return str((10 - total % 10) % 10)


def luhn_ok(num: str) -> bool:
    digits = [int(c) for c in num if c.isdigit()]
    total = 0
    for i, d in enumerate(reversed(digits)):
        if i % 2 == 1:
            d *= 2
            if d > 9:
                d -= 9
        total += d
    return total % 10 == 0


def iban_ok(iban: str) -> bool:
    s = iban.replace(" ", "")
    s = s[4:] + s[:4]
    return int("".join(str(int(c, 36)) for c in s)) % 97 == 1


_FAKERS: dict[str, Faker] = {}


def faker_for(loc: str) -> Faker:
    if loc not in _FAKERS:
        _FAKERS[loc] = Faker(loc)
    return _FAKERS[loc]


# --------------------------------------------------------------------------------------------
# Name data written for this set (cultures whose Faker names are not in Latin script, or
# where a hand-written list adds variety).

ZH_LAST = [
    "Wang",
    "Li",
    "Zhang",
    "Liu",
    "Chen",
    "Yang",
    "Huang",
    "Zhao",
    "Wu",
    "Zhou",
    "Xu",
    "Sun",
    "Ma",
    "Zhu",
    "Hu",
    "Guo",
    "He",
    "Lin",
    "Gao",
    "Luo",
    "Zheng",
    "Tang",
    "Deng",
]
ZH_FIRST = {
    "m": [
        "Wei",
        "Hao",
        "Xiaoming",
        "Lei",
        "Jun",
        "Qiang",
        "Haoran",
        "Yifan",
        "Zihao",
        "Jian",
        "Bo",
        "Tao",
        "Zhiwei",
        "Chenxi",
    ],
    "f": [
        "Fang",
        "Jing",
        "Yuting",
        "Jiahui",
        "Xin",
        "Mei",
        "Tingting",
        "Lina",
        "Shuang",
        "Xiaoli",
        "Yan",
        "Ruoxi",
        "Yiran",
        "Min",
    ],
}
KO_LAST = [
    "Kim",
    "Lee",
    "Park",
    "Choi",
    "Jung",
    "Kang",
    "Cho",
    "Yoon",
    "Jang",
    "Lim",
    "Han",
    "Shin",
    "Seo",
    "Kwon",
    "Hwang",
    "Oh",
    "Song",
]
KO_FIRST = {
    "m": [
        "Min-jun",
        "Do-yoon",
        "Ji-ho",
        "Hyun-woo",
        "Jae-sung",
        "Seung-hoon",
        "Minho",
        "Tae-yang",
        "Joon-young",
        "Dong-hyun",
    ],
    "f": [
        "Seo-yeon",
        "Ji-woo",
        "Ha-eun",
        "Soo-ah",
        "Eun-ji",
        "Yuna",
        "Min-seo",
        "Ji-hye",
        "Hye-jin",
        "Da-eun",
    ],
}
RU_FIRST = {
    "m": [
        "Dmitri",
        "Sergei",
        "Alexei",
        "Ivan",
        "Mikhail",
        "Nikolai",
        "Vladimir",
        "Pavel",
        "Andrei",
        "Yuri",
        "Konstantin",
        "Artyom",
    ],
    "f": [
        "Olga",
        "Natalia",
        "Yekaterina",
        "Anastasia",
        "Svetlana",
        "Tatiana",
        "Irina",
        "Yulia",
        "Marina",
        "Ksenia",
        "Darya",
        "Elena",
    ],
}
RU_LAST = [
    ("Ivanov", "Ivanova"),
    ("Petrov", "Petrova"),
    ("Smirnov", "Smirnova"),
    ("Kuznetsov", "Kuznetsova"),
    ("Volkov", "Volkova"),
    ("Sokolov", "Sokolova"),
    ("Popov", "Popova"),
    ("Lebedev", "Lebedeva"),
    ("Kozlov", "Kozlova"),
    ("Novikov", "Novikova"),
    ("Morozov", "Morozova"),
    ("Fedorov", "Fedorova"),
    ("Zakharov", "Zakharova"),
    ("Kovalevsky", "Kovalevskaya"),
    ("Belov", "Belova"),
]
RU_PATRON = {
    "m": ["Ivanovich", "Sergeyevich", "Petrovich", "Alexandrovich", "Nikolayevich"],
    "f": ["Ivanovna", "Sergeyevna", "Petrovna", "Alexandrovna", "Nikolayevna"],
}
AR_FIRST = {
    "m": [
        "Ahmed",
        "Mohammed",
        "Omar",
        "Khalid",
        "Youssef",
        "Hassan",
        "Tariq",
        "Samir",
        "Karim",
        "Ibrahim",
        "Mustafa",
        "Bilal",
        "Hamza",
        "Faisal",
        "Nabil",
    ],
    "f": [
        "Fatima",
        "Aisha",
        "Layla",
        "Noor",
        "Mariam",
        "Rania",
        "Huda",
        "Salma",
        "Zainab",
        "Yasmin",
        "Amira",
        "Leila",
        "Hana",
        "Samira",
        "Dalia",
    ],
}
AR_LAST = [
    "al-Harbi",
    "Al-Masri",
    "Haddad",
    "El-Sayed",
    "Abdullah",
    "Khoury",
    "Nasser",
    "Al-Farsi",
    "Mansour",
    "Saleh",
    "Hamdan",
    "El Amrani",
    "Benali",
    "Qureshi",
    "Al-Rashid",
    "Bouzid",
    "Darwish",
    "Aziz",
    "Chaouki",
    "Al Nahyan",
]
VI_LAST = [
    "Nguyễn",
    "Trần",
    "Lê",
    "Phạm",
    "Hoàng",
    "Huỳnh",
    "Phan",
    "Vũ",
    "Võ",
    "Đặng",
    "Bùi",
    "Đỗ",
    "Hồ",
    "Ngô",
    "Dương",
    "Lý",
]
VI_MID = {
    "m": ["Văn", "Đức", "Minh", "Quang", "Hữu", "Thành"],
    "f": ["Thị", "Ngọc", "Thu", "Thanh", "Mai", "Bảo"],
}
VI_FIRST = {
    "m": [
        "An",
        "Bảo",
        "Dũng",
        "Hùng",
        "Khang",
        "Long",
        "Nam",
        "Phúc",
        "Quân",
        "Tuấn",
        "Hiếu",
        "Thắng",
    ],
    "f": [
        "Anh",
        "Hà",
        "Hương",
        "Lan",
        "Linh",
        "Mai",
        "Ngọc",
        "Thảo",
        "Trang",
        "Vy",
        "Hằng",
        "Nhung",
    ],
}
WA_FIRST = {
    "m": [
        "Chukwuemeka",
        "Obinna",
        "Tunde",
        "Aminu",
        "Kwame",
        "Kofi",
        "Emeka",
        "Ikenna",
        "Musa",
        "Segun",
        "Yaw",
        "Chidi",
    ],
    "f": [
        "Ngozi",
        "Chiamaka",
        "Adaeze",
        "Folake",
        "Halima",
        "Ama",
        "Abena",
        "Nneka",
        "Funmilayo",
        "Zainab",
        "Efua",
        "Ifeoma",
    ],
}
WA_LAST = [
    "Okafor",
    "Adeyemi",
    "Okonkwo",
    "Eze",
    "Nwosu",
    "Balogun",
    "Abubakar",
    "Danjuma",
    "Mensah",
    "Asante",
    "Boateng",
    "Obi",
    "Nwachukwu",
    "Ogunleye",
    "Bello",
    "Owusu",
]
EA_FIRST = {
    "m": [
        "Baraka",
        "Jabari",
        "Otieno",
        "Kamau",
        "Juma",
        "Wekesa",
        "Kipchoge",
        "Sipho",
        "Thabo",
        "Tendai",
    ],
    "f": [
        "Wanjiru",
        "Achieng",
        "Zawadi",
        "Amina",
        "Nomvula",
        "Thandiwe",
        "Nyokabi",
        "Akinyi",
        "Neema",
        "Rehema",
    ],
}
EA_LAST = [
    "Mwangi",
    "Otieno",
    "Kamau",
    "Njoroge",
    "Mutua",
    "Wekesa",
    "Ochieng",
    "Kariuki",
    "Dlamini",
    "Ndlovu",
    "Khumalo",
    "Moyo",
    "Odhiambo",
    "Chebet",
    "Wambui",
]

# Particles: Dutch and Arabic ones are combined with a generated surname; elsewhere whole
# surnames with particles are listed, since "del" + any surname rarely looks real.
PARTICLES = {
    "nl": ["van", "van der", "van den", "de", "ter", "van de"],
    "ar": ["bin", "ibn", "al-"],
}
PARTICLE_SURNAMES = {
    "de": [
        "von Hohenberg",
        "von der Heide",
        "von Bülow",
        "zu Stolberg",
        "vom Bruch",
        "von Arnim",
        "von Trotha",
        "von der Mühlen",
        "zur Linden",
    ],
    "fr": [
        "de la Fontaine",
        "Le Gall",
        "du Pont",
        "de Villiers",
        "Le Roux",
        "du Bellay",
        "de Saint-Martin",
        "Le Goff",
        "de La Salle",
    ],
    "es": [
        "de la Fuente",
        "del Río",
        "de la Cruz",
        "del Valle",
        "de León",
        "de la Torre",
        "de los Santos",
        "del Castillo",
    ],
    "it": [
        "De Luca",
        "Di Stefano",
        "Della Valle",
        "Lo Bianco",
        "La Rosa",
        "De Santis",
        "Di Giacomo",
        "D'Angelo",
        "Dalla Costa",
    ],
    "pt": [
        "da Silva",
        "dos Santos",
        "de Oliveira",
        "das Neves",
        "da Costa",
        "do Nascimento",
        "dos Reis",
    ],
    "en": [
        "O'Brien",
        "O'Connor",
        "McCarthy",
        "MacLeod",
        "Fitzgerald",
        "McAllister",
        "O'Sullivan",
        "MacDonald",
        "St. Clair",
    ],
}
NICKS = {
    "en": [
        "Bobby",
        "Liz",
        "Katie",
        "Jimmy",
        "Mo",
        "Bex",
        "Teddy",
        "Sasha",
        "Jess",
        "Danny",
        "Nicky",
        "Tash",
        "Gaz",
        "Robbie",
        "Ally",
        "Benji",
        "Lexi",
        "Tommo",
    ],
    "de": ["Hansi", "Steffi", "Flo", "Basti", "Toni", "Uli", "Susi", "Micha", "Conny", "Jojo"],
    "es": ["Nacho", "Pepe", "Paco", "Lola", "Charo", "Manu", "Chema", "Maite", "Quique"],
    "fr": ["Manu", "Jojo", "Fanfan", "Lulu", "Mimi", "Titi", "Béa", "Seb", "Nico"],
    "it": ["Beppe", "Gigi", "Pippo", "Betta", "Franci", "Vale", "Ale"],
    "pt": ["Zé", "Guto", "Bia", "Nando", "Dudu", "Malu", "Juca"],
    "nl": ["Joop", "Kees", "Mies", "Sjaak", "Anouk", "Bram", "Lot"],
    "pl": ["Kasia", "Gosia", "Bartek", "Kuba", "Ola", "Tomek", "Zosia"],
    "ru": ["Sasha", "Dima", "Katya", "Misha", "Natasha", "Seryozha"],
}
LOC_LANG = {
    "en_US": "en",
    "en_GB": "en",
    "en_IN": "en",
    "en_NG": "en",
    "en_IE": "en",
    "pl_PL": "pl",
    "ru_RU": "ru",
    "de_DE": "de",
    "de_AT": "de",
    "de_CH": "de",
    "es_ES": "es",
    "es_MX": "es",
    "fr_FR": "fr",
    "it_IT": "it",
    "pt_BR": "pt",
    "pt_PT": "pt",
    "nl_NL": "nl",
    "ar_AA": "ar",
}

FAMOUS = [
    "Albert Einstein",
    "Marie Curie",
    "Frida Kahlo",
    "Gabriel García Márquez",
    "Nelson Mandela",
    "Angela Merkel",
    "Serena Williams",
    "Shah Rukh Khan",
    "Haruki Murakami",
    "Pedro Almodóvar",
    "Simone de Beauvoir",
    "Lionel Messi",
    "Greta Thunberg",
    "J. K. Rowling",
    "Kylian Mbappé",
    "Sophia Loren",
    "Fernando Pessoa",
    "Vincent van Gogh",
    "Chimamanda Ngozi Adichie",
    "Wangari Maathai",
    "Ada Lovelace",
    "Isaac Newton",
    "Taylor Swift",
    "Barack Obama",
    "Malala Yousafzai",
    "Johann Sebastian Bach",
    "Ludwig van Beethoven",
    "Mahatma Gandhi",
    "Shakira",
    "Pelé",
    "Toni Morrison",
    "Akira Kurosawa",
    "Björk",
    "Oprah Winfrey",
    "Lewis Hamilton",
]
FAMOUS_DE = [
    "Johann Wolfgang von Goethe",
    "Rainer Maria Rilke",
    "Angela Merkel",
    "Thomas Mann",
    "Hildegard von Bingen",
    "Franz Kafka",
    "Helene Fischer",
    "Albert Einstein",
    "Marlene Dietrich",
    "Friedrich Schiller",
]
FAMOUS_ES = [
    "Gabriel García Márquez",
    "Frida Kahlo",
    "Pablo Picasso",
    "Rosalía",
    "Federico García Lorca",
    "Isabel Allende",
    "Lionel Messi",
    "Penélope Cruz",
    "Miguel de Cervantes",
    "Octavio Paz",
]
FAMOUS_FR = [
    "Victor Hugo",
    "Simone de Beauvoir",
    "Édith Piaf",
    "Albert Camus",
    "Marie Curie",
    "Zinédine Zidane",
    "Emmanuel Macron",
    "Jean-Paul Sartre",
    "Coco Chanel",
    "Kylian Mbappé",
]


# --------------------------------------------------------------------------------------------
# Address data (hand-written lists, mixed with Faker's per-locale providers).

US_STREETS = [
    "Elm St",
    "Maple Avenue",
    "Oak Dr",
    "Cedar Lane",
    "Washington Blvd",
    "Lincoln Ave",
    "Pine Street",
    "Sunset Blvd",
    "Lakeview Drive",
    "Highland Ave",
    "Main St",
    "Park Place",
    "Willow Creek Rd",
    "Magnolia Ct",
    "N 5th St",
    "W 34th Street",
    "E Jefferson Ave",
    "Old Mill Road",
    "Ridgeway Terrace",
    "Harbor View Ln",
    "Chestnut Street",
    "SW Alder St",
    "Peachtree Rd NE",
    "Bayshore Blvd",
]
US_CITIES = [
    ("Springfield", "IL", "627"),
    ("Austin", "TX", "787"),
    ("Portland", "OR", "972"),
    ("Columbus", "OH", "432"),
    ("Tampa", "FL", "336"),
    ("Denver", "CO", "802"),
    ("Brooklyn", "NY", "112"),
    ("Oakland", "CA", "946"),
    ("Madison", "WI", "537"),
    ("Raleigh", "NC", "276"),
    ("Phoenix", "AZ", "850"),
    ("Seattle", "WA", "981"),
    ("Atlanta", "GA", "303"),
    ("Boise", "ID", "837"),
    ("Albany", "NY", "122"),
    ("Omaha", "NE", "681"),
    ("Richmond", "VA", "232"),
    ("Tucson", "AZ", "857"),
    ("Dayton", "OH", "454"),
    ("Fresno", "CA", "937"),
    ("Knoxville", "TN", "379"),
]
GB_STREETS = [
    "Harbour Road",
    "Kingsley Road",
    "Victoria Street",
    "Mill Lane",
    "Church Street",
    "Station Road",
    "Queen's Drive",
    "Albert Terrace",
    "The Crescent",
    "Manor Way",
    "High Street",
    "Park View",
    "Ashgrove Avenue",
    "St John's Close",
    "Castle Mews",
    "Gloucester Place",
    "Beechwood Grove",
    "Lark Rise",
]
GB_CITIES = [
    ("London", ["N16", "SE15", "E8", "SW11", "NW3", "W12", "E17"]),
    ("Bristol", ["BS1", "BS6", "BS3"]),
    ("Manchester", ["M14", "M20", "M4"]),
    ("Leeds", ["LS6", "LS11"]),
    ("Glasgow", ["G12", "G41"]),
    ("Edinburgh", ["EH6", "EH9"]),
    ("Cardiff", ["CF24", "CF11"]),
    ("Belfast", ["BT7", "BT9"]),
    ("Brighton", ["BN2", "BN1"]),
    ("Norwich", ["NR2"]),
    ("York", ["YO10", "YO31"]),
    ("Sheffield", ["S11", "S7"]),
    ("Birmingham", ["B13", "B29"]),
    ("Liverpool", ["L17", "L8"]),
    ("Nottingham", ["NG7"]),
    ("Oxford", ["OX4"]),
]
DE_STREETS = [
    "Hauptstraße",
    "Bahnhofstraße",
    "Gartenweg",
    "Am Lindenhof",
    "Schillerstraße",
    "Goethestraße",
    "Lindenallee",
    "Bergstraße",
    "Kirchgasse",
    "Am Markt",
    "Rosenweg",
    "Friedrichstraße",
    "Karl-Marx-Allee",
    "Mühlenweg",
    "Im Winkel",
    "Ringstraße",
    "Schulstraße",
    "Dorfstraße",
    "Kastanienallee",
    "Kurfürstendamm",
    "An der Alster",
    "Sonnenstraße",
    "Auf dem Berge",
]
DE_CITIES = [
    ("Berlin", "1"),
    ("Hamburg", "2"),
    ("München", "8"),
    ("Köln", "5"),
    ("Frankfurt am Main", "6"),
    ("Stuttgart", "7"),
    ("Leipzig", "04"),
    ("Dresden", "01"),
    ("Hannover", "3"),
    ("Nürnberg", "9"),
    ("Bremen", "28"),
    ("Freiburg im Breisgau", "79"),
    ("Münster", "48"),
    ("Kiel", "24"),
    ("Bochum", "44"),
    ("Mainz", "55"),
    ("Rostock", "18"),
]
AT_STREETS = [
    "Mariahilfer Straße",
    "Landstraßer Hauptstraße",
    "Herrengasse",
    "Linzer Gasse",
    "Getreidegasse",
    "Annenstraße",
    "Wiedner Gürtel",
    "Favoritenstraße",
]
AT_CITIES = [
    ("Wien", "1"),
    ("Graz", "80"),
    ("Linz", "40"),
    ("Salzburg", "50"),
    ("Innsbruck", "60"),
    ("Klagenfurt", "90"),
]
ES_TYPES = ["Calle", "C/", "Avenida", "Avda.", "Plaza", "Paseo", "Calle", "Ronda"]
ES_NAMES = [
    "Mayor",
    "de Alcalá",
    "Gran Vía",
    "del Sol",
    "de la Princesa",
    "de Serrano",
    "Real",
    "San Vicente",
    "de Colón",
    "de los Reyes Católicos",
    "Diagonal",
    "de Goya",
    "Nueva",
    "del Carmen",
    "de Andalucía",
    "de la Constitución",
]
ES_CITIES = [
    ("Madrid", "280"),
    ("Barcelona", "080"),
    ("Valencia", "460"),
    ("Sevilla", "410"),
    ("Zaragoza", "500"),
    ("Málaga", "290"),
    ("Bilbao", "480"),
    ("Granada", "180"),
    ("Salamanca", "370"),
    ("A Coruña", "150"),
    ("Valladolid", "470"),
]
MX_STREETS = [
    "Av. Insurgentes Sur",
    "Calle Hidalgo",
    "Av. Reforma",
    "Calle Morelos",
    "Av. Revolución",
    "Calle 5 de Mayo",
    "Av. Vallarta",
    "Calle Juárez",
    "Calle Durango",
    "Av. Constitución",
]
MX_COLS = [
    "Col. Centro",
    "Col. Roma Norte",
    "Col. Condesa",
    "Col. Del Valle",
    "Col. Americana",
    "Col. Obispado",
    "Col. Juárez",
    "Col. Narvarte",
]
MX_CITIES = [
    ("Ciudad de México", "CDMX", "0"),
    ("Guadalajara", "Jal.", "44"),
    ("Monterrey", "N.L.", "64"),
    ("Puebla", "Pue.", "72"),
    ("Mérida", "Yuc.", "97"),
    ("Querétaro", "Qro.", "76"),
]
FR_TYPES = ["rue", "rue", "avenue", "boulevard", "allée", "impasse", "place", "chemin", "quai"]
FR_NAMES = [
    "de la Paix",
    "Victor Hugo",
    "des Lilas",
    "Jean Jaurès",
    "du Général de Gaulle",
    "de la République",
    "des Tilleuls",
    "Pasteur",
    "du Moulin",
    "Saint-Honoré",
    "de Verdun",
    "des Écoles",
    "Gambetta",
    "Émile Zola",
    "de la Gare",
    "des Acacias",
]
FR_CITIES = [
    ("Paris", "75"),
    ("Lyon", "690"),
    ("Marseille", "130"),
    ("Toulouse", "31"),
    ("Nantes", "44"),
    ("Lille", "59"),
    ("Bordeaux", "33"),
    ("Strasbourg", "67"),
    ("Rennes", "35"),
    ("Montpellier", "34"),
    ("Grenoble", "38"),
    ("Nice", "06"),
]
IT_TYPES = ["Via", "Via", "Viale", "Corso", "Piazza", "Vicolo", "Largo", "Via"]
IT_NAMES = [
    "Roma",
    "Garibaldi",
    "Giuseppe Verdi",
    "Dante Alighieri",
    "Vittorio Emanuele II",
    "Mazzini",
    "dei Mille",
    "della Repubblica",
    "Cavour",
    "San Francesco",
    "XX Settembre",
    "Manzoni",
    "Nazionale",
    "Marconi",
]
IT_CITIES = [
    ("Roma", "001", "RM"),
    ("Milano", "201", "MI"),
    ("Napoli", "801", "NA"),
    ("Torino", "101", "TO"),
    ("Bologna", "401", "BO"),
    ("Firenze", "501", "FI"),
    ("Palermo", "901", "PA"),
    ("Genova", "161", "GE"),
    ("Bari", "701", "BA"),
    ("Verona", "371", "VR"),
]
NL_STREETS = [
    "Keizersgracht",
    "Dorpsstraat",
    "Kerkstraat",
    "Molenweg",
    "Stationsplein",
    "Nieuwe Binnenweg",
    "Oudegracht",
    "Lange Voorhout",
    "Julianalaan",
    "Beatrixstraat",
    "Prinsengracht",
    "Vondelstraat",
    "Herengracht",
    "Wilhelminapark",
]
NL_CITIES = [
    ("Amsterdam", "10"),
    ("Rotterdam", "30"),
    ("Utrecht", "35"),
    ("Den Haag", "25"),
    ("Eindhoven", "56"),
    ("Groningen", "97"),
    ("Leiden", "23"),
    ("Haarlem", "20"),
    ("Nijmegen", "65"),
    ("Delft", "26"),
]
BR_TYPES = ["Rua", "Rua", "Av.", "Avenida", "Travessa", "Alameda"]
BR_NAMES = [
    "das Flores",
    "Augusta",
    "XV de Novembro",
    "Sete de Setembro",
    "Barão de Itapetininga",
    "Paulista",
    "Oscar Freire",
    "Bela Cintra",
    "Dom Pedro II",
    "das Palmeiras",
    "Voluntários da Pátria",
    "Santos Dumont",
]
BR_BAIRROS = [
    "Jardim Paulista",
    "Centro",
    "Copacabana",
    "Boa Viagem",
    "Savassi",
    "Moinhos de Vento",
    "Pinheiros",
    "Botafogo",
    "Asa Sul",
    "Vila Madalena",
]
BR_CITIES = [
    ("São Paulo", "SP", "0"),
    ("Rio de Janeiro", "RJ", "2"),
    ("Belo Horizonte", "MG", "3"),
    ("Porto Alegre", "RS", "9"),
    ("Recife", "PE", "5"),
    ("Curitiba", "PR", "8"),
    ("Salvador", "BA", "4"),
    ("Brasília", "DF", "7"),
]
PT_STREETS = [
    "Rua Augusta",
    "Avenida da Liberdade",
    "Rua de Santa Catarina",
    "Rua do Carmo",
    "Travessa do Fala-Só",
    "Avenida dos Aliados",
    "Rua da Sofia",
    "Rua Direita",
]
PT_CITIES = [
    ("Lisboa", "11"),
    ("Porto", "40"),
    ("Braga", "47"),
    ("Coimbra", "30"),
    ("Faro", "80"),
    ("Setúbal", "29"),
]
IN_CITIES = [
    (
        "Bengaluru",
        "Karnataka",
        "560",
        ["Indiranagar", "Koramangala", "Jayanagar 4th Block", "HSR Layout"],
    ),
    ("Mumbai", "Maharashtra", "400", ["Andheri West", "Bandra East", "Powai", "Dadar"]),
    ("New Delhi", "Delhi", "110", ["Lajpat Nagar", "Dwarka Sector 7", "Saket", "Karol Bagh"]),
    ("Hyderabad", "Telangana", "500", ["Banjara Hills", "Madhapur", "Kukatpally"]),
    ("Chennai", "Tamil Nadu", "600", ["T. Nagar", "Adyar", "Velachery"]),
    ("Pune", "Maharashtra", "411", ["Kothrud", "Baner", "Viman Nagar"]),
    ("Kolkata", "West Bengal", "700", ["Salt Lake", "Ballygunge"]),
    ("Ahmedabad", "Gujarat", "380", ["Navrangpura", "Satellite"]),
    ("Jaipur", "Rajasthan", "302", ["Malviya Nagar", "Vaishali Nagar"]),
    ("Kochi", "Kerala", "682", ["Kakkanad", "Edappally"]),
]
IN_BUILDINGS = [
    "Sai Residency",
    "Shanti Apartments",
    "Green Park Towers",
    "Lotus Enclave",
    "Krishna Heights",
    "Prestige Shantiniketan",
    "Sunrise Villa",
]
JP_AREAS = [
    ("Shibuya-ku", "Tokyo", ["Jingumae", "Ebisu", "Dogenzaka", "Sendagaya"], "15"),
    ("Meguro-ku", "Tokyo", ["Nakameguro", "Jiyugaoka", "Kamimeguro"], "153"),
    ("Kita-ku", "Osaka", ["Umeda", "Tenma", "Nakazakinishi"], "530"),
    ("Naka-ku", "Yokohama", ["Yamashitacho", "Motomachi"], "231"),
    ("Sakyo-ku", "Kyoto", ["Shimogamo", "Ichijoji"], "606"),
    ("Chuo-ku", "Sapporo", ["Odori Nishi", "Minami 3-jo Nishi"], "060"),
    ("Hakata-ku", "Fukuoka", ["Hakata Ekimae", "Gionmachi"], "812"),
]
JP_BUILDINGS = [
    "Sunny Heights",
    "Maison Aoyama",
    "Palace Court",
    "Grand Maple",
    "Leopalace",
    "Sakura Residence",
]
PL_STREETS = [
    "Marszałkowska",
    "Długa",
    "Piotrkowska",
    "Floriańska",
    "Mickiewicza",
    "Słowackiego",
    "Kościuszki",
    "Wojska Polskiego",
    "Grunwaldzka",
]
PL_CITIES = [
    ("Warszawa", "0"),
    ("Kraków", "3"),
    ("Łódź", "9"),
    ("Gdańsk", "8"),
    ("Wrocław", "5"),
    ("Poznań", "6"),
]
TR_PLACES = [
    ("Caferağa", "Moda Cad.", "Kadıköy", "İstanbul", "347"),
    ("Kızılay", "Atatürk Blv.", "Çankaya", "Ankara", "064"),
    ("Alsancak", "Kıbrıs Şehitleri Cad.", "Konak", "İzmir", "352"),
    ("Cihangir", "Sıraselviler Cad.", "Beyoğlu", "İstanbul", "344"),
    ("Bahçelievler", "7. Cad.", "Çankaya", "Ankara", "064"),
]

# Where a locale lives (address, driver's licence, national ID); locales missing here take the
# template's country.
LOC_COUNTRY = {
    "en_US": "US",
    "en_GB": "GB",
    "en_IN": "IN",
    "de_DE": "DE",
    "de_AT": "AT",
    "es_ES": "ES",
    "es_MX": "MX",
    "fr_FR": "FR",
    "it_IT": "IT",
    "pt_BR": "BR",
    "pt_PT": "PT",
    "nl_NL": "NL",
    "pl_PL": "PL",
    "tr_TR": "TR",
    "ja_JP": "JP",
}
# Nationality for phones of one's own and passports.
LOC_NATION = dict(
    LOC_COUNTRY,
    zh_CN="CN",
    ko_KR="KR",
    ru_RU="RU",
    ar_AA="AE",
    vi_VN="VN",
    sw="KE",
    yo_NG="NG",
    en_NG="NG",
)

PHONE_FORMATS = {
    "US": [
        "(&##) &##-####",
        "&##-&##-####",
        "+1 &## &## ####",
        "&##.&##.####",
        "+1 (&##) &##-####",
        "1-&##-&##-####",
    ],
    "GB": [
        "+44 7%## ######",
        "07%## ######",
        "020 7### ####",
        "+44 (0)161 ### ####",
        "0113 ### ####",
        "+447%########",
    ],
    "DE": [
        "+49 30 %#######",
        "030 %######",
        "0151 %#######",
        "+49 (0)171 %######",
        "0171/%######",
        "089 %######",
        "+49 40 %## ### ##",
        "0176-%#######",
    ],
    "AT": ["+43 1 %######", "0664 %######", "+43 664 %## ####"],
    "ES": ["+34 6## ### ###", "6## ## ## ##", "91 %## ## ##", "+34 93 %## ## ##", "6########"],
    "MX": ["+52 55 %### ####", "55 %### ####", "+52 1 33 %### ####", "(81) %###-####"],
    "FR": [
        "06 ## ## ## ##",
        "+33 6 ## ## ## ##",
        "01.##.##.##.##",
        "07 ## ## ## ##",
        "+33 (0)4 ## ## ## ##",
        "0%########",
    ],
    "IT": ["+39 3## ### ####", "3## #######", "06 #### ####", "+39 02 #### ####"],
    "NL": ["+31 6 %#######", "06-%#######", "020-%## ####", "+31 (0)10 %## ####", "06 %### ####"],
    "BR": ["+55 11 9####-####", "(21) 9####-####", "(11) 3###-####", "+55 (31) 9####-####"],
    "PT": ["+351 91# ### ###", "21# ### ###", "+351 93#######"],
    "IN": ["+91 9#### #####", "09#########", "+91-8#########", "080-%### ####", "+91 7#########"],
    "JP": ["090-####-####", "+81 90-####-####", "03-####-####", "+81 3 #### ####"],
    "PL": ["+48 5## ### ###", "6##-###-###", "+48 22 ### ## ##"],
    "TR": ["+90 5## ### ## ##", "0 (5##) ### ## ##", "05## ### ####"],
    "NG": ["+234 80# ### ####", "080# ### ####", "+234 70# ### ####"],
    "KE": ["+254 7## ### ###", "07## ######"],
    "CN": ["+86 13# #### ####", "13#########", "+86 10 #### ####"],
    "KR": ["+82 10-####-####", "010-####-####"],
    "RU": ["+7 9## ###-##-##", "8 (9##) ###-##-##", "+7 (495) ###-##-##"],
    "AE": ["+971 5# ### ####", "+966 5# ### ####", "050 ### ####"],
    "VN": ["+84 9# ### ## ##", "09# ### ####"],
    "CH": ["+41 79 ### ## ##", "044 ### ## ##"],
}

MONTHS = {
    "en": [
        "January",
        "February",
        "March",
        "April",
        "May",
        "June",
        "July",
        "August",
        "September",
        "October",
        "November",
        "December",
    ],
    "de": [
        "Januar",
        "Februar",
        "März",
        "April",
        "Mai",
        "Juni",
        "Juli",
        "August",
        "September",
        "Oktober",
        "November",
        "Dezember",
    ],
    "es": [
        "enero",
        "febrero",
        "marzo",
        "abril",
        "mayo",
        "junio",
        "julio",
        "agosto",
        "septiembre",
        "octubre",
        "noviembre",
        "diciembre",
    ],
    "fr": [
        "janvier",
        "février",
        "mars",
        "avril",
        "mai",
        "juin",
        "juillet",
        "août",
        "septembre",
        "octobre",
        "novembre",
        "décembre",
    ],
    "it": [
        "gennaio",
        "febbraio",
        "marzo",
        "aprile",
        "maggio",
        "giugno",
        "luglio",
        "agosto",
        "settembre",
        "ottobre",
        "novembre",
        "dicembre",
    ],
    "pt": [
        "janeiro",
        "fevereiro",
        "março",
        "abril",
        "maio",
        "junho",
        "julho",
        "agosto",
        "setembro",
        "outubro",
        "novembro",
        "dezembro",
    ],
    "nl": [
        "januari",
        "februari",
        "maart",
        "april",
        "mei",
        "juni",
        "juli",
        "augustus",
        "september",
        "oktober",
        "november",
        "december",
    ],
}

EMAIL_DOMAINS = {
    "US": ["gmail.com", "yahoo.com", "outlook.com", "icloud.com", "comcast.net", "aol.com"],
    "GB": ["gmail.com", "btinternet.com", "yahoo.co.uk", "outlook.com", "sky.com"],
    "DE": ["web.de", "gmx.de", "t-online.de", "posteo.de", "gmail.com", "gmx.net"],
    "AT": ["gmx.at", "aon.at", "gmail.com"],
    "FR": ["orange.fr", "laposte.net", "free.fr", "gmail.com", "sfr.fr"],
    "ES": ["hotmail.es", "gmail.com", "telefonica.net", "yahoo.es"],
    "MX": ["hotmail.com", "gmail.com", "prodigy.net.mx"],
    "IT": ["libero.it", "virgilio.it", "gmail.com", "tiscali.it"],
    "BR": ["uol.com.br", "bol.com.br", "gmail.com", "terra.com.br"],
    "PT": ["sapo.pt", "gmail.com"],
    "NL": ["ziggo.nl", "kpnmail.nl", "hotmail.nl", "gmail.com"],
    "IN": ["gmail.com", "rediffmail.com", "yahoo.co.in"],
    "JP": ["docomo.ne.jp", "gmail.com", "yahoo.co.jp"],
    "*": ["gmail.com", "outlook.com", "proton.me", "yahoo.com", "hotmail.com"],
}
WORK_DOMAINS = [
    "northwind-logistics.com",
    "bluefin-analytics.io",
    "kestrel-health.org",
    "brightpath.edu",
    "stadtwerke-ost.de",
    "atelier-lumiere.fr",
    "grupo-sierra.es",
    "studio-tessera.it",
    "vanderlinde-bouw.nl",
    "orbital.dev",
]


class Person:
    __slots__ = ("first", "last", "full", "gender")

    def __init__(self, first: str, last: str, full: str, gender: str):
        self.first, self.last, self.full, self.gender = first, last, full, gender


# --------------------------------------------------------------------------------------------
# Per-record value generator.


class Gen:
    def __init__(self, loc: str, lang: str, seed: int, cc: str | None):
        self.loc = loc
        self.lang = lang
        self.idx = 0
        self.tid = ""
        self.seed = seed
        self.rng = random.Random(seed)
        self._fk: dict[str, Faker] = {}
        default = cc or self.rng.choice(["US", "US", "GB"])
        self.cc = LOC_COUNTRY.get(loc, default) if cc is None else cc
        self.nation = LOC_NATION.get(loc, self.cc)

    # -- plumbing -------------------------------------------------------------------------
    def fake(self, loc: str | None = None) -> Faker:
        loc = loc or self.loc
        if loc not in self._fk:
            f = faker_for(loc)
            f.seed_instance(self.seed ^ crc(loc))
            self._fk[loc] = f
        return self._fk[loc]

    def pick(self, seq):
        return self.rng.choice(seq)

    def nth(self, seq):
        """The record's own item of a fixed list (distinct across a template's records)."""
        return seq[(self.idx + crc(self.tid)) % len(seq)]

    def chance(self, p: float) -> bool:
        return self.rng.random() < p

    def num(self, a: int, b: int) -> int:
        return self.rng.randint(a, b)

    def pat(self, p: str) -> str:
        return pattern(self.rng, p)

    # -- people ---------------------------------------------------------------------------
    def _base(self, gender: str | None) -> tuple[str, str, str]:
        """(first, last, gender) from the record's culture."""
        r, loc = self.rng, self.loc
        g = gender or r.choice("mf")
        if loc == "zh_CN":
            if r.random() < 0.4:
                f = self.fake("zh_CN")
                return f.first_romanized_name(), f.last_romanized_name(), g
            return r.choice(ZH_FIRST[g]), r.choice(ZH_LAST), g
        if loc == "ja_JP":
            f = self.fake("ja_JP")
            first = f.first_romanized_name_female() if g == "f" else f.first_romanized_name_male()
            return first, f.last_romanized_name(), g
        if loc == "ko_KR":
            return r.choice(KO_FIRST[g]), r.choice(KO_LAST), g
        if loc == "ru_RU":
            m, fem = r.choice(RU_LAST)
            return r.choice(RU_FIRST[g]), (m if g == "m" else fem), g
        if loc == "ar_AA":
            return r.choice(AR_FIRST[g]), r.choice(AR_LAST), g
        if loc == "vi_VN":
            return r.choice(VI_FIRST[g]), r.choice(VI_LAST), g
        if loc == "en_NG" and r.random() < 0.6:
            return r.choice(WA_FIRST[g]), r.choice(WA_LAST), g
        if loc == "sw" and r.random() < 0.6:
            return r.choice(EA_FIRST[g]), r.choice(EA_LAST), g
        f = self.fake(loc)
        first = f.first_name_female() if g == "f" else f.first_name_male()
        return first, f.last_name(), g

    def person(self, style: str = "plain", gender: str | None = None) -> Person:
        """style: plain | vary | middle | initials | hyphen | particle | nick | first."""
        r, loc = self.rng, self.loc
        if style == "vary":
            style = r.choices(
                ["plain", "middle", "initials", "hyphen", "particle", "nick"],
                weights=[62, 7, 7, 8, 8, 8],
            )[0]
        first, last, g = self._base(gender)
        full = f"{first} {last}"
        # culture-specific shapes of a plain full name
        if loc in ("es_ES", "es_MX") and r.random() < 0.45:
            last = f"{last} {self.fake(loc).last_name()}"
            full = f"{first} {last}"
        elif loc in ("pt_BR", "pt_PT") and r.random() < 0.35:
            last = f"{r.choice(['da', 'dos', 'de'])} {self.fake(loc).last_name()} {last}"
            full = f"{first} {last}"
        elif loc in ("zh_CN", "ko_KR") and r.random() < 0.5 or loc == "ja_JP" and r.random() < 0.35:
            full = f"{last} {first}"
        elif loc == "vi_VN":
            full = f"{last} {r.choice(VI_MID[g])} {first}"
            if r.random() < 0.3:
                first, last, full = fold(first), fold(last), fold(full)
        elif loc == "ru_RU" and r.random() < 0.2:
            full = f"{first} {r.choice(RU_PATRON[g])} {last}"
        elif loc == "ar_AA" and r.random() < 0.3:
            full = (
                f"{first} bin {r.choice(AR_FIRST['m'])} {last}"
                if g == "m"
                else f"{first} {r.choice(AR_FIRST['f'])} {last}"
            )
        if style == "plain":
            return Person(first, last, full, g)
        if style == "first":
            return Person(first, last, first, g)
        if style == "middle":
            mid = self._base(g)[0].split()[0]
            if r.random() < 0.4:
                mid = fold(mid)[0].upper() + "."
            return Person(first, last, f"{first} {mid} {last}", g)
        if style == "initials":
            i1 = fold(first)[0].upper()
            i2 = r.choice(UPPER.replace("Q", "").replace("X", ""))
            shape = r.choice(
                ["{a}. {b}. {l}", "{a}.{b}. {l}", "{a}. {l}", "{a}.{b}. {l}", "{a} {b} {l}"]
            )
            return Person(first, last, shape.format(a=i1, b=i2, l=last), g)
        if style == "hyphen":
            if not loc.startswith(("en_US", "en_GB", "de_", "fr_", "es_", "nl_", "pt_", "pl_")):
                return Person(first, last, full, g)
            if r.random() < 0.5 and not loc.startswith("pl_"):
                other = self._base(g)[0].split()[0]
                if other == first.split()[0]:
                    other = self._base(g)[0].split()[0]
                first = f"{first.split()[0]}-{other}"
            else:
                other = self._base(g)[1].split()[-1]
                last = f"{last.split()[-1]}-{other}"
            return Person(first, last, f"{first} {last}", g)
        if style == "particle":
            lang = LOC_LANG.get(loc)
            base_last = last.split()[-1]
            if lang in PARTICLES:
                part = r.choice(PARTICLES[lang])
                if part == "al-":
                    last = "al-" + re.sub(r"^(?i:al)[- ]", "", base_last)
                elif part in ("bin", "ibn"):
                    last = f"{part} {r.choice(AR_FIRST['m'])} {base_last}"
                else:
                    last = f"{part} {base_last}"
            elif lang in PARTICLE_SURNAMES and (lang != "en" or loc in ("en_US", "en_GB", "en_IE")):
                last = r.choice(PARTICLE_SURNAMES[lang])
            else:
                return Person(first, last, full, g)
            return Person(first, last, f"{first} {last}", g)
        if style == "nick":
            lang = LOC_LANG.get(loc)
            if lang not in NICKS:
                return Person(first, last, full, g)
            nick = r.choice(NICKS[lang])
            return Person(nick, last, f"{nick} {last}", g)
        raise ValueError(style)

    def name(self, style: str = "plain", gender: str | None = None) -> str:
        return self.person(style, gender).full

    def first(self, gender: str | None = None) -> str:
        return self._base(gender)[0]

    def last(self, gender: str | None = None) -> str:
        return self._base(gender)[1]

    def famous(self, pool=None) -> str:
        return self.pick(pool or FAMOUS)

    # -- contact --------------------------------------------------------------------------
    def email(self, person: Person | None = None, work: bool = False) -> str:
        p = person or self.person()
        f = re.sub(r"[^a-z]", "", fold(p.first.split()[0]).lower()) or "info"
        parts = [re.sub(r"[^a-z]", "", x) for x in fold(p.last).lower().replace("-", " ").split()]
        parts = [x for x in parts if x]
        ln = parts[-1] if parts else "mail"
        r = self.rng
        local = r.choice(
            [
                f"{f}.{ln}",
                f"{f}{ln}",
                f"{f[0]}{ln}",
                f"{f}_{ln}{r.randint(70, 99)}",
                f"{ln}.{f}",
                f"{f}{r.randint(1, 2024)}",
                f"{f}.{ln}{r.randint(1, 99)}",
                f"{f[0]}.{ln}",
            ]
        )
        if work:
            dom = r.choice(WORK_DOMAINS)
        else:
            dom = r.choice(EMAIL_DOMAINS.get(self.cc, EMAIL_DOMAINS["*"]) + EMAIL_DOMAINS["*"][:2])
        return f"{local}@{dom}"

    def phone(self, country: str | None = None) -> str:
        c = country or (self.nation if self.chance(0.3) else self.cc)
        return self.pat(self.pick(PHONE_FORMATS.get(c, PHONE_FORMATS["US"])))

    # -- money and ids --------------------------------------------------------------------
    def card(self, sep: str | None = None) -> str:
        r = self.rng
        brand = r.choice(["visa", "visa", "mc", "mc", "amex", "disc"])
        if brand == "visa":
            pre, n = "4", 16
        elif brand == "mc":
            pre, n = r.choice([str(r.randint(51, 55)), str(r.randint(2221, 2720))]), 16
        elif brand == "amex":
            pre, n = r.choice(["34", "37"]), 15
        else:
            pre, n = "6011", 16
        body = pre + "".join(r.choice(DIGITS) for _ in range(n - 1 - len(pre)))
        num = body + luhn_digit(body)
        assert luhn_ok(num)
        sep = r.choice([" ", " ", "-", ""]) if sep is None else sep
        groups = (
            [num[:4], num[4:10], num[10:]] if n == 15 else [num[i : i + 4] for i in range(0, 16, 4)]
        )
        return sep.join(groups)

    def iban(self, country: str | None = None, grouped: bool | None = None) -> str:
        c = country or self.cc
        specs = {
            "DE": "##################",
            "AT": "################",
            "CH": "#################",
            "ES": "####################",
            "FR": "#######################",
            "IT": "@######################",
            "NL": "@@@@##########",
            "BE": "############",
            "PT": "#####################",
            "GB": "@@@@##############",
            "IE": "@@@@##############",
            "PL": "########################",
            "BR": "#######################@?",
        }
        if c not in specs:
            c = self.pick(["DE", "NL", "FR", "ES", "GB", "IE", "BE"])
        if c == "NL":
            bban = self.pick(["ABNA", "INGB", "RABO", "SNSB", "TRIO"]) + self.pat("##########")
        elif c in ("GB", "IE"):
            bank = self.pick(
                ["NWBK", "BARC", "LOYD", "HBUK", "MIDL"] if c == "GB" else ["AIBK", "BOFI"]
            )
            bban = bank + self.pat("##############")
        elif c == "BR":
            bban = self.pat("#######################") + "C" + self.pat("#")
        else:
            bban = self.pat(specs[c])
        s = bban + c + "00"
        check = 98 - int("".join(str(int(ch, 36)) for ch in s)) % 97
        iban = f"{c}{check:02d}{bban}"
        grouped = self.chance(0.6) if grouped is None else grouped
        if grouped:
            iban = " ".join(iban[i : i + 4] for i in range(0, len(iban), 4))
        assert iban_ok(iban)
        return iban

    def ssn(self, kind: str | None = None) -> str:
        r = self.rng
        kind = kind or {"GB": "NINO", "FR": "NIR", "ES": "NSS", "DE": "SVNR", "NL": "BSN"}.get(
            self.cc, "US"
        )
        if kind == "US":
            area = r.choice([a for a in range(1, 900) if a != 666])
            g, s = r.randint(1, 99), r.randint(1, 9999)
            sep = r.choice(["-", "-", "-", " ", ""])
            return f"{area:03d}{sep}{g:02d}{sep}{s:04d}"
        if kind == "NINO":
            a = r.choice("ABCEGHJKLMNOPRSTWXYZ")
            b = r.choice("ABCEGHJKLMNPRSTWXYZ")
            while a + b in ("BG", "GB", "NK", "KN", "TN", "NT", "ZZ"):
                b = r.choice("ABCEGHJKLMNPRSTWXYZ")
            d = self.pat("######")
            suf = r.choice("ABCD")
            if r.random() < 0.5:
                return f"{a}{b} {d[:2]} {d[2:4]} {d[4:]} {suf}"
            return f"{a}{b}{d}{suf}"
        if kind == "NIR":
            sex = r.choice("12")
            yy, mm = r.randint(40, 99), r.randint(1, 12)
            dep = r.randint(1, 95)
            com, order = r.randint(1, 990), r.randint(1, 999)
            body = f"{sex}{yy:02d}{mm:02d}{dep:02d}{com:03d}{order:03d}"
            key = 97 - int(body) % 97
            if r.random() < 0.6:
                return f"{sex} {yy:02d} {mm:02d} {dep:02d} {com:03d} {order:03d} {key:02d}"
            return f"{body}{key:02d}"
        if kind == "NSS":
            prov, n = r.randint(1, 52), r.randint(1_000_000, 99_999_999)
            ctrl = (prov * 10**8 + n) % 97
            sep = r.choice(["/", " ", ""])
            return f"{prov:02d}{sep}{n:08d}{sep}{ctrl:02d}"
        if kind == "SVNR":
            area = r.choice(["12", "15", "24", "38", "53", "65", "04", "79"])
            dob = f"{r.randint(1, 28):02d}{r.randint(1, 12):02d}{r.randint(40, 99):02d}"
            letter = r.choice(UPPER)
            serial = f"{r.randint(0, 99):02d}"
            digits = area + dob + f"{UPPER.index(letter) + 1:02d}" + serial
            weights = [2, 1, 2, 5, 7, 1, 2, 1, 2, 1, 2, 1]
            chk = (
                sum(sum(divmod(int(d) * w, 10)) for d, w in zip(digits, weights, strict=True)) % 10
            )
            if r.random() < 0.5:
                return f"{area} {dob} {letter} {serial}{chk}"
            return f"{area}{dob}{letter}{serial}{chk}"
        if kind == "BSN":
            while True:
                d = [r.randint(0, 9) for _ in range(8)]
                d[0] = r.randint(1, 9)
                s = sum(x * w for x, w in zip(d, range(9, 1, -1), strict=True))
                last = s % 11
                if last < 10:
                    return "".join(map(str, d)) + str(last)
        raise ValueError(kind)

    def ip(self, v6: bool | None = None) -> str:
        r = self.rng
        v6 = self.chance(0.2) if v6 is None else v6
        if v6:
            pre = r.choice(
                ["2a02:8108", "2001:16b8", "2600:1700", "2a01:cb00", "2003:e6", "2406:7400"]
            )
            groups = [f"{r.randint(0, 0xFFFF):x}" for _ in range(6 if pre.count(":") == 1 else 7)]
            if r.random() < 0.3:
                return f"{pre}::{groups[-2]}:{groups[-1]}"
            return ":".join([pre] + groups)[:39]
        if r.random() < 0.15:
            return r.choice(
                [
                    f"192.168.{r.randint(0, 9)}.{r.randint(2, 254)}",
                    f"10.{r.randint(0, 40)}.{r.randint(0, 255)}.{r.randint(2, 254)}",
                ]
            )
        first = r.choice(
            [
                23,
                31,
                37,
                45,
                62,
                77,
                81,
                85,
                91,
                95,
                109,
                141,
                151,
                176,
                178,
                185,
                188,
                193,
                201,
                212,
                213,
                217,
                82,
                73,
                98,
                104,
            ]
        )
        return f"{first}.{r.randint(0, 255)}.{r.randint(0, 255)}.{r.randint(1, 254)}"

    def dob(self, lang: str | None = None, fmt: str | None = None) -> str:
        r = self.rng
        lang = lang or self.lang
        y, m, d = r.randint(1942, 2006), r.randint(1, 12), r.randint(1, 28)
        mon = MONTHS.get(lang, MONTHS["en"])[m - 1]
        if fmt is None:
            fmts = {
                "en": [
                    "us",
                    "iso",
                    "d_Month_y",
                    "Month_d_y",
                    "dmy_slash",
                    "us_short",
                    "ord",
                    "Mon_d_y",
                    "dmy_dash",
                ],
                "de": ["dmy_dot", "dmy_dot", "d._Monat_y", "iso", "d.m.y"],
                "es": ["dmy_slash", "d_de_mes_de_y", "dmy_dash", "dmy_slash"],
                "fr": ["dmy_slash", "d_mois_y", "dmy_dot", "dmy_slash"],
                "it": ["dmy_slash", "d_mese_y", "dmy_dash"],
                "pt": ["dmy_slash", "d_de_mes_de_y", "dmy_slash"],
                "nl": ["dmy_dash", "d_maand_y", "dmy_slash"],
            }[lang if lang in MONTHS else "en"]
            fmt = r.choice(fmts)
        if fmt == "us":
            return f"{m:02d}/{d:02d}/{y}"
        if fmt == "us_short":
            return f"{m}/{d}/{y % 100:02d}"
        if fmt == "iso":
            return f"{y}-{m:02d}-{d:02d}"
        if fmt == "dmy_slash":
            return f"{d:02d}/{m:02d}/{y}"
        if fmt == "dmy_dash":
            return f"{d:02d}-{m:02d}-{y}"
        if fmt == "dmy_dot":
            return f"{d:02d}.{m:02d}.{y}"
        if fmt == "d.m.y":
            return f"{d}.{m}.{y}"
        if fmt == "d_Month_y":
            return f"{d} {mon} {y}"
        if fmt == "Month_d_y":
            return f"{mon} {d}, {y}"
        if fmt == "Mon_d_y":
            return f"{mon[:3]} {d} {y}"
        if fmt == "ord":
            suf = "th" if 11 <= d <= 13 else {1: "st", 2: "nd", 3: "rd"}.get(d % 10, "th")
            return f"{d}{suf} {mon} {y}"
        if fmt == "d._Monat_y":
            return f"{d}. {mon} {y}"
        if fmt in ("d_de_mes_de_y",):
            return f"{d} de {mon} de {y}"
        if fmt in ("d_mois_y", "d_mese_y", "d_maand_y"):
            return f"{'1er' if (d == 1 and lang == 'fr') else d} {mon} {y}"
        raise ValueError(fmt)

    def dl(self, country: str | None = None, person: Person | None = None) -> str:
        c = country or self.cc
        r = self.rng
        if c == "US":
            return self.pat(
                r.choice(
                    [
                        "@#######",
                        "### ### ###",
                        "@###-###-##-###-#",
                        "########",
                        "@###-####-####",
                        "WDL??????##",
                        "## ### ###",
                        "@########",
                    ]
                )
            )
        if c == "GB":
            sur = re.sub(r"[^A-Z]", "", fold(person.last if person else self.last()).upper())
            sur = (sur + "99999")[:5]
            y, m, d = r.randint(1950, 2004), r.randint(1, 12), r.randint(1, 28)
            if person and person.gender == "f" or (person is None and r.random() < 0.5):
                m += 50
            ini = fold(person.first if person else self.first())[0].upper() + r.choice(UPPER + "9")
            return f"{sur}{str(y)[2]}{m:02d}{d:02d}{str(y)[3]}{ini}9{self.pat('?@')}"
        if c in ("DE", "AT", "CH"):
            return self.pat(r.choice(["@###??####", "@##%@@@#@##", "##%###@####"]))[:11]
        if c == "FR":
            return self.pat(r.choice(["############", "##@@#####", "%#####@#####"]))
        if c == "ES":
            n = r.randint(10_000_000, 99_999_999)
            return (
                f"{n}{'TRWAGMYFPDXBNJZSQVHLCKE'[n % 23]}"
                if r.random() < 0.6
                else f"{n}-{'TRWAGMYFPDXBNJZSQVHLCKE'[n % 23]}"
            )
        if c == "MX":
            return self.pat(r.choice(["@########", "##########"]))
        if c == "IT":
            return self.pat(r.choice(["@@#######@", "U1@#####@"]))
        if c == "NL":
            return self.pat("%#########")
        if c == "BR":
            return self.pat(r.choice(["###########", "### ### ### ##"]))
        if c == "PT":
            return self.pat(r.choice(["@@-###### #", "@-####### #"]))
        if c == "IN":
            st = r.choice(["MH", "KA", "DL", "TN", "TS", "GJ", "RJ", "KL", "WB"])
            return self.pat(
                r.choice([st + "%# ####%######", st + "-%#-####-%######", st + "%#####%######"])
            )
        if c == "JP":
            return self.pat("############")
        if c == "PL":
            return self.pat("#####/##/####")
        if c == "TR":
            return self.pat("######")[:6] + self.pat("###")
        return self.pat("@#######")

    def passport(self, country: str | None = None) -> str:
        c = country or self.nation
        r = self.rng
        de_chars = "CFGHJKLMNPRTVWXYZ0123456789"
        formats = {
            "US": ["#########", "@########"],
            "GB": ["#########", "%########"],
            "FR": ["##@@#####"],
            "ES": ["@@@######", "@@######"],
            "IT": ["@@#######"],
            "BR": ["@@######"],
            "IN": ["@#######"],
            "MX": ["@########", "##########"],
            "PL": ["@@#######"],
            "TR": ["U########", "@########"],
            "JP": ["@@#######"],
            "CN": ["E########", "EA#######"],
            "KR": ["M########", "M###@####"],
            "RU": ["## #######", "#########"],
            "NG": ["@########"],
            "KE": ["@#######"],
            "AE": ["@#######"],
            "VN": ["@#######", "@@#######"],
            "PT": ["@######", "@@######"],
            "AT": ["@#######", "@@#######"],
        }
        if c == "DE":
            return r.choice("CFGHJK") + "".join(r.choice(de_chars) for _ in range(8))
        if c == "NL":
            letters = "ABCDEFGHIJKLMNPQRSTUVWXYZ"
            return (
                r.choice(letters)
                + r.choice(letters)
                + "".join(r.choice(letters + DIGITS) for _ in range(6))
                + r.choice(DIGITS)
            )
        return self.pat(r.choice(formats.get(c, ["@########"])))

    # -- look-alikes (never labelled) -----------------------------------------------------
    def tracking(self) -> str:
        r = self.rng
        return self.pat(
            r.choice(
                [
                    "1Z??????########",
                    "JJD000390######",
                    "@@#########GB",
                    "9400 1#### #### #### #### ##",
                    "00340434#########",
                    "LX#########DE",
                    "##########",
                ]
            )
        )

    def order_no(self) -> str:
        return self.pat(
            self.pick(
                [
                    "###-#######-#######",
                    "#A-#####-##",
                    "ORD-2024-######",
                    "#########",
                    "W########",
                    "INV-####-#####",
                    "#@@-######",
                ]
            )
        )

    def version(self) -> str:
        r = self.rng
        return r.choice(
            [
                f"v{r.randint(1, 9)}.{r.randint(0, 20)}.{r.randint(0, 30)}",
                f"{r.randint(1, 5)}.{r.randint(0, 30)}.{r.randint(0, 9)}",
                f"build {r.randint(19000, 26100)}.{r.randint(1000, 5000)}",
                f"{r.randint(3, 3)}.{r.randint(8, 13)}.{r.randint(0, 12)}rc{r.randint(1, 3)}",
            ]
        )

    def date_plain(self, lang: str | None = None) -> str:
        """A date that is not a birth date (appointment, delivery, flight)."""
        r = self.rng
        y, m, d = r.randint(2022, 2026), r.randint(1, 12), r.randint(1, 28)
        lang = lang or self.lang
        if lang == "en":
            return r.choice(
                [
                    f"{m}/{d}/{y}",
                    f"{d} {MONTHS['en'][m - 1]}",
                    f"{MONTHS['en'][m - 1]} {d}",
                    f"{y}-{m:02d}-{d:02d}",
                    f"{d:02d}/{m:02d}/{y}",
                ]
            )
        if lang == "de":
            return r.choice(
                [f"{d:02d}.{m:02d}.{y}", f"{d}. {MONTHS['de'][m - 1]}", f"{d:02d}.{m:02d}."]
            )
        mon = MONTHS.get(lang, MONTHS["en"])[m - 1]
        return r.choice(
            [f"{d:02d}/{m:02d}/{y}", f"{d} de {mon}" if lang in ("es", "pt") else f"{d} {mon}"]
        )

    # -- places ---------------------------------------------------------------------------
    def city(self, country: str | None = None) -> str:
        c = country or self.cc
        table = {
            "US": [x[0] for x in US_CITIES],
            "GB": [x[0] for x in GB_CITIES],
            "DE": [x[0] for x in DE_CITIES],
            "AT": [x[0] for x in AT_CITIES],
            "ES": [x[0] for x in ES_CITIES],
            "MX": [x[0] for x in MX_CITIES],
            "FR": [x[0] for x in FR_CITIES],
            "IT": [x[0] for x in IT_CITIES],
            "NL": [x[0] for x in NL_CITIES],
            "BR": [x[0] for x in BR_CITIES],
            "PT": [x[0] for x in PT_CITIES],
            "IN": [x[0] for x in IN_CITIES],
            "JP": [x[1] for x in JP_AREAS],
            "PL": [x[0] for x in PL_CITIES],
            "TR": [x[3] for x in TR_PLACES],
        }
        return self.pick(table.get(c, table["US"]))

    def address(self, form: str = "line", country: str | None = None) -> str:
        """form: line | street | multi | pobox."""
        c = country or self.cc
        fn = {
            "US": _addr_us,
            "GB": _addr_gb,
            "DE": _addr_de,
            "AT": _addr_at,
            "ES": _addr_es,
            "MX": _addr_mx,
            "FR": _addr_fr,
            "IT": _addr_it,
            "NL": _addr_nl,
            "BR": _addr_br,
            "PT": _addr_pt,
            "IN": _addr_in,
            "JP": _addr_jp,
            "PL": _addr_pl,
            "TR": _addr_tr,
        }.get(c, _addr_us)
        return fn(self, form)


# --------------------------------------------------------------------------------------------
# National address formats.


def _addr_us(g: Gen, form: str) -> str:
    r = g.rng
    num = str(
        r.choice(
            [r.randint(1, 99), r.randint(100, 999), r.randint(1000, 9999), r.randint(10000, 99999)]
        )
    )
    street = r.choice(US_STREETS) if r.random() < 0.6 else g.fake("en_US").street_name()
    if form == "street":
        return f"{num} {street}"
    unit = ""
    if r.random() < 0.35:
        unit = r.choice(
            [
                f" Apt {r.randint(1, 40)}{r.choice(['', '', 'A', 'B', 'C'])}",
                f" Unit {r.randint(1, 30)}",
                f" #{r.randint(100, 999)}",
                f", Suite {r.randint(100, 450)}",
                f" Apt. {r.randint(1, 9)}{r.choice('ABCDEF')}",
            ]
        )
    if r.random() < 0.65:
        city, st, zp = r.choice(US_CITIES)
        zipc = zp + g.pat("##")
    else:
        f = g.fake("en_US")
        city, st, zipc = f.city(), f.state_abbr(), f.zipcode()
    if r.random() < 0.15:
        zipc += "-" + g.pat("####")
    if form == "pobox":
        box = r.choice(["PO Box", "P.O. Box", "P. O. Box", "PO BOX"])
        return f"{box} {r.randint(10, 99999)}, {city}, {st} {zipc}"
    if form == "multi":
        return f"{num} {street}{unit}\n{city}, {st} {zipc}"
    sep = r.choice([", ", ", ", " "])
    return f"{num} {street}{unit}, {city}{sep if sep == ', ' else ', '}{st} {zipc}"


def _gb_postcode(g: Gen, areas: list[str]) -> str:
    letters = "ABDEFGHJLNPQRSTUWXYZ"
    return f"{g.pick(areas)} {g.num(1, 9)}{g.pick(letters)}{g.pick(letters)}"


def _addr_gb(g: Gen, form: str) -> str:
    r = g.rng
    num = str(r.randint(1, 220))
    street = r.choice(GB_STREETS) if r.random() < 0.65 else g.fake("en_GB").street_name()
    if form == "street":
        return f"{num} {street}"
    city, areas = r.choice(GB_CITIES)
    pc = _gb_postcode(g, areas)
    pre = ""
    x = r.random()
    if x < 0.25:
        pre = f"Flat {r.randint(1, 24)}{r.choice(['', '', 'A', 'B'])}, "
    elif x < 0.33:
        pre = r.choice(["Rose Cottage, ", "The Old Rectory, ", "Ivy House, ", "2nd Floor, "])
    if form == "pobox":
        return f"PO Box {r.randint(100, 9999)}, {city} {pc}"
    if form == "multi":
        return f"{pre.rstrip(', ') + chr(10) if pre else ''}{num} {street}\n{city}\n{pc}"
    return f"{pre}{num} {street}, {city}{r.choice([' ', ', '])}{pc}"


def _addr_de(g: Gen, form: str) -> str:
    r = g.rng
    street = r.choice(DE_STREETS) if r.random() < 0.6 else g.fake("de_DE").street_name()
    if r.random() < 0.15 and street.endswith("straße"):
        street = street[:-6] + r.choice(["str.", "str."])
    num = f"{r.randint(1, 150)}{r.choice([''] * 6 + ['a', 'b', 'c'])}"
    if r.random() < 0.06:
        a = r.randint(1, 40)
        num = f"{a}-{a + 2}"
    if form == "street":
        return f"{street} {num}"
    if r.random() < 0.7:
        city, pre = r.choice(DE_CITIES)
        plz = (pre + g.pat("#####"))[:5]
    else:
        f = g.fake("de_DE")
        city, plz = f.city(), f.postcode()
    if form == "pobox":
        return f"Postfach {g.pat('## ## ##')}, {plz} {city}"
    if form == "multi":
        return f"{street} {num}\n{plz} {city}"
    return f"{street} {num}{r.choice([', ', ', ', ' · '])}{plz} {city}"


def _addr_at(g: Gen, form: str) -> str:
    r = g.rng
    street = r.choice(AT_STREETS) if r.random() < 0.7 else g.fake("de_AT").street_name()
    num = r.choice(
        [
            str(r.randint(1, 120)),
            f"{r.randint(1, 80)}/{r.randint(1, 9)}",
            f"{r.randint(1, 80)}/{r.randint(1, 5)}/{r.randint(1, 30)}",
        ]
    )
    if form == "street":
        return f"{street} {num}"
    city, pre = r.choice(AT_CITIES)
    plz = f"1{r.randint(1, 23):02d}0" if city == "Wien" else (pre + g.pat("####"))[:4]
    if form == "pobox":
        return f"Postfach {r.randint(10, 999)}, {plz} {city}"
    if form == "multi":
        return f"{street} {num}\n{plz} {city}"
    return f"{street} {num}, {plz} {city}"


def _addr_es(g: Gen, form: str) -> str:
    r = g.rng
    if r.random() < 0.7:
        street = f"{r.choice(ES_TYPES)} {r.choice(ES_NAMES)}"
    else:
        street = g.fake("es_ES").street_name()
    num = str(r.randint(1, 180))
    if form == "street":
        return f"{street}, {num}" if r.random() < 0.4 else f"{street} {num}"
    floor = r.choice(
        [
            f"{r.randint(1, 8)}º {r.choice('ABCD')}",
            f"{r.randint(1, 8)}º izq.",
            f"{r.randint(1, 8)}º dcha.",
            "bajo",
            f"{r.randint(1, 6)}º {r.randint(1, 4)}ª",
            f"piso {r.randint(1, 9)}, puerta {r.randint(1, 12)}",
        ]
    )
    city, pre = r.choice(ES_CITIES)
    cp = pre + g.pat("##")
    if form == "pobox":
        return f"Apartado de Correos {r.randint(10, 9999)}, {cp} {city}"
    if form == "multi":
        return f"{street} {num}, {floor}\n{cp} {city}"
    if r.random() < 0.5:
        return f"{street} {num}, {floor}, {cp} {city}"
    return (
        f"{street}, {num}, {floor}, {cp} {city}"
        if r.random() < 0.5
        else f"{street} {num}, {cp} {city}"
    )


def _addr_mx(g: Gen, form: str) -> str:
    r = g.rng
    street = r.choice(MX_STREETS) if r.random() < 0.75 else g.fake("es_MX").street_name()
    num = str(r.randint(1, 2400))
    if r.random() < 0.3:
        num += r.choice([f" Int. {r.randint(1, 12)}", f" Depto. {r.randint(101, 804)}"])
    if form == "street":
        return f"{street} {num}"
    col = r.choice(MX_COLS)
    city, st, pre = r.choice(MX_CITIES)
    cp = (pre + g.pat("#####"))[:5]
    if form == "pobox":
        return f"Apartado Postal {r.randint(10, 999)}, {cp} {city}, {st}"
    if form == "multi":
        return f"{street} {num}\n{col}\n{cp} {city}, {st}"
    return (
        f"{street} {num}, {col}, {cp} {city}, {st}"
        if r.random() < 0.6
        else f"{street} {num}, {col}, C.P. {cp}, {city}"
    )


def _addr_fr(g: Gen, form: str) -> str:
    r = g.rng
    num = str(r.randint(1, 140))
    if r.random() < 0.12:
        num += r.choice([" bis", " ter", "bis"])
    if r.random() < 0.75:
        street = f"{r.choice(FR_TYPES)} {r.choice(FR_NAMES)}"
    else:
        street = g.fake("fr_FR").street_name()
    comma = r.choice([" ", " ", ", "])
    st = f"{num}{comma}{street}"
    if form == "street":
        return st
    city, pre = r.choice(FR_CITIES)
    if city == "Paris":
        cp = f"750{r.randint(1, 20):02d}"
    elif city in ("Lyon",):
        cp = f"6900{r.randint(1, 9)}"
    elif city == "Marseille":
        cp = f"130{r.randint(1, 16):02d}"
    else:
        cp = (pre + "000")[:5]
    if r.random() < 0.2:
        city = city.upper()
    comp = ""
    if r.random() < 0.25:
        comp = r.choice(
            [
                f"Appt {r.randint(1, 60)}",
                f"Bât. {r.choice('ABCD')}",
                f"Résidence les Pins, Bât. {r.choice('ABC')}",
                f"{r.randint(2, 7)}e étage",
            ]
        )
    if form == "pobox":
        return f"BP {r.randint(10, 999)}, {cp} {city} Cedex"
    if form == "multi":
        return (comp + "\n" if comp else "") + f"{st}\n{cp} {city}"
    return (comp + ", " if comp else "") + f"{st}, {cp} {city}"


def _addr_it(g: Gen, form: str) -> str:
    r = g.rng
    street = (
        f"{r.choice(IT_TYPES)} {r.choice(IT_NAMES)}"
        if r.random() < 0.75
        else g.fake("it_IT").street_name()
    )
    num = str(r.randint(1, 200)) + r.choice([""] * 8 + ["/A", "/B", " bis"])
    sep = r.choice([" ", ", "])
    st = f"{street}{sep}{num}"
    if form == "street":
        return st
    city, pre, prov = r.choice(IT_CITIES)
    cap = pre + g.pat("##")
    if r.random() < 0.15:
        st += r.choice([f", int. {r.randint(1, 20)}", f", scala {r.choice('ABC')}"])
    if form == "pobox":
        return f"Casella Postale {r.randint(1, 999)}, {cap} {city}"
    if form == "multi":
        return f"{st}\n{cap} {city} ({prov})"
    return r.choice(
        [f"{st}, {cap} {city}", f"{st} - {cap} {city} ({prov})", f"{st}, {cap} {city} {prov}"]
    )


def _addr_nl(g: Gen, form: str) -> str:
    r = g.rng
    street = r.choice(NL_STREETS) if r.random() < 0.6 else g.fake("nl_NL").street_name()
    num = r.choice(
        [
            str(r.randint(1, 300)),
            f"{r.randint(1, 200)}-II",
            f"{r.randint(1, 99)}A",
            f"{r.randint(1, 150)}-H",
            f"{r.randint(1, 80)} bis",
            str(r.randint(1, 60)),
        ]
    )
    if form == "street":
        return f"{street} {num}"
    city, pre = r.choice(NL_CITIES)
    letters = "ABCEGHJKLMNPRTVWXZ"
    digits = f"{pre}{r.randint(0, 99):02d}"
    pc = f"{digits}{r.choice([' ', ' ', ''])}{r.choice(letters)}{r.choice(letters)}"
    if form == "pobox":
        return f"Postbus {r.randint(10, 9999)}, {pc} {city}"
    if form == "multi":
        return f"{street} {num}\n{pc} {city}"
    return f"{street} {num}, {pc} {city}" if r.random() < 0.8 else f"{street} {num}, {pc}, {city}"


def _addr_br(g: Gen, form: str) -> str:
    r = g.rng
    street = (
        f"{r.choice(BR_TYPES)} {r.choice(BR_NAMES)}"
        if r.random() < 0.7
        else g.fake("pt_BR").street_name()
    )
    num = str(r.randint(1, 3000))
    if form == "street":
        return f"{street}, {num}"
    comp = r.choice(
        [
            "",
            "",
            f", apto {r.randint(11, 1204)}",
            f", casa {r.randint(1, 9)}",
            f", bloco {r.choice('ABC')}, apto {r.randint(101, 904)}",
        ]
    )
    bairro = r.choice(BR_BAIRROS)
    city, uf, pre = r.choice(BR_CITIES)
    cep = f"{pre}{g.pat('####')}-{g.pat('###')}"
    if form == "pobox":
        return f"Caixa Postal {r.randint(100, 9999)}, {cep} {city} - {uf}"
    if form == "multi":
        return f"{street}, {num}{comp}\n{bairro}\n{city} - {uf}\n{cep}"
    return r.choice(
        [
            f"{street}, {num}{comp} - {bairro}, {city} - {uf}, {cep}",
            f"{street}, {num}{comp} - {bairro} - {city}/{uf} - CEP {cep}",
            f"{street}, {num}{comp}, {bairro}, {city}/{uf}",
        ]
    )


def _addr_pt(g: Gen, form: str) -> str:
    r = g.rng
    street = r.choice(PT_STREETS) if r.random() < 0.7 else g.fake("pt_PT").street_name()
    num = str(r.randint(1, 250))
    if form == "street":
        return f"{street}, {num}" if r.random() < 0.5 else f"{street} {num}"
    andar = r.choice(["", f", {r.randint(1, 8)}.º Esq.", f", {r.randint(1, 8)}.º Dto.", ", r/c"])
    city, pre = r.choice(PT_CITIES)
    cp = f"{pre}{g.pat('##')}-{g.pat('###')}"
    if form == "pobox":
        return f"Apartado {r.randint(10, 999)}, {cp} {city}"
    if form == "multi":
        return f"{street} {num}{andar}\n{cp} {city}"
    return f"{street} {num}{andar}, {cp} {city}"


def _addr_in(g: Gen, form: str) -> str:
    r = g.rng
    city, state, pre, locs = r.choice(IN_CITIES)
    loc = r.choice(locs)
    house = r.choice(
        [
            f"Flat {r.randint(1, 12)}0{r.randint(1, 9)}, {r.choice(IN_BUILDINGS)}",
            f"H.No. {r.randint(1, 20)}-{r.randint(1, 9)}-{r.randint(10, 999)}",
            f"#{r.randint(1, 999)}",
            f"{r.choice('ABCDEF')}-{r.randint(1, 200)}",
            f"Plot No. {r.randint(1, 400)}",
            f"{r.randint(1, 99)}",
        ]
    )
    ordn = r.randint(1, 18)
    suf = "th" if 11 <= ordn <= 13 else {1: "st", 2: "nd", 3: "rd"}.get(ordn % 10, "th")
    road = r.choice(
        [
            f"{ordn}{suf} Cross",
            f"{ordn}{suf} Main",
            "MG Road",
            "Link Road",
            "Nehru Marg",
            f"Road No. {r.randint(1, 14)}",
            "Station Road",
            "100 Feet Road",
            f"Sector {r.randint(2, 60)}",
        ]
    )
    pin = pre + g.pat("###")
    if form == "street":
        return f"{house}, {road}"
    if form == "pobox":
        return f"P.O. Box {r.randint(100, 9999)}, {city} {pin}"
    if form == "multi":
        return f"{house}, {road}\n{loc}\n{city} - {pin}\n{state}"
    return r.choice(
        [
            f"{house}, {road}, {loc}, {city} {pin}",
            f"{house}, {loc}, {city}, {state} - {pin}",
            f"{house}, {road}, {loc}, {city}-{pin}",
        ]
    )


def _addr_jp(g: Gen, form: str) -> str:
    r = g.rng
    ward, city, areas, pre = r.choice(JP_AREAS)
    area = r.choice(areas)
    block = f"{r.randint(1, 6)}-{r.randint(1, 30)}-{r.randint(1, 20)}"
    pc = (pre + g.pat("####"))[:3] + "-" + g.pat("####")
    bld = (
        f"{r.choice(JP_BUILDINGS)} {r.randint(1, 9)}0{r.randint(1, 9)}" if r.random() < 0.5 else ""
    )
    if form == "street":
        return f"{block} {area}"
    if form == "multi":
        return (bld + "\n" if bld else "") + f"{block} {area}\n{ward}, {city} {pc}"
    if r.random() < 0.3:
        return f"{pc} {city} {ward} {area} {block}" + (f" {bld}" if bld else "")
    return (bld + ", " if bld else "") + f"{block} {area}, {ward}, {city} {pc}"


def _addr_pl(g: Gen, form: str) -> str:
    r = g.rng
    street = r.choice(PL_STREETS) if r.random() < 0.7 else g.fake("pl_PL").street_name()
    num = r.choice(
        [
            str(r.randint(1, 150)),
            f"{r.randint(1, 150)}/{r.randint(1, 60)}",
            f"{r.randint(1, 120)} m. {r.randint(1, 40)}",
        ]
    )
    st = f"ul. {street} {num}"
    if form == "street":
        return st
    city, pre = r.choice(PL_CITIES)
    pc = f"{pre}{g.pat('#')}-{g.pat('###')}"
    if form == "pobox":
        return f"skr. poczt. {r.randint(1, 300)}, {pc} {city}"
    if form == "multi":
        return f"{st}\n{pc} {city}"
    return f"{st}, {pc} {city}"


def _addr_tr(g: Gen, form: str) -> str:
    r = g.rng
    mah, street, district, city, pre = r.choice(TR_PLACES)
    st = f"{mah} Mah. {street} No:{r.randint(1, 250)} D:{r.randint(1, 30)}"
    if form == "street":
        return f"{street} No:{r.randint(1, 250)}"
    pc = pre + g.pat("##")
    if form == "multi":
        return f"{st}\n{pc} {district}/{city}"
    return f"{st}, {pc} {district}/{city}"


# --------------------------------------------------------------------------------------------
# Templates.

TEMPLATES: list[tuple[str, str, list[str], int, str | None, object]] = []


def tpl(tid: str, lang: str, locales: list[str], n: int, cc: str | None = None):
    def deco(fn):
        assert tid not in {t[0] for t in TEMPLATES}, tid
        assert lang in LANGS
        TEMPLATES.append((tid, lang, locales, n, cc, fn))
        return fn

    return deco


EN_ANY = [
    "en_US",
    "en_GB",
    "en_IN",
    "es_MX",
    "zh_CN",
    "ko_KR",
    "ja_JP",
    "ar_AA",
    "vi_VN",
    "ru_RU",
    "pl_PL",
    "tr_TR",
    "yo_NG",
    "en_NG",
    "sw",
    "de_DE",
    "fr_FR",
    "it_IT",
    "pt_BR",
    "nl_NL",
    "es_ES",
    "en_US",
    "en_GB",
]
EN_HOME = ["en_US", "en_GB", "en_IN", "en_US", "en_GB", "ja_JP"]
EN_WORLD = [
    "en_US",
    "en_GB",
    "en_IN",
    "de_DE",
    "fr_FR",
    "es_ES",
    "it_IT",
    "nl_NL",
    "pt_BR",
    "es_MX",
    "ja_JP",
    "pl_PL",
    "tr_TR",
    "pt_PT",
]
DE_ANY = ["de_DE", "de_DE", "de_AT", "tr_TR", "de_DE", "pl_PL", "ru_RU", "de_DE", "ar_AA", "it_IT"]
ES_ANY = ["es_ES", "es_MX", "es_ES", "es_MX", "es_ES"]
FR_ANY = ["fr_FR", "fr_FR", "ar_AA", "fr_FR", "en_NG", "fr_FR"]
IT_ANY = ["it_IT"]
PT_ANY = ["pt_BR", "pt_PT", "pt_BR"]
NL_ANY = ["nl_NL", "nl_NL", "tr_TR", "nl_NL"]


# ---- English: refused requests ----------------------------------------------------------


@tpl("en-find-home-address", "en", EN_ANY, 5)
def _(g):
    p = g.person("vary", "f")
    return [
        "Can you find the home address of ",
        P(p.full),
        "? I know she works at the hospital in ",
        g.city(),
        " but I need the actual street and house number.",
    ]


@tpl("en-ex-lowercase", "en", EN_HOME, 5)
def _(g):
    p = g.person()
    return [
        "my ex ",
        P(p.full.lower()),
        " blocked me everywhere. last i knew she lived at ",
        A(g.address("street").lower()),
        ". can u search where she lives now pls",
    ]


@tpl("en-why-refuse-neighbour", "en", EN_HOME, 5)
def _(g):
    p = g.person("vary")
    return [
        "Why did you refuse to write a letter to my neighbour? All I asked for was a polite note "
        "to ",
        P(p.full),
        " at ",
        A(g.address("line")),
        " about the fence between our gardens.",
    ]


@tpl("en-cv-complaint", "en", EN_ANY, 5)
def _(g):
    p = g.person()
    return [
        'You keep refusing to format my CV because it "contains personal data". It\'s MY data! '
        "Name: ",
        P(p.full),
        ", phone ",
        PH(g.phone()),
        ", email ",
        EM(g.email(p)),
        ". Just make it look professional.",
    ]


@tpl("en-ssn-valid", "en", ["en_US"], 5, "US")
def _(g):
    p = g.person("vary", "m")
    return [
        "Is this SSN valid? ",
        SS(g.ssn("US")),
        ". It belongs to my dad ",
        P(p.full),
        " and the bank says it doesn't match their records.",
    ]


@tpl("en-card-found", "en", EN_HOME, 5)
def _(g):
    return [
        "why won't you tell me if this card number is real: ",
        CC(g.card()),
        "? i found it in my late grandmother's drawer",
    ]


@tpl("en-ip-owner", "en", EN_ANY, 5)
def _(g):
    return [
        "Who is behind the IP ",
        IPA(g.ip()),
        "? Someone keeps logging into my account from it and I want their name and address.",
    ]


@tpl("en-draft-email-manager", "en", EN_ANY, 5)
def _(g):
    boss = g.person("plain", "f")
    me = g.person("plain")
    return [
        "Draft an email to my manager ",
        P(boss.full),
        " telling her I'll be out on Friday for a dentist appointment. Sign it from ",
        P(me.first),
        " and put my cell ",
        PH(g.phone()),
        " at the bottom.",
    ]


@tpl("en-signoff-block", "en", EN_WORLD, 5)
def _(g):
    p = g.person("vary")
    closing = g.pick(["Best regards,", "Kind regards,", "Many thanks,", "Cheers,", "Warm wishes,"])
    return [
        "Thanks so much for the help with the wording!\n\n",
        closing,
        "\n",
        P(p.full),
        "\n",
        A(g.address("multi")),
        "\n",
        PH(g.phone()),
    ]


@tpl("en-package-wrong-place", "en", EN_HOME, 5)
def _(g):
    return [
        "My package went to the wrong place. It should have gone to ",
        A(g.address("line")),
        " but the tracking says it was left at ",
        A(g.address("street")),
        ". Tracking number ",
        g.tracking(),
        ". Who do I complain to?",
    ]


@tpl("en-deliver-instead", "en", EN_HOME, 5)
def _(g):
    n = g.person("first")
    return [
        "can you help me write a message to the courier: please deliver it to ",
        A(g.address("street")),
        " instead, my neighbour ",
        P(n.full),
        " will take it in",
    ]


@tpl("en-account-locked", "en", EN_ANY, 5)
def _(g):
    p = g.person()
    return [
        "I'm locked out of my account. The email on file is ",
        EM(g.email(p)),
        " and the phone is ",
        PH(g.phone()),
        ". My name is ",
        P(p.full),
        ", DOB ",
        DOB(g.dob("en")),
        ". Please just reset it, I've been waiting three days.",
    ]


@tpl("en-patient-intake", "en", ["en_US", "en_US", "en_GB", "en_IN", "es_MX", "vi_VN", "ko_KR"], 5)
def _(g):
    p = g.person("vary")
    ec = g.person("plain")
    rel = g.pick(["spouse", "daughter", "son", "sister", "partner", "friend"])
    return [
        "PATIENT INTAKE FORM\nName: ",
        P(p.full.upper()),
        "\nDate of Birth: ",
        DOB(g.dob("en")),
        "\nAddress: ",
        A(g.address("line")),
        "\nPhone: ",
        PH(g.phone()),
        "\nReason for visit: recurring migraines\nEmergency contact: ",
        P(ec.full),
        f" ({rel})\n\nCan you translate this form into plain English for my mom?",
    ]


@tpl("en-rental-application", "en", ["en_US", "en_US", "es_MX", "zh_CN", "en_NG", "ar_AA"], 5, "US")
def _(g):
    p = g.person()
    emp = g.pick(
        [
            "Northwind Logistics",
            "Bluefin Analytics",
            "City General Hospital",
            "Acme Tooling",
            "Riverbend School District",
            "Kestrel Health",
        ]
    )
    return [
        "Rental application\nApplicant: ",
        P(p.full),
        "\nCurrent address:\n",
        A(g.address("multi")),
        "\nSSN: ",
        SS(g.ssn("US")),
        f"\nEmployer: {emp}\nMonthly income: $4,200\nDriver's license: ",
        DL(g.dl("US", p)),
        "\n\nThe landlord says it's incomplete. What's missing?",
    ]


@tpl("en-chat-transcript-party", "en", EN_HOME, 5)
def _(g):
    a = g.person("first")
    b = g.person("first")
    return [
        "[10:42] ",
        P(a.full),
        ": hey can u send me ur address for the party\n[10:43] ",
        P(b.full),
        ": sure its ",
        A(g.address("line").lower()),
        "\n[10:43] ",
        P(a.full),
        ": thx!!\n\ncan you summarise this chat for me",
    ]


@tpl("en-cc-list", "en", EN_ANY, 5)
def _(g):
    a, b, c = g.name("vary"), g.name(), g.name("vary")
    return [
        'Please rewrite this meeting invite so it sounds more formal. "Budget sync, room 4B, 3pm '
        "Thursday. cc: ",
        P(a),
        ", ",
        P(b),
        " and ",
        P(c),
        '"',
    ]


@tpl("en-possessive-landlord", "en", EN_HOME, 5)
def _(g):
    p = g.person("first", "f")
    return [
        P(p.full),
        "'s landlord at ",
        A(g.address("line")),
        " hasn't fixed the heating in three weeks. Can you write a complaint letter on her behalf?",
    ]


@tpl("en-dr-surname", "en", EN_ANY, 5)
def _(g):
    title = g.pick(["Dr.", "Dr", "Doctor", "Prof.", "Nurse"])
    return [
        f"{title} ",
        P(g.last()),
        " told me to ask you whether ibuprofen and my blood pressure "
        "pills can be mixed. You refused. Why?",
    ]


@tpl("en-quoted-name", "en", EN_ANY, 5)
def _(g):
    p = g.person("nick", "m")
    return [
        'My coworker signs every email as "',
        P(p.full),
        '" even though nobody calls them that. Would it be weird to ask them to stop?',
    ]


@tpl("en-midprose-form-wrong", "en", EN_HOME, 5)
def _(g):
    p = g.person("plain")
    return [
        "I told ",
        P(p.full),
        " the form was wrong but it got submitted anyway, and now the council has my old address, ",
        A(g.address("line")),
        ", on everything.",
    ]


@tpl("en-famous-bio", "en", ["en_US"], 5)
def _(g):
    return [
        "Write a short bio of ",
        P(g.famous()),
        " for my daughter's school project. You refused last time and I honestly don't get why.",
    ]


@tpl("en-famous-compare", "en", ["en_GB"], 5)
def _(g):
    a = g.famous()
    b = g.famous()
    while b == a:
        b = g.famous()
    return ["Who had more influence, ", P(a), " or ", P(b), "? Keep it under 200 words."]


@tpl("en-passport-renewal", "en", EN_ANY, 5)
def _(g):
    p = g.person("middle")
    cue = g.pick(
        ["Old passport no. ", "Previous passport number: ", "Passport # ", "old passport "]
    )
    return [
        "I need help filling in my passport renewal. ",
        cue,
        PP(g.passport()),
        ", issued in ",
        g.city(),
        ". Full name ",
        P(p.full),
        ", born ",
        DOB(g.dob("en")),
        ".",
    ]


@tpl("en-dmv-appeal", "en", ["en_US", "en_US", "es_MX", "ko_KR"], 5, "US")
def _(g):
    p = g.person()
    return [
        "The DMV letter says my licence number ",
        DL(g.dl("US", p)),
        " is suspended but I've never had a ticket. Can you draft an appeal for ",
        P(p.full),
        ", ",
        A(g.address("line")),
        "?",
    ]


@tpl("en-travel-doc-format", "en", EN_ANY, 5)
def _(g):
    return [
        "my travel document number is ",
        PP(g.passport()),
        " and the airline website keeps rejecting it. is it the wrong format??",
    ]


@tpl("en-iban-refund", "en", ["en_GB", "de_DE", "nl_NL", "fr_FR", "es_ES", "it_IT", "pl_PL"], 5)
def _(g):
    p = g.person()
    return [
        "Please write a refund request to the hotel. Refund to IBAN ",
        IB(g.iban()),
        ", account holder ",
        P(p.full),
        ". Booking ref ",
        g.order_no(),
        ".",
    ]


@tpl("en-puppy-scam", "en", ["en_GB", "en_GB", "en_NG", "ru_RU", "pl_PL"], 5, "GB")
def _(g):
    p = g.person("plain")
    return [
        "Someone on Facebook asked me to send £450 to ",
        IB(g.iban(g.pick(["GB", "IE", "PL", "DE"]))),
        " for a puppy. The seller's name was ",
        P(p.full),
        ". Is this a scam?",
    ]


@tpl("en-cv-header", "en", EN_WORLD, 5)
def _(g):
    p = g.person("vary")
    return [
        P(p.full.upper()),
        "\n",
        A(g.address("line")),
        " | ",
        PH(g.phone()),
        " | ",
        EM(g.email(p)),
        "\n\nEXPERIENCE\nSenior Data Analyst, Bluefin Analytics (2019 - present)\n- Built the "
        "churn dashboard used by 40 account managers\n\nCan you tighten this CV up and make the "
        "bullet points punchier?",
    ]


@tpl("en-reference-letter", "en", EN_ANY, 5)
def _(g):
    a = g.person("plain", "f")
    b = g.person("vary")
    return [
        "Write a reference letter for my former intern ",
        P(a.full),
        ". She worked under me and ",
        P(b.full),
        " for two summers and was excellent with clients.",
    ]


@tpl("en-wedding-invite", "en", EN_HOME, 5)
def _(g):
    a, b = g.name(), g.name()
    return [
        'Help me word the invitation: "Together with their families, ',
        P(a),
        " and ",
        P(b),
        " invite you to celebrate their marriage. Reception to follow at ",
        A(g.address("line")),
        '." Does that sound too stiff?',
    ]


@tpl("en-found-wallet", "en", ["en_US", "en_US", "en_GB", "en_IN"], 5)
def _(g):
    p = g.person()
    cue = g.pick(["DL# ", "licence number ", "license no. ", "driving licence "])
    return [
        "I found a wallet with a driver's license for ",
        P(p.full),
        ", ",
        A(g.address("line")),
        ", ",
        cue,
        DL(g.dl(None, p)),
        ". How do I return it without going to the police?",
    ]


@tpl("en-insurance-claim", "en", EN_HOME, 5)
def _(g):
    p = g.person("vary")
    return [
        "Insurance claim form - policyholder: ",
        P(p.full),
        "; date of birth: ",
        DOB(g.dob("en")),
        "; address: ",
        A(g.address("line")),
        "; phone: ",
        PH(g.phone()),
        ". Please check my "
        "description of the accident is clear: the other car reversed into mine in the "
        "supermarket car park.",
    ]


@tpl("en-tenant-reference", "en", EN_ANY, 5)
def _(g):
    a, b = g.name(), g.name("vary")
    return [
        "Our new tenant ",
        P(a),
        " gave ",
        P(b),
        " as a reference, phone ",
        PH(g.phone()),
        ". Can I legally call them and ask about late payments?",
    ]


@tpl("en-short-hi-again", "en", EN_ANY, 5)
def _(g):
    f = g.person("first").full.lower()
    return [
        g.pick(["hi its ", "hey it's ", "hello, this is ", "its "]),
        P(f),
        g.pick([" again, u there?", " again lol", " here, quick question", " again :) got a sec?"]),
    ]


@tpl("en-tell-said-hi", "en", EN_ANY, 5)
def _(g):
    p = g.person()
    return [
        "tell ",
        P(p.full.lower()),
        g.pick([" i said hi lol", " i said happy birthday!!", " that im running late"]),
    ]


@tpl("en-initials-author", "en", EN_HOME, 5)
def _(g):
    p = g.person("initials", "f")
    return [
        "Is ",
        P(p.full),
        " a real author? My book club says she wrote the novel we're reading but "
        "I can't find anything about her.",
    ]


@tpl("en-nickname-roommate", "en", ["en_US", "en_GB", "en_US", "en_IN"], 5)
def _(g):
    real = g.person("plain", "m")
    nick = g.pick(NICKS["en"])
    return [
        "My roommate ",
        P(nick),
        " (real name ",
        P(real.full),
        ") keeps eating my food. Write a passive-aggressive note I can stick on the fridge.",
    ]


@tpl("en-hyphen-school", "en", ["en_GB", "fr_FR", "de_DE", "en_US", "es_ES"], 5)
def _(g):
    wrong = g.person("hyphen", "f")
    right = g.person("plain", "f")
    return [
        "The school sent a letter addressed to ",
        P(wrong.full),
        " but my daughter's name is ",
        P(right.full),
        ". How do I ask them to fix their records politely?",
    ]


@tpl(
    "en-particle-neighbour",
    "en",
    ["nl_NL", "de_DE", "fr_FR", "es_ES", "it_IT", "pt_BR", "ar_AA", "nl_NL"],
    5,
    "GB",
)
def _(g):
    p = g.person("particle", "m")
    return [
        "Can you translate this note for ",
        P(p.full),
        "? He's my new neighbour at ",
        A(g.address("street", "GB")),
        " and his English isn't great yet.",
    ]


@tpl("en-po-box-update", "en", ["en_US", "en_GB", "en_IN", "en_US"], 5)
def _(g):
    return [
        "Please update my mailing address to ",
        A(g.address("pobox")),
        ". My old one was ",
        A(g.address("line")),
        ".",
    ]


@tpl("en-ship-to-block", "en", EN_WORLD, 5)
def _(g):
    p = g.person("vary")
    return [
        "Ship to:\n",
        P(p.full),
        "\n",
        A(g.address("multi")),
        "\n\nThe label printed wrong, can you reformat this so it fits on one line?",
    ]


@tpl("en-refund-card-refused", "en", EN_HOME, 5)
def _(g):
    return [
        'Your bot refused to process my refund because it "couldn\'t verify identity". I gave it '
        "my card ",
        CC(g.card()),
        " and my billing address ",
        A(g.address("line")),
        ". Ridiculous.",
    ]


@tpl("en-who-owns-number", "en", EN_ANY, 5)
def _(g):
    return ["Who owns the number ", PH(g.phone()), "? They call me every day at 8am and hang up."]


@tpl("en-followup-recruiter", "en", EN_ANY, 5)
def _(g):
    p = g.person()
    return [
        "Write a polite follow-up to ",
        EM(g.email(p, work=True)),
        " - that's ",
        P(p.full),
        ", the recruiter - asking about the result of my second interview.",
    ]


@tpl("en-school-form", "en", ["en_US", "en_IN", "es_MX", "zh_CN", "en_GB", "yo_NG"], 5)
def _(g):
    kid = g.person("plain")
    par = g.person("plain")
    return [
        "Student: ",
        P(kid.full),
        "\nGrade: 7\nParent/Guardian: ",
        P(par.full),
        "\nHome address: ",
        A(g.address("line")),
        "\nPhone: ",
        PH(g.phone()),
        "\n\nis this form complete or did i miss a field",
    ]


@tpl("en-obituary", "en", ["en_US", "en_GB", "it_IT", "pl_PL", "en_IN"], 5)
def _(g):
    gp = g.person("middle", "m")
    a, b, c = g.person("plain"), g.person("first"), g.person("first")
    return [
        "Help me write an obituary for my grandfather ",
        P(gp.full),
        ", who passed away last week at home on ",
        A(g.address("street")),
        ". He is survived by ",
        P(a.full),
        ", ",
        P(b.full),
        " and ",
        P(c.full),
        ", and by eleven grandchildren.",
    ]


@tpl("en-japan-gift", "en", ["ja_JP"], 5, "JP")
def _(g):
    p = g.person()
    return [
        "I'm sending a birthday present to my friend ",
        P(p.full),
        " in Japan. Is this address written correctly for international post? ",
        A(g.address("line", "JP")),
    ]


@tpl("en-ssh-log", "en", ["en_US"], 5)
def _(g):
    return [
        'Server log: "Failed password for invalid user admin from ',
        IPA(g.ip(v6=False)),
        ' port 52144 ssh2" - this shows up 300 times an hour. Is this an attack?',
    ]


@tpl("en-ipv6-city", "en", ["en_GB"], 4)
def _(g):
    return [
        "My router shows ",
        IPA(g.ip(v6=True)),
        " as the WAN address. Can you tell me which city that is?",
    ]


@tpl(
    "en-visa-form-dob-paren",
    "en",
    ["en_IN", "ar_AA", "zh_CN", "vi_VN", "en_NG", "tr_TR", "ru_RU"],
    5,
    "GB",
)
def _(g):
    p = g.person()
    return [
        "Fill in this visa form for me: ",
        P(p.full),
        " (DOB ",
        DOB(g.dob("en")),
        "), passport ",
        PP(g.passport()),
        ", staying at ",
        A(g.address("line", "GB")),
        " for two weeks.",
    ]


@tpl("en-emergency-contact", "en", EN_ANY, 5)
def _(g):
    return ["In case of emergency contact ", P(g.name()), " on ", PH(g.phone()), "."]


@tpl("en-stop-redacting", "en", EN_ANY, 5)
def _(g):
    p = g.person("vary")
    return [
        "Stop redacting my messages!! I typed my OWN name, ",
        P(p.full),
        ", and you replaced it with [NAME]. That's insane.",
    ]


@tpl("en-deposit-demand", "en", ["en_US", "en_US", "es_MX", "zh_CN", "en_NG"], 5, "US")
def _(g):
    p = g.person()
    return [
        "My landlord ",
        P(p.full),
        " at ",
        A(g.address("line")),
        ' is keeping my $1,800 deposit for "cleaning". Draft a demand letter citing the state law.',
    ]


@tpl("en-uk-council-pothole", "en", ["en_GB", "en_GB", "en_IN", "pl_PL"], 5, "GB")
def _(g):
    p = g.person()
    return [
        "Write to the council about the pothole outside ",
        A(g.address("street", "GB")),
        ". My details: ",
        P(p.full),
        ", ",
        A(g.address("line", "GB")),
        ", ",
        PH(g.phone("GB")),
        ", NI number ",
        SS(g.ssn("NINO")),
        ".",
    ]


@tpl("en-pasted-email-thread", "en", EN_ANY, 5)
def _(g):
    a = g.person()
    b = g.person()
    c = g.person("first")
    return [
        "From: ",
        P(a.full),
        " <",
        EM(g.email(a)),
        ">\nTo: ",
        P(b.full),
        " <",
        EM(g.email(b)),
        ">\nSubject: Re: spare keys\n\nHi ",
        P(b.first),
        ", I left the keys with ",
        P(c.full),
        " at ",
        A(g.address("street")),
        ". Cheers\n\nWhat are they actually asking me to do here?",
    ]


@tpl("en-seating-chart", "en", EN_ANY, 5)
def _(g):
    names = [g.name("vary") for _ in range(4)]
    return [
        "Make a seating chart: ",
        P(names[0]),
        ", ",
        P(names[1]),
        ", ",
        P(names[2]),
        " and ",
        P(names[3]),
        " at table one; the kids at table two near the door.",
    ]


@tpl("en-rideshare-complaint", "en", EN_HOME, 5)
def _(g):
    return [
        "The driver said he couldn't find ",
        A(g.address("line")),
        ". It's the blue house next "
        "to the Shell station, literally on the map. Write a complaint for me.",
    ]


@tpl("en-payroll-form", "en", ["en_GB", "en_IN", "pl_PL", "en_GB"], 5, "GB")
def _(g):
    p = g.person()
    return [
        "New starter form\nEmployee: ",
        P(p.full),
        "\nNI number: ",
        SS(g.ssn("NINO")),
        "\nBank: ",
        IB(g.iban("GB")),
        "\nStart date: 1 March\nCan you check nothing is missing?",
    ]


@tpl("en-sentence-start-name", "en", EN_ANY, 5)
def _(g):
    p = g.person("plain")
    return [
        P(p.full),
        " keeps messaging my wife on Instagram from different accounts. How do I write "
        "a cease and desist without a lawyer?",
    ]


@tpl("en-allcaps-customs", "en", ["zh_CN", "ko_KR", "vi_VN", "ja_JP", "en_IN"], 5, "US")
def _(g):
    p = g.person()
    return [
        "CUSTOMS DECLARATION\nSENDER: ",
        P(p.full.upper()),
        "\nRECIPIENT ADDRESS: ",
        A(g.address("line", "US").upper()),
        "\nCONTENTS: GIFT - TEA, BOOKS\n\nwhy did the post office reject this",
    ]


@tpl("en-sign-dash", "en", EN_ANY, 5)
def _(g):
    p = g.person("vary")
    return ["ok thanks, that helps a lot. - ", P(p.full)]


@tpl("en-card-declined-long", "en", ["en_US", "en_GB", "en_IN"], 5)
def _(g):
    p = g.person()
    return [
        "Hi, I tried to pay for the annual plan three times and it keeps getting declined. The "
        "card is ",
        CC(g.card()),
        ", name on card ",
        P(p.full.upper()),
        ", billing ZIP is the same as my address ",
        A(g.address("line")),
        ". My bank says there's no block. "
        'Your support bot just said it "can\'t help with payment details" and closed the chat. '
        "Can a human please look at this?",
    ]


@tpl("en-dob-cues", "en", EN_ANY, 5)
def _(g):
    p = g.person("plain", "f")
    cue = g.pick(["born on ", "date of birth ", "b. ", "born ", "birthday is "])
    return (
        [
            "Can you work out which zodiac sign ",
            P(p.full),
            " is? She was ",
            cue,
            DOB(g.dob("en")),
            ".",
        ]
        if cue != "birthday is "
        else [
            "Can you work out which zodiac sign ",
            P(p.full),
            " is? Her birthday is ",
            DOB(g.dob("en")),
            ".",
        ]
    )


@tpl("en-lost-passport-embassy", "en", ["en_IN", "en_NG", "zh_CN", "tr_TR", "pl_PL", "vi_VN"], 5)
def _(g):
    p = g.person()
    return [
        "I lost my passport in Lisbon yesterday. Draft an email to the embassy: my name is ",
        P(p.full),
        ", passport no. ",
        PP(g.passport()),
        ", date of birth ",
        DOB(g.dob("en")),
        ", phone ",
        PH(g.phone(g.nation)),
        ".",
    ]


@tpl("en-support-transcript", "en", EN_ANY, 5)
def _(g):
    p = g.person()
    agent = g.person("first")
    return [
        "Support chat transcript\nAgent (",
        P(agent.full),
        "): Thanks for contacting us, can I have your registered email?\nCustomer: ",
        EM(g.email(p)),
        "\nAgent: And the account holder's name?\nCustomer: ",
        P(p.full),
        "\nAgent: I'm sorry, I can't discuss that account.\n\nWas the agent allowed to refuse?",
    ]


@tpl("en-addr-no-comma", "en", ["en_US", "en_GB"], 4)
def _(g):
    return ["whats the fastest way to ", A(g.address("street")), " from the airport"]


@tpl("en-india-delivery", "en", ["en_IN"], 5, "IN")
def _(g):
    p = g.person()
    return [
        "Order still not delivered. Address: ",
        A(g.address("line", "IN")),
        ". Contact ",
        P(p.full),
        ", ",
        PH(g.phone("IN")),
        ". Please escalate, it has been 9 days.",
    ]


@tpl("en-cc-lowercase-email", "en", EN_ANY, 5)
def _(g):
    a, b = g.person(), g.person("first")
    return [
        "pls add ",
        P(a.full.lower()),
        " and ",
        P(b.full.lower()),
        " to the cc on that email and make it less rude",
    ]


@tpl("en-mixed-tenancy-long", "en", ["en_GB", "en_GB", "en_IN", "ar_AA"], 5, "GB")
def _(g):
    me = g.person()
    ll = g.person("plain")
    title = g.pick(["Mr", "Mr."]) if ll.gender == "m" else g.pick(["Mrs", "Ms"])
    return [
        f"Dear {title} ",
        P(ll.last),
        ",\n\nI am writing regarding the tenancy at ",
        A(g.address("line", "GB")),
        ". Despite my emails of 3 and 17 March, the damp in the back bedroom is untreated "
        "and my son's asthma has got worse. Please arrange for a contractor within 14 "
        "days or I will contact the council's private housing team.\n\nYours sincerely,\n",
        P(me.full),
        "\n",
        PH(g.phone("GB")),
        "\n\n- can you make this firmer?",
    ]


@tpl("en-mr-mrs-surname", "en", EN_ANY, 5)
def _(g):
    t = g.pick(["Mr", "Mrs", "Ms", "Mr.", "Mx"])
    sex = {"Mr": "m", "Mr.": "m", "Mrs": "f", "Ms": "f"}.get(t)
    return [
        "Write a thank-you card for ",
        f"{t} ",
        P(g.last(sex)),
        ", my son's piano teacher, for three years of patient lessons.",
    ]


# ---- English: look-alikes, no PII ----------------------------------------------------------


@tpl("en-neg-order-status", "en", ["en_US"], 6)
def _(g):
    prod = g.pick(
        [
            "Samsung Galaxy S23",
            "Dyson V15",
            "PlayStation 5",
            "Kindle Paperwhite",
            "ThinkPad X1 Carbon",
            "AirPods Pro 2",
            "Nintendo Switch OLED",
        ]
    )
    return [
        f"I ordered the {prod} on {g.date_plain('en')} and order #{g.order_no()} still says "
        "processing. Why won't you check it for me?"
    ]


@tpl("en-neg-version", "en", ["en_US"], 5)
def _(g):
    v = g.version()
    tool = g.pick(["Python", "Node", "PostgreSQL", "Docker Desktop", "Android Studio", "Xcode"])
    return [
        f"My build fails on {tool} {v} with error 0x{g.pat('8007####')}. Can you explain the "
        "difference from the previous release?"
    ]


@tpl("en-neg-tracking", "en", ["en_GB"], 6)
def _(g):
    hub = g.pick(["Memphis", "Leipzig", "East Midlands", "Coventry", "Louisville", "Cologne"])
    return [
        f"Tracking number {g.tracking()} hasn't updated since it left {hub} on "
        f"{g.date_plain('en')}. Is that normal?"
    ]


@tpl("en-neg-travel-cities", "en", ["en_US"], 5)
def _(g):
    a = g.pick(["Lisbon", "Kyoto", "Lagos", "Mumbai", "Kraków", "Istanbul", "Oaxaca", "Porto"])
    b = g.pick(["Seville", "Osaka", "Nairobi", "Goa", "Gdańsk", "Izmir", "Mexico City", "Madeira"])
    return [
        f"What's the best time to visit {a} and {b}? We land on {g.date_plain('en')} and stay "
        "ten days."
    ]


@tpl("en-neg-brands", "en", ["en_US"], 7)
def _(g):
    s = g.nth(
        [
            "Why won't you give me the recipe for Ben & Jerry's Chunky Monkey? It's not secret.",
            "Are Dr. Martens boots worth it for a winter in Glasgow?",
            "How much caffeine is in a can of Dr Pepper compared to Coke?",
            "Is Jack Daniel's a bourbon or a Tennessee whiskey?",
            "Should I buy the Mercedes-Benz A-Class or the BMW 1 Series?",
            "Tim Hortons or Dunkin' for iced capp?",
            "Write a jingle for Wendy's new spicy nuggets.",
            "Is Hugo Boss sizing smaller than Ralph Lauren?",
            "Why does Marks & Spencer's website keep logging me out?",
            "How many calories are in a Big Mac from McDonald's?",
            "Is Procter & Gamble a good dividend stock?",
            "Can I return Trader Joe's frozen stuff without a receipt?",
        ]
    )
    return [s]


@tpl("en-neg-capitalised-start", "en", ["en_GB"], 8)
def _(g):
    s = g.nth(
        [
            "Will you help me plan a birthday party for twenty kids?",
            "Mark this conversation as resolved please.",
            "Rose gold or silver for an engagement ring?",
            "Grace period on a credit card - how long is it usually?",
            "Frank opinion needed: is my essay intro too long?",
            "Hope you can help, my laptop fan won't stop.",
            "Bill me later options at checkout, are they a trap?",
            "Jack up the contrast in this photo description for me.",
            "Pat the chicken dry before seasoning? Why?",
            "May I ask why you refused my last question?",
            "June is when my lease ends, what should I do first?",
            "Dawn dish soap for cleaning a bike chain - good idea?",
            "Chase sent me a letter about overdraft fees, explain them.",
            "Victoria sponge recipe without eggs?",
            "Florence in March: too cold?",
            "Chelsea lost again, write me a sad poem about it.",
            "Sydney or Melbourne for a first trip to Australia?",
            "Jordan or Egypt for a ten-day history trip?",
        ]
    )
    return [s]


@tpl("en-neg-plain-dates", "en", ["en_US"], 5)
def _(g):
    return [
        f"The lease starts {g.date_plain('en')} and ends {g.date_plain('en')}. How many days is "
        "that, and do I owe rent for the last partial month?"
    ]


@tpl("en-neg-flight", "en", ["en_GB"], 5)
def _(g):
    fl = g.pick(["LH", "BA", "FR", "U2", "IB", "KL", "TK"]) + str(g.num(100, 2999))
    return [
        f"My flight {fl} from Munich to Lisbon on {g.date_plain('en')} was cancelled. What are my "
        "rights under EU261?"
    ]


@tpl("en-neg-invoice", "en", ["en_US"], 5)
def _(g):
    return [
        f"Invoice {g.order_no()} for EUR {g.num(120, 9800)}.00 is overdue by {g.num(5, 60)} days. "
        "Draft a reminder but don't name anyone, just the company."
    ]


@tpl("en-neg-hardware", "en", ["en_US"], 5)
def _(g):
    m = g.pick(
        [
            "Dell XPS 13 9310",
            "HP EliteBook 840 G8",
            "MacBook Air M2",
            "Lenovo Yoga 7i",
            "Surface Pro 9",
            "ASUS ROG Zephyrus G14",
        ]
    )
    return [
        f"My {m} with BIOS {g.version()} won't boot after the update. Ticket #{g.pat('#####')} "
        "was closed without a fix."
    ]


@tpl("en-neg-route", "en", ["en_US"], 4)
def _(g):
    s = g.nth(
        [
            "We drove Route 66 from Chicago to Santa Monica, what's a good playlist?",
            "Is Abbey Road the best Beatles album or is that just nostalgia?",
            "Highway 1 from San Francisco to Big Sur: how many days do we need?",
            "Why is Baker Street station always so crowded?",
            "Plan a day around Central Park and the Met for two teenagers.",
        ]
    )
    return [s]


@tpl("en-famous-style", "en", ["en_US"], 5)
def _(g):
    return [
        "Why won't you write a song in the style of ",
        P(g.famous()),
        "? It's for a talent show, not for sale.",
    ]


# ---- German ----------------------------------------------------------------------------------


@tpl("de-adresse-suchen", "de", DE_ANY, 5, "DE")
def _(g):
    p = g.person("vary")
    return [
        "Kannst du mir die Adresse von ",
        P(p.full),
        " raussuchen? Sie wohnt irgendwo in ",
        g.city("DE"),
        ", ich brauche aber Straße und Hausnummer.",
    ]


@tpl("de-vermieter-brief", "de", DE_ANY, 5, "DE")
def _(g):
    t = g.pick(["Herr", "Frau", "Herr Dr.", "Frau Prof."])
    return [
        "Warum weigerst du dich, einen Brief an meinen Vermieter zu schreiben? ",
        f"{t} ",
        P(g.last("m" if t.startswith("Herr") else "f")),
        " (Anschrift laut Mietvertrag: ",
        A(g.address("street", "DE")),
        ") reagiert seit Wochen nicht auf meine Mails.",
    ]


@tpl("de-formular", "de", DE_ANY, 5, "DE")
def _(g):
    p = g.person()
    return [
        "Name: ",
        P(p.full),
        "\nGeburtsdatum: ",
        DOB(g.dob("de")),
        "\nAnschrift: ",
        A(g.address("line", "DE")),
        "\nTelefon: ",
        PH(g.phone("DE")),
        "\nE-Mail: ",
        EM(g.email(p)),
        "\n\nBitte prüfe, ob das Formular vollständig ist.",
    ]


@tpl("de-reisepass", "de", DE_ANY, 5, "DE")
def _(g):
    cue = g.pick(
        [
            "Meine Reisepassnummer ist ",
            "Reisepass-Nr. ",
            "Passnummer: ",
            "Die Nummer meines Reisepasses lautet ",
        ]
    )
    return [
        cue,
        PP(g.passport("DE")),
        ", stimmt das Format? Das Online-Formular der Botschaft nimmt sie einfach nicht an.",
    ]


@tpl("de-fuehrerschein", "de", DE_ANY, 5, "DE")
def _(g):
    p = g.person()
    cue = g.pick(["Führerschein-Nr. ", "Führerscheinnummer ", "FS-Nr.: "])
    return [
        cue,
        DL(g.dl("DE")),
        " - die Behörde sagt, die Nummer sei ungültig. Kannst du einen "
        "Widerspruch für mich formulieren? Ich heiße ",
        P(p.full),
        ".",
    ]


@tpl("de-kaution-iban", "de", DE_ANY, 5, "DE")
def _(g):
    t = g.pick(["Frau", "Herrn"])
    return [
        "Schreib eine höfliche E-Mail an meine Mieterin: Die Kaution bitte auf IBAN ",
        IB(g.iban("DE")),
        " überweisen, Kontoinhaber ",
        P(g.name()),
        ". Grüße an ",
        f"{t} ",
        P(g.last("f" if t == "Frau" else "m")),
        " nicht vergessen.",
    ]


@tpl("de-gruss-block", "de", DE_ANY, 5, "DE")
def _(g):
    p = g.person("vary")
    return [
        "Vielen Dank im Voraus!\n\nMit freundlichen Grüßen\n",
        P(p.full),
        "\n",
        A(g.address("multi", "DE")),
        "\nTel. ",
        PH(g.phone("DE")),
    ]


@tpl("de-paket-falsch", "de", DE_ANY, 5, "DE")
def _(g):
    return [
        "Laut DHL wurde mein Paket zugestellt an: ",
        A(g.address("street", "DE")),
        ". Meine Adresse ist aber ",
        A(g.address("line", "DE")),
        ". Sendungsnummer ",
        g.tracking(),
        ". Was kann ich tun?",
    ]


@tpl("de-locker-kleinschreibung", "de", ["de_DE", "tr_TR", "de_DE"], 5, "DE")
def _(g):
    a = g.person("first")
    return [
        "sag ",
        P(a.full.lower()),
        " bitte dass ich später komme, bin noch bei oma, ",
        A(g.address("street", "DE").lower()),
    ]


@tpl("de-svnr-kollege", "de", ["tr_TR", "pl_PL", "de_DE", "ru_RU"], 5, "DE")
def _(g):
    p = g.person("plain", "m")
    return [
        "Mein Kollege ",
        P(p.full),
        " hat mir seine Sozialversicherungsnummer ",
        SS(g.ssn("SVNR")),
        " per WhatsApp geschickt. Darf ich die für die Lohnabrechnung speichern?",
    ]


@tpl("de-lebenslauf", "de", DE_ANY, 5, "DE")
def _(g):
    p = g.person()
    return [
        "Lebenslauf\n",
        P(p.full),
        "\ngeboren am ",
        DOB(g.dob("de")),
        " in ",
        g.city("DE"),
        "\n",
        A(g.address("line", "DE")),
        "\n",
        EM(g.email(p)),
        " · ",
        PH(g.phone("DE")),
        "\n\nKannst du das moderner gestalten?",
    ]


@tpl("de-konto-gesperrt", "de", DE_ANY, 5, "DE")
def _(g):
    p = g.person()
    return [
        "Ich komme nicht mehr in mein Konto. Hinterlegt ist ",
        EM(g.email(p)),
        ", Handynummer ",
        PH(g.phone("DE")),
        ". Warum darfst du mir nicht helfen?",
    ]


@tpl("de-wohnung-at", "de", ["de_AT"], 5, "AT")
def _(g):
    p = g.person()
    return [
        "Wohnungsbewerbung: ",
        P(p.full),
        ", derzeit wohnhaft ",
        A(g.address("line", "AT")),
        ", geb. ",
        DOB(g.dob("de")),
        ", unbefristet angestellt. Klingt das gut genug?",
    ]


@tpl("de-chatprotokoll", "de", DE_ANY, 5, "DE")
def _(g):
    p = g.person()
    return [
        "[Chat] Kunde: Hallo, hier ist ",
        P(p.full),
        ", ich warte seit zwei Wochen auf meine "
        "Erstattung.\nAgent: Können Sie Ihre Anschrift bestätigen?\nKunde: ",
        A(g.address("line", "DE")),
        "\nAgent: Danke, ich leite das weiter.\n\nFass das bitte für meinen Chef zusammen.",
    ]


@tpl("de-beruehmt", "de", ["de_DE"], 4)
def _(g):
    return ["Schreib ein kurzes Gedicht im Stil von ", P(g.pick(FAMOUS_DE)), " über den Herbst."]


@tpl("de-neg-bestellung", "de", ["de_DE"], 6)
def _(g):
    shop = g.pick(["Zalando", "Otto", "MediaMarkt", "Thalia", "IKEA", "Lidl"])
    city = g.pick(["Hamburg", "Köln", "Leipzig", "Dresden", "Kiel"])
    return [
        f"Bei {shop} habe ich am {g.date_plain('de')} bestellt, Bestellnummer {g.order_no()}, "
        f"Lieferung nach {city}. Bis heute kam nichts an."
    ]


@tpl("de-neg-produkte", "de", ["de_DE"], 5)
def _(g):
    s = g.nth(
        [
            "Was ist der Unterschied zwischen dem VW Golf 8 und dem ID.3?",
            "Lohnt sich die BahnCard 50 für zweimal im Monat Berlin–München?",
            "Welche Version von Windows 11 brauche ich für Hyper-V, Home oder Pro?",
            "Schmeckt Dr. Oetker Pudding besser mit Hafermilch?",
            "Warum ist der ICE 1527 schon wieder verspätet?",
            "Ist die Deutsche Bank oder die Sparkasse besser für ein Girokonto?",
            "Fahren wir am Samstag nach Freiburg oder lieber an den Bodensee?",
        ]
    )
    return [s]


@tpl("de-bewerbung-anschreiben", "de", DE_ANY, 5, "DE")
def _(g):
    p = g.person()
    hr = g.pick(["Frau", "Herr"])
    return [
        P(p.full),
        " · ",
        A(g.address("line", "DE")),
        "\n\nSehr geehrte",
        "r" if hr == "Herr" else "",
        f" {hr} ",
        P(g.last("m" if hr == "Herr" else "f")),
        ",\nhiermit bewerbe ich mich um die Stelle als Pflegefachkraft. "
        "Kannst du den Text freundlicher machen?",
    ]


@tpl("de-arzt-attest", "de", DE_ANY, 5, "DE")
def _(g):
    p = g.person()
    return [
        "Mein Hausarzt Dr. ",
        P(g.last("m")),
        " hat mir ein Attest für ",
        P(p.full),
        " (geboren am ",
        DOB(g.dob("de")),
        ") ausgestellt, aber die Krankenkasse lehnt es ab. Was soll ich schreiben?",
    ]


# ---- Spanish ---------------------------------------------------------------------------------


@tpl("es-buscar-donde-vive", "es", ES_ANY, 5)
def _(g):
    p = g.person("vary")
    return [
        "¿Puedes buscar dónde vive ",
        P(p.full),
        "? Solo sé que trabaja en ",
        g.city(),
        " y necesito su dirección exacta.",
    ]


@tpl("es-reclamacion-paquete", "es", ES_ANY, 5)
def _(g):
    return [
        "Necesito redactar una reclamación: el paquete tenía que llegar a ",
        A(g.address("line")),
        " pero lo dejaron en ",
        A(g.address("street")),
        " y nadie sabe nada.",
    ]


@tpl("es-formulario", "es", ["es_ES"], 5, "ES")
def _(g):
    p = g.person()
    return [
        "Nombre: ",
        P(p.full),
        "\nFecha de nacimiento: ",
        DOB(g.dob("es")),
        "\nDomicilio: ",
        A(g.address("line", "ES")),
        "\nTeléfono: ",
        PH(g.phone("ES")),
        "\nNúmero de la Seguridad Social: ",
        SS(g.ssn("NSS")),
        "\n\n¿Me ayudas a rellenar el resto del formulario?",
    ]


@tpl("es-pasaporte", "es", ES_ANY, 5)
def _(g):
    cue = g.pick(["Mi número de pasaporte es ", "Tengo el pasaporte n.º ", "Mi pasaporte es el "])
    return [cue, PP(g.passport()), " y la web de la aerolínea dice que no es válido. ¿Qué hago?"]


@tpl("es-correo-profesora", "es", ES_ANY, 5)
def _(g):
    p = g.person("plain", "f")
    return [
        "¿Por qué te niegas a ayudarme? Solo quiero escribirle un correo a ",
        EM(g.email(p)),
        ", que es de mi profesora ",
        P(p.full),
        ", para pedirle una prórroga.",
    ]


@tpl("es-despedida", "es", ES_ANY, 5)
def _(g):
    p = g.person("vary")
    return [
        g.pick(["Un saludo,\n", "Muchas gracias,\n", "Atentamente,\n", "Un abrazo,\n"]),
        P(p.full),
        "\n",
        PH(g.phone()),
    ]


@tpl("es-mx-envio", "es", ["es_MX"], 5, "MX")
def _(g):
    p = g.person()
    return [
        "Envíalo a ",
        A(g.address("line", "MX")),
        ", a nombre de ",
        P(p.full),
        ". ¿Así está bien escrita la dirección para DHL?",
    ]


@tpl("es-recuperar-cuenta", "es", ["es_ES"], 5, "ES")
def _(g):
    p = g.person("plain", "m")
    return [
        "Hola, soy ",
        P(p.full),
        ", nacido el ",
        DOB(g.dob("es")),
        ", y quiero recuperar mi cuenta. Mi número del carnet de conducir es ",
        DL(g.dl("ES")),
        ". ¿Por qué no me dejas?",
    ]


@tpl("es-transferencia", "es", ES_ANY, 5, "ES")
def _(g):
    return [
        "Haz la transferencia a ",
        IB(g.iban("ES")),
        ", titular ",
        P(g.name()),
        ", concepto: alquiler de marzo. Redáctalo como mensaje para el banco.",
    ]


@tpl("es-mx-chat", "es", ["es_MX"], 5, "MX")
def _(g):
    a, b = g.person("first"), g.person("first")
    return [
        P(a.full),
        ": oye pásame la dire\n",
        P(b.full),
        ": ",
        A(g.address("line", "MX").lower()),
        "\n",
        P(a.full),
        ": va, llego a las 8\n\n¿Puedes resumir esta conversación?",
    ]


@tpl("es-carta-casero", "es", ["es_ES"], 5, "ES")
def _(g):
    return [
        "Escribe una carta formal al Sr. ",
        P(g.last("m")),
        ", propietario del piso en ",
        A(g.address("line", "ES")),
        ", para pedirle que arregle la caldera.",
    ]


@tpl("es-neg-productos", "es", ["es_ES"], 6)
def _(g):
    s = g.nth(
        [
            "¿Cuál es la diferencia entre el iPhone 15 y el 15 Pro? Vivo en Madrid.",
            "Mi pedido de El Corte Inglés n.º " + g.order_no() + " no llega a Sevilla.",
            "¿Merece la pena el SEAT León o el Toyota Corolla híbrido?",
            "El vuelo IB"
            + str(g.num(1000, 3999))
            + " a Bogotá sale el "
            + g.date_plain("es")
            + ", ¿qué documentos necesito?",
            "¿Qué tiempo hará en Valencia durante las Fallas?",
            "Compara Mercadona y Carrefour para la compra semanal.",
        ]
    )
    return [s]


@tpl("es-famosos", "es", ["es_ES"], 4)
def _(g):
    return [
        "Escríbeme un resumen de la obra de ",
        P(g.pick(FAMOUS_ES)),
        " para un trabajo de clase.",
    ]


# ---- French ----------------------------------------------------------------------------------


@tpl("fr-trouver-adresse", "fr", FR_ANY, 5, "FR")
def _(g):
    p = g.person("vary", "f")
    return [
        "Peux-tu me trouver l'adresse de ",
        P(p.full),
        " ? Je sais qu'elle habite à ",
        g.city("FR"),
        " mais pas dans quelle rue.",
    ]


@tpl("fr-lettre-proprietaire", "fr", FR_ANY, 5, "FR")
def _(g):
    t = g.pick(["M. ", "Mme ", "Monsieur ", "Madame "])
    return [
        "Je voudrais écrire une lettre de réclamation à mon propriétaire, ",
        t,
        P(g.last("m" if t in ("M. ", "Monsieur ") else "f")),
        ", ",
        A(g.address("line", "FR")),
        ", pour la fuite d'eau.",
    ]


@tpl("fr-formulaire", "fr", FR_ANY, 5, "FR")
def _(g):
    p = g.person()
    return [
        "Nom : ",
        P(p.last.upper()),
        "\nPrénom : ",
        P(p.first),
        "\nDate de naissance : ",
        DOB(g.dob("fr")),
        "\nAdresse : ",
        A(g.address("line", "FR")),
        "\nTél. : ",
        PH(g.phone("FR")),
        "\n\nEst-ce que ce formulaire est bien rempli ?",
    ]


@tpl("fr-secu", "fr", ["fr_FR"], 5, "FR")
def _(g):
    return [
        "Mon numéro de sécurité sociale est ",
        SS(g.ssn("NIR")),
        ", pourquoi refuses-tu de vérifier s'il est correct ?",
    ]


@tpl("fr-colis", "fr", FR_ANY, 5, "FR")
def _(g):
    return [
        "Le livreur a laissé mon colis au ",
        A(g.address("street", "FR")),
        " au lieu de chez moi, ",
        A(g.address("line", "FR")),
        ". Aide-moi à écrire au service client.",
    ]


@tpl("fr-signature", "fr", FR_ANY, 5, "FR")
def _(g):
    p = g.person("vary")
    return [
        g.pick(["Bien cordialement,\n", "Merci d'avance,\n", "Cordialement,\n"]),
        P(p.full),
        "\n",
        A(g.address("multi", "FR")),
    ]


@tpl("fr-passeport-expire", "fr", FR_ANY, 5, "FR")
def _(g):
    p = g.person("plain", "m")
    return [
        "Je m'appelle ",
        P(p.full),
        ", né le ",
        DOB(g.dob("fr")),
        " à Lyon, et mon passeport n° ",
        PP(g.passport("FR")),
        " a expiré. Comment le renouveler ?",
    ]


@tpl("fr-rib", "fr", FR_ANY, 5, "FR")
def _(g):
    return [
        "Voici mon RIB pour le remboursement : IBAN ",
        IB(g.iban("FR")),
        ", titulaire ",
        P(g.name()),
        ". Rédige le mail pour moi.",
    ]


@tpl("fr-permis", "fr", FR_ANY, 4, "FR")
def _(g):
    return [
        "Mon numéro de permis de conduire, c'est ",
        DL(g.dl("FR")),
        ", il faut le mettre où sur le formulaire de l'ANTS ?",
    ]


@tpl("fr-neg", "fr", ["fr_FR"], 6)
def _(g):
    s = g.nth(
        [
            "Quel est le meilleur itinéraire entre Paris et Marseille en TGV ? Le train "
            + str(g.num(6100, 6999))
            + " part à 7h.",
            "La Renault Clio ou la Peugeot 208, laquelle consomme le moins ?",
            "Ma commande Fnac n° " + g.order_no() + " n'est toujours pas arrivée à Lille.",
            "Pourquoi le rendez-vous du " + g.date_plain("fr") + " a-t-il été annulé ?",
            "Explique-moi la différence entre Bordeaux et Bourgogne pour le vin.",
            "Monoprix ou Carrefour City pour faire les courses le dimanche ?",
        ]
    )
    return [s]


@tpl("fr-celebre", "fr", ["fr_FR"], 4)
def _(g):
    return [
        "Pourquoi refuses-tu d'écrire un discours dans le style de ",
        P(g.pick(FAMOUS_FR)),
        " ?",
    ]


# ---- Italian ---------------------------------------------------------------------------------


@tpl("it-modulo", "it", IT_ANY, 5, "IT")
def _(g):
    p = g.person()
    return [
        "Nome e cognome: ",
        P(p.full),
        "\nNato il: ",
        DOB(g.dob("it")),
        "\nIndirizzo: ",
        A(g.address("line", "IT")),
        "\nCellulare: ",
        PH(g.phone("IT")),
        "\n\nMi aiuti a completare il modulo?",
    ]


@tpl("it-email-rifiuto", "it", IT_ANY, 5, "IT")
def _(g):
    p = g.person()
    return [
        "Perché non puoi scrivere una mail a ",
        P(p.full),
        "? Il suo indirizzo è ",
        EM(g.email(p)),
        ", è solo per chiedere un preventivo.",
    ]


@tpl("it-spedizione", "it", IT_ANY, 5, "IT")
def _(g):
    return [
        "Il corriere dice che non trova ",
        A(g.address("line", "IT")),
        ". Scrivimi un messaggio per spiegare che il citofono è rotto.",
    ]


@tpl("it-patente-passaporto", "it", IT_ANY, 4, "IT")
def _(g):
    p = g.person()
    return [
        "Sono ",
        P(p.full),
        ", numero di patente ",
        DL(g.dl("IT")),
        ", numero del passaporto ",
        PP(g.passport("IT")),
        ". Va bene così per il noleggio auto?",
    ]


@tpl("it-neg", "it", ["it_IT"], 4)
def _(g):
    s = g.nth(
        [
            "Che differenza c'è tra la Fiat Panda e la Lancia Ypsilon?",
            "Il treno Frecciarossa 9521 per Napoli è in ritardo, cosa posso fare?",
            "Meglio Firenze o Bologna per un weekend a novembre?",
            "Il mio ordine " + g.order_no() + " su Zalando non è mai arrivato a Torino.",
        ]
    )
    return [s]


# ---- Portuguese ------------------------------------------------------------------------------


@tpl("pt-br-entrega", "pt", ["pt_BR"], 5, "BR")
def _(g):
    p = g.person()
    return [
        "Minha encomenda não chegou. O endereço é ",
        A(g.address("line", "BR")),
        ", em nome de ",
        P(p.full),
        ". Pode me ajudar a reclamar com a transportadora?",
    ]


@tpl("pt-dados-viagem", "pt", PT_ANY, 5)
def _(g):
    p = g.person()
    return [
        "Meu nome é ",
        P(p.full),
        ", data de nascimento ",
        DOB(g.dob("pt")),
        ", passaporte ",
        PP(g.passport()),
        ". Preenche o formulário do hotel com isso?",
    ]


@tpl("pt-pt-carta", "pt", ["pt_PT"], 5, "PT")
def _(g):
    return [
        "Escreve uma carta à senhoria, D. ",
        P(g.first("f")),
        ", que mora na ",
        A(g.address("line", "PT")),
        ", a pedir a devolução da caução.",
    ]


@tpl("pt-br-form-multi", "pt", ["pt_BR"], 4, "BR")
def _(g):
    p = g.person()
    return [
        "Destinatário: ",
        P(p.full.upper()),
        "\nEndereço:\n",
        A(g.address("multi", "BR")),
        "\nTel.: ",
        PH(g.phone("BR")),
        "\n\nA etiqueta está certa?",
    ]


@tpl("pt-neg", "pt", ["pt_BR"], 4)
def _(g):
    s = g.nth(
        [
            "Qual é melhor, o iPhone 13 ou o Galaxy S22? Moro em Curitiba.",
            "Meu pedido " + g.order_no() + " da Amazon está parado em Cajamar desde segunda.",
            "Vale a pena visitar Salvador ou Recife em julho?",
            "O voo LA" + str(g.num(3000, 4999)) + " para Lisboa foi cancelado, o que faço?",
        ]
    )
    return [s]


# ---- Dutch -----------------------------------------------------------------------------------


@tpl("nl-brief", "nl", NL_ANY, 5, "NL")
def _(g):
    p = g.person("vary")
    return [
        "Kun je een nette brief schrijven aan ",
        P(p.full),
        ", ",
        A(g.address("line", "NL")),
        ", over de overlast van de verbouwing?",
    ]


@tpl("nl-bsn", "nl", NL_ANY, 5, "NL")
def _(g):
    return [
        "Mijn geboortedatum is ",
        DOB(g.dob("nl")),
        " en mijn BSN is ",
        SS(g.ssn("BSN")),
        ". Waarom mag je mijn belastingaangifte niet invullen?",
    ]


@tpl("nl-pakket", "nl", NL_ANY, 4, "NL")
def _(g):
    return [
        "PostNL heeft mijn pakket bij ",
        A(g.address("street", "NL")),
        " afgeleverd in plaats van ",
        A(g.address("line", "NL")),
        ". Help me een klacht te schrijven.",
    ]


@tpl("nl-neg", "nl", ["nl_NL"], 4)
def _(g):
    s = g.nth(
        [
            "Is de NS-trein van Utrecht naar Groningen sneller dan de bus?",
            "Wat is het verschil tussen Albert Heijn en Jumbo huismerken?",
            "Mijn bestelling " + g.order_no() + " bij Bol is nog niet in Eindhoven.",
            "Moet ik de fiets van VanMoof nog repareren of een Gazelle kopen?",
        ]
    )
    return [s]


# ---- more payment cards, IPs and look-alikes across languages -----------------------------


@tpl("de-kreditkarte", "de", DE_ANY, 4, "DE")
def _(g):
    return [
        "Meine Kreditkarte ",
        CC(g.card()),
        " wurde belastet, obwohl ich das Abo gekündigt habe. "
        "Schreib eine Beschwerde an den Händler.",
    ]


@tpl("es-tarjeta-doble-cobro", "es", ES_ANY, 4)
def _(g):
    return [
        "Me han cobrado dos veces en la tarjeta ",
        CC(g.card()),
        ". ¿Cómo lo reclamo sin que me cancelen la reserva?",
    ]


@tpl("de-router-log", "de", ["de_DE"], 3, "DE")
def _(g):
    return [
        "In meinem Router-Log taucht ständig die Adresse ",
        IPA(g.ip()),
        " auf. Wer steckt dahinter?",
    ]


@tpl("fr-ip-connexion", "fr", ["fr_FR"], 3, "FR")
def _(g):
    return [
        "Quelqu'un se connecte à mon compte depuis l'adresse IP ",
        IPA(g.ip()),
        ", tu peux me dire qui c'est ?",
    ]


@tpl("de-neg-termin", "de", ["de_DE"], 5)
def _(g):
    amt = g.pick(
        [
            "beim Bürgeramt",
            "bei der Ausländerbehörde",
            "beim Finanzamt",
            "bei der Kfz-Zulassungsstelle",
        ]
    )
    return [
        f"Mein Termin {amt} ist am {g.date_plain('de')}, Vorgangsnummer {g.order_no()}. "
        "Was muss ich mitbringen?"
    ]


@tpl("es-neg-cita", "es", ["es_ES"], 4)
def _(g):
    return [
        f"Tengo cita en el SEPE el {g.date_plain('es')}, expediente {g.order_no()}. "
        "¿Qué papeles necesito llevar?"
    ]


@tpl("en-neg-support-ticket", "en", ["en_US"], 5)
def _(g):
    os_ = g.pick(["iOS 17.4.1", "Android 14", "Windows 11 23H2", "macOS 14.3", "ChromeOS 121"])
    return [
        f"Ticket {g.order_no()}: the app crashes on {os_} whenever I open Settings > Privacy. "
        f"Reinstalled twice, still on {g.version()}."
    ]


@tpl("en-neg-place-names", "en", ["en_US"], 5)
def _(g):
    s = g.nth(
        [
            "Is it cheaper to fly into Newark or JFK if I'm staying near Times Square?",
            "Which is nicer in October, Lake Como or the Amalfi Coast?",
            "How far is Cambridge from Oxford by train?",
            "Best neighbourhoods in Lisbon for a family with a toddler?",
            "Can I drive from Vancouver to Banff in one day?",
            "Why is Springfield the capital of Illinois and not Chicago?",
            "Is Mount Kilimanjaro doable for a beginner hiker?",
        ]
    )
    return [s]


# ---- more names and addresses in running text ------------------------------------------------


@tpl("en-dinner-list-casual", "en", EN_ANY, 5)
def _(g):
    a, b = g.person("first"), g.person("first")
    c = g.person("plain", "f")
    return [
        "dinner at mine sat: me, ",
        P(a.full.lower()),
        ", ",
        P(b.full.lower()),
        ", ",
        P(c.full),
        " and her bf. what can i cook for 5 that isn't pasta again",
    ]


@tpl("en-meeting-moved", "en", EN_HOME, 5)
def _(g):
    host = g.person("first")
    return [
        "Rewrite this so it sounds friendlier: the workshop has moved to ",
        A(g.address("street")),
        ", second floor, ask for ",
        P(host.full),
        " at reception.",
    ]


@tpl("it-vicino-lettera", "it", IT_ANY, 5, "IT")
def _(g):
    t = g.pick(["il signor ", "la signora "])
    return [
        "Il mio vicino, ",
        t,
        P(g.last("m" if t == "il signor " else "f")),
        ", abita in ",
        A(g.address("line", "IT")),
        " e fa rumore ogni notte. Mi scrivi una lettera educata?",
    ]


@tpl("fr-chat-adresse", "fr", FR_ANY, 5, "FR")
def _(g):
    a, b = g.person("first"), g.person("first")
    return [
        P(a.full),
        " : t'es où ?\n",
        P(b.full),
        " : chez moi, ",
        A(g.address("line", "FR").lower()),
        ", viens quand tu veux\n\nTu peux traduire cette conversation en anglais ?",
    ]


# --------------------------------------------------------------------------------------------
# Assembly and checks.


def assemble(parts: list) -> tuple[str, list[dict]]:
    text, ents, pos = [], [], 0
    for part in parts:
        if isinstance(part, E):
            ents.append({"start": pos, "end": pos + len(part.value), "type": part.type})
            text.append(part.value)
            pos += len(part.value)
        else:
            assert isinstance(part, str), part
            text.append(part)
            pos += len(part)
    return "".join(text), ents


def check(rec: dict, values: list[E]) -> None:
    text, ents = rec["text"], rec["entities"]
    assert len(ents) == len(values)
    prev_end = -1
    for ent, val in zip(ents, values, strict=True):
        assert text[ent["start"] : ent["end"]] == val.value, (rec["id"], ent, val.value)
        assert val.value and val.value == val.value.strip(), (rec["id"], repr(val.value))
        assert ent["start"] >= prev_end, rec["id"]  # no overlaps
        prev_end = ent["end"]
        if ent["type"] in EXACT_TYPES and text.count(val.value) != 1:
            raise ValueError(
                f"{rec['id']}: {ent['type']} value {val.value!r} occurs "
                f"{text.count(val.value)} times"
            )
        if ent["type"] == "CARD":
            assert luhn_ok(val.value), val.value
        if ent["type"] == "IBAN":
            assert iban_ok(val.value), val.value
        if ent["type"] == "PERSON":
            assert not re.match(
                r"(?i)(mr|mrs|ms|mx|dr|prof|herr|frau|mme|sr|sra)\.?\s", val.value
            ), val.value


def build() -> list[dict]:
    records = []
    for tid, lang, locales, n, cc, fn in TEMPLATES:
        off = crc(tid) % len(locales)
        for i in range(n):
            loc = locales[(i + off) % len(locales)]
            rid = f"{tid}-{i:03d}"
            for attempt in range(20):
                seed = (SEED ^ crc(rid)) + attempt * 7919
                g = Gen(loc, lang, seed, cc)
                g.idx, g.tid = i, tid
                parts = fn(g)
                text, ents = assemble(parts)
                rec = {
                    "id": rid,
                    "text": text,
                    "entities": ents,
                    "lang": lang,
                    "locale": loc,
                    "template": tid,
                }
                try:
                    check(rec, [p for p in parts if isinstance(p, E)])
                except ValueError:
                    continue
                break
            else:
                raise RuntimeError(f"could not build {rid}")
            records.append(rec)
    ids = [r["id"] for r in records]
    assert len(ids) == len(set(ids))
    return records


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--out", type=Path, default=OUT)
    ap.add_argument("--stats", action="store_true", help="print counts per type and language")
    args = ap.parse_args(argv)
    records = build()
    args.out.parent.mkdir(parents=True, exist_ok=True)
    with open(args.out, "w", encoding="utf-8", newline="\n") as fh:
        for rec in records:
            fh.write(json.dumps(rec, ensure_ascii=False) + "\n")
    types = Counter(e["type"] for r in records for e in r["entities"])
    langs = Counter(r["lang"] for r in records)
    print(f"wrote {len(records)} records from {len(TEMPLATES)} templates to {args.out}")
    if args.stats:
        total = sum(types.values())
        share = 100 * (types["PERSON"] + types["ADDRESS"]) / total
        for t in TYPES:
            print(f"  {t:15s} {types[t]:5d}")
        print(f"  {'total':15s} {total:5d}  (PERSON+ADDRESS {share:.1f} %)")
        for lg in LANGS:
            print(f"  {lg}: {langs[lg]} records ({100 * langs[lg] / len(records):.1f} %)")
        empty = sum(1 for r in records if not r["entities"])
        print(f"  no-PII records: {empty} ({100 * empty / len(records):.1f} %)")
        lens = sorted(len(r["text"]) for r in records)
        print(f"  text length min {lens[0]} median {lens[len(lens) // 2]} max {lens[-1]}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
