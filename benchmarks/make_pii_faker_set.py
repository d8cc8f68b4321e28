"""Generate an independent, Faker-based PII evaluation set for the refusal-log redactor.

The set is written from scratch: the sentence templates below model how people write to an AI
assistant's chat or support channel (requests, complaints, pasted forms, sign-offs), and every
value is drawn from Faker or from a small generator in this file (Luhn-valid cards, mod-97 IBANs,
valid-range SSNs, national phone, licence and passport formats).  Nothing here is derived from
the redactor's recognizers or from the project's other PII fixtures.

Output (JSON Lines, one record per line):

    {"id": ..., "text": ..., "entities": [{"start": s, "end": e, "type": T}, ...],
     "lang": "en|de|es|fr|it|pt|nl", "locale": "<Faker locale of the writer>",
     "template": "<template id>"}

Offsets are Python ``str`` indices, end exclusive.  The split into dev and test is by template
(each template is its own family unless it names one): all sentences of a family land in the
same half, so the test half measures generalisation to unseen phrasings.

Run ``python benchmarks/make_pii_faker_set.py`` to rewrite ``benchmarks/data/pii_faker_*.jsonl``
and ``benchmarks/data/PII_FAKER.md``; the output is byte-identical from run to run.
"""

from __future__ import annotations

import argparse
import datetime as dt
import ipaddress
import json
import random
import re
import unicodedata
import uuid
import zlib
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from faker import Faker

SEED = 20_240_611
TARGET_SENTENCES = 2000
REPO = Path(__file__).resolve().parents[1]
DEFAULT_OUT = REPO / "benchmarks" / "data"
DEV_NAME = "pii_faker_dev.jsonl"
TEST_NAME = "pii_faker_test.jsonl"
DOC_NAME = "PII_FAKER.md"

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
# Types whose value must be absent verbatim; these also get the digits-only check.
EXACT_TYPES = frozenset(TYPES) - {"PERSON", "ADDRESS"}
DIGIT_TYPES = EXACT_TYPES - {"EMAIL"}
MIN_DIGITS_CHECK = 6

# --------------------------------------------------------------------------------------------
# Writers: template language -> weighted Faker locales of the person writing.

LANG_POOLS: dict[str, list[tuple[str, int]]] = {
    "en": [
        ("en_US", 30), ("en_GB", 14), ("en_IN", 9), ("en_IE", 4), ("en_CA", 5), ("en_AU", 5),
        ("de_DE", 3), ("nl_NL", 4), ("pl_PL", 4), ("tr_TR", 4), ("it_IT", 3), ("pt_BR", 4),
        ("es_MX", 3), ("fr_FR", 2), ("es_ES", 2),
    ],
    "de": [("de_DE", 70), ("de_AT", 15), ("de_CH", 15)],
    "es": [("es_ES", 45), ("es_MX", 30), ("es_AR", 10), ("es_CO", 10), ("es_CL", 5)],
    "fr": [("fr_FR", 65), ("fr_CA", 20), ("fr_CH", 15)],
    "it": [("it_IT", 1)],
    "pt": [("pt_BR", 60), ("pt_PT", 40)],
    "nl": [("nl_NL", 70), ("nl_BE", 30)],
}
US_ONLY = [("en_US", 1)]
GB_ONLY = [("en_GB", 1)]
IN_ONLY = [("en_IN", 1)]

COUNTRY = {
    "en_US": "US", "en_GB": "GB", "en_IN": "IN", "en_IE": "IE", "en_CA": "CA", "en_AU": "AU",
    "de_DE": "DE", "de_AT": "AT", "de_CH": "CH", "fr_CH": "CH", "es_ES": "ES", "es_MX": "MX",
    "es_AR": "AR", "es_CO": "CO", "es_CL": "CL", "fr_FR": "FR", "fr_CA": "CA", "it_IT": "IT",
    "pt_BR": "BR", "pt_PT": "PT", "nl_NL": "NL", "nl_BE": "BE", "pl_PL": "PL", "tr_TR": "TR",
}

# Faker locales used for names of people from elsewhere (diaspora, colleagues, family).
OTHER_NAME_LOCALES = [
    "yo_NG", "ig_NG", "ha_NG", "en_NG", "en_KE", "tw_GH", "zu_ZA", "en_PK", "sv_SE", "da_DK",
    "fi_FI", "no_NO", "ro_RO", "hu_HU", "cs_CZ", "hr_HR", "id_ID", "ga_IE", "lt_LT", "pl_PL",
    "tr_TR", "it_IT", "pt_BR", "es_MX", "de_DE", "fr_FR", "nl_NL", "en_IN", "vi_VN",
]
NATIVE_SCRIPT_LOCALES = ["zh_CN", "ko_KR", "ar_AA", "ru_RU"]

# Romanized and compound names of many cultures: (given names, family names, order).
CULTURES: dict[str, tuple[list[str], list[str], str]] = {
    "vietnamese": (
        ["Van An", "Thi Mai", "Hoang Nam", "Minh Chau", "Thi Lan", "Duc Anh", "Ngoc Hanh",
         "Van Hung", "Thanh Tuan", "Thi Phuong", "Quang Huy", "Thi Trang"],
        ["Nguyen", "Tran", "Le", "Pham", "Hoang", "Phan", "Vu", "Dang", "Bui", "Do", "Ngo"],
        "eastern",
    ),
    "chinese": (
        ["Wei", "Fang", "Na", "Min", "Jing", "Lei", "Yang", "Jun", "Tao", "Xiaoming", "Yuxuan",
         "Haoran", "Zihan", "Meiling", "Jiahui", "Xin"],
        ["Zhang", "Wang", "Li", "Liu", "Chen", "Yang", "Huang", "Zhao", "Wu", "Zhou", "Xu",
         "Sun", "Ma", "Zhu", "Hu", "Guo", "Lin", "He"],
        "either",
    ),
    "korean": (
        ["Min-jun", "Seo-yeon", "Ji-woo", "Ha-eun", "Do-yun", "Ji-ho", "Soo-ah", "Hyun-woo",
         "Ye-jin", "Jae-won"],
        ["Kim", "Lee", "Park", "Choi", "Jung", "Kang", "Cho", "Yoon", "Jang", "Lim", "Han"],
        "either",
    ),
    "japanese": (
        ["Haruto", "Yuki", "Sakura", "Kenji", "Aiko", "Ren", "Hina", "Takumi", "Yui", "Sota",
         "Mei", "Daiki"],
        ["Sato", "Suzuki", "Takahashi", "Tanaka", "Watanabe", "Ito", "Yamamoto", "Nakamura",
         "Kobayashi", "Kato", "Yoshida", "Yamada"],
        "either",
    ),
    "indian": (
        ["Siddharth", "Priya", "Aarav", "Ananya", "Venkatesh", "Lakshmi", "Rohan", "Kavya",
         "Arjun", "Deepika", "Harpreet", "Gurpreet", "Sanjay", "Meera", "Vikram", "Nandini",
         "Karthik", "Divya", "Rahul", "Aishwarya"],
        ["Iyer", "Sharma", "Patel", "Reddy", "Subramanian", "Nair", "Gupta", "Chatterjee",
         "Banerjee", "Singh", "Kaur Sandhu", "Menon", "Rao", "Krishnamurthy", "Desai",
         "Mukherjee", "Pillai", "Joshi", "Agarwal", "Venkataraman"],
        "western",
    ),
    "nigerian": (
        ["Oluwaseun", "Chiamaka", "Ngozi", "Abubakar", "Folake", "Chinedu", "Adaeze",
         "Babajide", "Temitope", "Emeka", "Yetunde", "Ifeoma", "Olumide", "Zainab", "Tunde"],
        ["Adeyemi", "Okafor", "Eze", "Sani", "Balogun", "Okonkwo", "Adebayo", "Nwosu",
         "Ogunleye", "Ibrahim", "Chukwu", "Afolabi", "Abdullahi", "Olawale", "Obi"],
        "western",
    ),
    "east_west_african": (
        ["Kwame", "Akosua", "Kofi", "Ama", "Wanjiru", "Otieno", "Tesfaye", "Selam", "Abebe",
         "Nia", "Jomo", "Amara"],
        ["Mensah", "Boateng", "Asante", "Owusu", "Kamau", "Odhiambo", "Bekele", "Tadesse",
         "Mwangi", "Wanjiku", "Achieng", "Haile"],
        "western",
    ),
    "arabic": (
        ["Mohammed", "Fatima", "Omar", "Layla", "Ahmed", "Yasmin", "Khaled", "Noor", "Hassan",
         "Mariam", "Youssef", "Amira", "Tariq", "Salma", "Karim", "Rania"],
        ["Al-Farsi", "Haddad", "Abdel-Rahman", "El-Sayed", "Al-Hashimi", "Khoury", "Nasser",
         "Mansour", "bin Saleh", "Al-Amin", "Hamdan", "Aziz", "El Amrani", "Benali"],
        "western",
    ),
    "persian": (
        ["Reza", "Maryam", "Ali", "Shirin", "Dariush", "Parisa", "Babak", "Niloufar"],
        ["Mohammadi", "Hosseini", "Rahimi", "Karimi", "Tehrani", "Ahmadi", "Jafari", "Moradi"],
        "western",
    ),
    "turkish": (
        ["Ayşe", "Mehmet", "Emre", "Zeynep", "Elif", "Burak", "Can", "Deniz", "Ömer", "Gülşen",
         "İbrahim", "Şule"],
        ["Yılmaz", "Öztürk", "Kaya", "Demir", "Şahin", "Çelik", "Aydın", "Arslan", "Doğan",
         "Koç", "Kılıç", "Erdem"],
        "western",
    ),
    "hispanic_compound": (
        ["María José", "Juan Carlos", "Ana Sofía", "José Luis", "María del Carmen",
         "Luis Miguel", "Francisco Javier", "María Fernanda", "Juan Pablo", "Ana Belén"],
        ["García-López", "Rodríguez de la Cruz", "Martínez Ruiz", "Fernández-Vega",
         "Sánchez del Río", "Pérez Gómez", "de la Fuente", "Hernández Ortega", "López de Haro",
         "Díaz-Cano"],
        "western",
    ),
    "dutch": (
        ["Pieter", "Sanne", "Joost", "Femke", "Maarten", "Lieke", "Bram", "Anouk", "Sven",
         "Marloes", "Daan", "Ilse"],
        ["van der Berg", "de Vries", "van den Heuvel", "van Dijk", "de Jong", "van der Meer",
         "Bakker", "Visser", "ter Horst", "van Leeuwen", "de Boer", "van 't Hof"],
        "western",
    ),
    "irish_scottish": (
        ["Siobhan", "Padraig", "Niamh", "Ciarán", "Aoife", "Seán", "Oisín", "Róisín", "Eoin",
         "Saoirse", "Declan", "Caoimhe"],
        ["O'Connor", "Ó Súilleabháin", "MacCarthy", "O'Brien", "McGuinness", "O'Neill",
         "MacLeod", "Mac Giolla Phádraig", "O'Sullivan", "Fitzgerald", "McNamara"],
        "western",
    ),
    "french_compound": (
        ["Jean-Luc", "Marie-Claire", "Anne-Sophie", "Jean-Baptiste", "Pierre-Louis",
         "Marie-Hélène", "Jean-François", "Louise-Anne"],
        ["Moreau", "Dubois", "Lefèvre", "de La Tour", "Saint-Clair", "Le Gall",
         "Dumont-Garnier", "Bourdais de Charbonnière"],
        "western",
    ),
    "german_compound": (
        ["Hans-Jürgen", "Karl-Heinz", "Anna-Lena", "Marie-Luise", "Klaus-Peter", "Lea-Sophie"],
        ["Müller-Lüdenscheidt", "Schröder", "von Hohenberg", "Meyer-Hansen", "Weiß",
         "zu Lynar"],
        "western",
    ),
    "portuguese_compound": (
        ["João Pedro", "Maria da Conceição", "Ana Luísa", "Luiz Fernando", "Maria Eduarda",
         "Carlos Eduardo"],
        ["dos Santos", "Ferreira da Silva", "de Oliveira", "Pereira Lima", "Gonçalves",
         "Albuquerque"],
        "western",
    ),
    "polish": (
        ["Małgorzata", "Grzegorz", "Agnieszka", "Krzysztof", "Wojciech", "Katarzyna",
         "Tomasz", "Przemysław"],
        ["Wiśniewska", "Brzęczyszczykiewicz", "Nowak", "Kowalczyk", "Wójcik", "Szczepański",
         "Zieliński", "Lewandowska"],
        "western",
    ),
    "balkan_greek": (
        ["Dragana", "Miloš", "Jelena", "Nikola", "Konstantinos", "Eleni", "Georgios",
         "Dimitra"],
        ["Petrović", "Jovanović", "Nikolić", "Đorđević", "Papadopoulos", "Georgiou",
         "Nikolaidis", "Antonopoulou"],
        "western",
    ),
}
CULTURE_NAMES = sorted(CULTURES)

EMAIL_DOMAINS = {
    "US": ["gmail.com", "yahoo.com", "outlook.com", "icloud.com", "aol.com", "hotmail.com",
           "comcast.net"],
    "GB": ["gmail.com", "hotmail.co.uk", "btinternet.com", "yahoo.co.uk", "outlook.com"],
    "IE": ["gmail.com", "eircom.net", "hotmail.com", "outlook.ie"],
    "IN": ["gmail.com", "rediffmail.com", "yahoo.co.in", "outlook.com"],
    "CA": ["gmail.com", "rogers.com", "shaw.ca", "hotmail.ca", "videotron.ca"],
    "AU": ["gmail.com", "bigpond.com", "optusnet.com.au", "outlook.com"],
    "DE": ["gmx.de", "web.de", "t-online.de", "gmail.com", "posteo.de", "gmx.net"],
    "AT": ["gmx.at", "aon.at", "gmail.com", "chello.at"],
    "CH": ["bluewin.ch", "gmx.ch", "gmail.com", "sunrise.ch"],
    "FR": ["orange.fr", "free.fr", "laposte.net", "gmail.com", "hotmail.fr", "wanadoo.fr"],
    "BE": ["skynet.be", "telenet.be", "gmail.com", "hotmail.be"],
    "ES": ["gmail.com", "hotmail.es", "yahoo.es", "telefonica.net", "outlook.es"],
    "MX": ["hotmail.com", "gmail.com", "prodigy.net.mx", "yahoo.com.mx"],
    "AR": ["gmail.com", "hotmail.com.ar", "yahoo.com.ar", "fibertel.com.ar"],
    "CO": ["gmail.com", "hotmail.com", "une.net.co"],
    "CL": ["gmail.com", "vtr.net", "hotmail.cl"],
    "IT": ["libero.it", "virgilio.it", "gmail.com", "tiscali.it", "alice.it"],
    "PT": ["sapo.pt", "gmail.com", "hotmail.com", "netcabo.pt"],
    "BR": ["uol.com.br", "bol.com.br", "gmail.com", "hotmail.com", "terra.com.br"],
    "NL": ["ziggo.nl", "kpnmail.nl", "gmail.com", "hotmail.nl", "xs4all.nl"],
    "PL": ["wp.pl", "o2.pl", "interia.pl", "onet.pl", "gmail.com"],
    "TR": ["gmail.com", "hotmail.com", "yandex.com.tr", "outlook.com.tr"],
}
WORK_DOMAINS = [
    "northwind-traders.com", "contoso.de", "acme-logistics.co.uk", "fabrikam.fr",
    "globex-ib.es", "initech.io", "vandelay-import.com", "brightpath.nl", "solara.com.br",
]

# --------------------------------------------------------------------------------------------
# Small helpers.

MONTHS = {
    "en": ["January", "February", "March", "April", "May", "June", "July", "August",
           "September", "October", "November", "December"],
    "de": ["Januar", "Februar", "März", "April", "Mai", "Juni", "Juli", "August", "September",
           "Oktober", "November", "Dezember"],
    "es": ["enero", "febrero", "marzo", "abril", "mayo", "junio", "julio", "agosto",
           "septiembre", "octubre", "noviembre", "diciembre"],
    "fr": ["janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août",
           "septembre", "octobre", "novembre", "décembre"],
    "it": ["gennaio", "febbraio", "marzo", "aprile", "maggio", "giugno", "luglio", "agosto",
           "settembre", "ottobre", "novembre", "dicembre"],
    "pt": ["janeiro", "fevereiro", "março", "abril", "maio", "junho", "julho", "agosto",
           "setembro", "outubro", "novembro", "dezembro"],
    "nl": ["januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus",
           "september", "oktober", "november", "december"],
}
WEEKDAYS = {
    "en": ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"],
    "de": ["Montag", "Dienstag", "Mittwoch", "Donnerstag", "Freitag", "Samstag", "Sonntag"],
    "es": ["lunes", "martes", "miércoles", "jueves", "viernes", "sábado", "domingo"],
    "fr": ["lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche"],
    "it": ["lunedì", "martedì", "mercoledì", "giovedì", "venerdì", "sabato", "domenica"],
    "pt": ["segunda-feira", "terça-feira", "quarta-feira", "quinta-feira", "sexta-feira",
           "sábado", "domingo"],
    "nl": ["maandag", "dinsdag", "woensdag", "donderdag", "vrijdag", "zaterdag", "zondag"],
}


def digits(rng: random.Random, n: int) -> str:
    return "".join(rng.choice("0123456789") for _ in range(n))


def fill(rng: random.Random, pattern: str) -> str:
    """'#' -> digit, '%' -> digit 2-9, '@' -> uppercase letter, '?' -> letter or digit."""
    out = []
    for ch in pattern:
        if ch == "#":
            out.append(rng.choice("0123456789"))
        elif ch == "%":
            out.append(rng.choice("23456789"))
        elif ch == "@":
            out.append(rng.choice("ABCDEFGHJKLMNPRSTUVWXYZ"))
        elif ch == "?":
            out.append(rng.choice("ABCDEFGHJKLMNPRSTUVWXYZ0123456789"))
        else:
            out.append(ch)
    return "".join(out)


def luhn_ok(number: str) -> bool:
    ds = [int(c) for c in number if c.isdigit()]
    total = 0
    for i, d in enumerate(reversed(ds)):
        if i % 2:
            d *= 2
            if d > 9:
                d -= 9
        total += d
    return total % 10 == 0


def luhn_complete(partial: str) -> str:
    for check in "0123456789":
        if luhn_ok(partial + check):
            return partial + check
    raise AssertionError("unreachable")


def iban_ok(value: str) -> bool:
    s = value.replace(" ", "").upper()
    if not re.fullmatch(r"[A-Z]{2}\d{2}[A-Z0-9]+", s):
        return False
    moved = s[4:] + s[:4]
    return int("".join(str(int(c, 36)) for c in moved)) % 97 == 1


def fold_ascii(text: str) -> str:
    table = str.maketrans({"ß": "ss", "ł": "l", "Ł": "L", "ø": "o", "Ø": "O", "æ": "ae",
                           "đ": "d", "Đ": "D", "ı": "i", "œ": "oe"})
    text = unicodedata.normalize("NFKD", text.translate(table))
    return "".join(c for c in text if not unicodedata.combining(c))


def weighted(rng: random.Random, pool: list[tuple[str, int]]) -> str:
    items = [k for k, _ in pool]
    weights = [w for _, w in pool]
    return rng.choices(items, weights=weights, k=1)[0]


# --------------------------------------------------------------------------------------------
# Values: people, e-mail, addresses, phones, cards, IBANs, SSNs, IPs, dates, documents.


@dataclass(frozen=True)
class Person:
    full: str
    given: str
    family: str
    latin: bool = True


class Ctx:
    """Everything one sentence draws from: rng, writer locale, people, Faker instances."""

    def __init__(self, gen: Generator, rng: random.Random, lang: str, locale: str):
        self.gen = gen
        self.rng = rng
        self.lang = lang
        self.locale = locale
        self.country = COUNTRY[locale]
        self.persons: dict[int, Person] = {}
        self.year = 2015
        self.last_place = ""
        self._seed = rng.getrandbits(32)
        self._seeded: set[str] = set()

    def fk(self, locale: str) -> Faker:
        fake = self.gen.faker(locale)
        if locale not in self._seeded:
            fake.seed_instance((self._seed ^ zlib.crc32(locale.encode())) & 0xFFFFFFFF)
            self._seeded.add(locale)
        return fake

    def person(self, idx: int) -> Person:
        if idx not in self.persons:
            for _ in range(20):
                p = make_person(self)
                if all(p.full != q.full for q in self.persons.values()):
                    break
            self.persons[idx] = p
        return self.persons[idx]


def make_person(ctx: Ctx) -> Person:
    rng = ctx.rng
    r = rng.random()
    diverse = 0.40 if ctx.lang == "en" else 0.22
    if r < 0.04:
        loc = rng.choice(NATIVE_SCRIPT_LOCALES)
        fk = ctx.fk(loc)
        if loc in ("zh_CN", "ko_KR"):
            given, family = fk.first_name(), fk.last_name()
            return Person(family + given, given, family, latin=False)
        if loc == "ru_RU":
            if rng.random() < 0.5:
                given, family = fk.first_name_male(), fk.last_name_male()
            else:
                given, family = fk.first_name_female(), fk.last_name_female()
        else:
            given, family = fk.first_name(), fk.last_name()
        return Person(f"{given} {family}", given, family, latin=False)
    if r < 0.04 + diverse:
        if rng.random() < 0.6:
            givens, families, order = CULTURES[rng.choice(CULTURE_NAMES)]
            given, family = rng.choice(givens), rng.choice(families)
            eastern = order == "eastern" or (order == "either" and rng.random() < 0.4)
            full = f"{family} {given}" if eastern else f"{given} {family}"
            # Vietnamese middle names belong to the full name; the calling name is the last.
            call = given.split()[-1] if order == "eastern" else given
            return Person(full, call, family)
        loc = rng.choice(OTHER_NAME_LOCALES)
    else:
        loc = ctx.locale
    fk = ctx.fk(loc)
    given, family = fk.first_name(), fk.last_name()
    if loc == "vi_VN":  # Faker's vi_VN first names are English; use a Vietnamese one.
        given = rng.choice(CULTURES["vietnamese"][0])
        return Person(f"{family} {given}", given.split()[-1], family)
    if loc.startswith("es_") and rng.random() < 0.5:
        family = f"{family} {fk.last_name()}"
    elif loc == "pt_BR" and rng.random() < 0.4:
        family = f"{fk.last_name()} {family}"
    elif loc == "en_US" and rng.random() < 0.12:
        return Person(f"{given} {rng.choice('ABCDEFGHJKLMNPRSTW')}. {family}", given, family)
    if family == given:
        family = fk.last_name()
    return Person(f"{given} {family}", given, family)


def email_for(ctx: Ctx, person: Person | None) -> str:
    rng = ctx.rng
    if person is None or not person.latin or rng.random() < 0.15:
        fk = ctx.fk(ctx.locale)
        return fk.free_email() if rng.random() < 0.85 else fk.email()
    g = re.sub(r"[^a-z]", "", fold_ascii(person.given.split()[0]).lower())
    f = re.sub(r"[^a-z]", "", fold_ascii(person.family).lower())
    if not g or not f:
        return ctx.fk("en_US").free_email()
    yy = f"{rng.randint(60, 99):02d}" if rng.random() < 0.5 else str(rng.randint(1, 999))
    local = rng.choice([
        f"{g}.{f}", f"{g}{f}", f"{g[0]}.{f}", f"{g}_{f}", f"{g}.{f}{yy}", f"{g}{yy}",
        f"{f}.{g}", f"{g[0]}{f}{yy}", f"{f}{g[0]}",
    ])
    if rng.random() < 0.2:
        domain = rng.choice(WORK_DOMAINS)
    else:
        domain = rng.choice(EMAIL_DOMAINS[ctx.country])
    addr = f"{local}@{domain}"
    if rng.random() < 0.06:
        addr = f"{local.title()}@{domain.capitalize()}"
    return addr


TR_STREETS = ["Atatürk Caddesi", "İstiklal Caddesi", "Bağdat Caddesi", "Cumhuriyet Caddesi",
              "Menekşe Sokak", "Lale Sokak", "Gül Sokak", "Gazi Bulvarı", "Çiçek Sokak"]
TR_PLACES = ["Kadıköy/İstanbul", "Beşiktaş/İstanbul", "Çankaya/Ankara", "Konak/İzmir",
             "Nilüfer/Bursa", "Muratpaşa/Antalya", "Seyhan/Adana", "Tepebaşı/Eskişehir"]
TR_MAH = ["Moda", "Cumhuriyet", "Fenerbahçe", "Bahçelievler", "Yenimahalle", "Kavaklıdere"]
MX_COLONIAS = ["Roma Norte", "Condesa", "Del Valle", "Polanco", "Centro", "Narvarte",
               "Coyoacán", "Juárez"]
IN_HOUSES = ["Flat {n}B", "H.No. {n}", "#{n}", "Plot {n}", "Flat {n}, Sai Residency",
             "{n}/2, Lakshmi Nilayam"]


def _house(rng: random.Random, hi: int = 180) -> str:
    n = str(rng.randint(1, hi))
    if rng.random() < 0.12:
        n += rng.choice("ab")
    return n


def make_address(ctx: Ctx, style: str) -> str:
    """style: 'line' (street, postcode city), 'street' (street line only) or 'ml'."""
    rng, c = ctx.rng, ctx.country
    loc = ctx.locale if ctx.locale != "tr_TR" else "en_US"
    fk = ctx.fk(loc)
    sep = ", "
    if c in ("US", "CA", "AU"):
        street = f"{fk.building_number()} {fk.street_name()}"
        if c == "US" and rng.random() < 0.25:
            street += rng.choice([" ", ", "]) + fk.secondary_address()
        if c == "US":
            city = f"{fk.city()}, {fk.state_abbr()} {fk.zipcode()}"
        elif c == "CA":
            pc = fk.postalcode() if ctx.locale == "en_CA" else fk.postcode()
            pc = pc if " " in pc else f"{pc[:3]} {pc[3:]}"
            prov = fk.province_abbr()
            comma = ", " if rng.random() < 0.6 else " "
            city = f"{fk.city()}{comma}{prov} {pc}"
        else:
            city = f"{fk.city()} {fk.state_abbr()} {fk.postcode()}"
    elif c == "GB":
        street = f"{rng.randint(1, 240)} {fk.street_name()}"
        if rng.random() < 0.2:
            street = f"Flat {rng.randint(1, 30)}, {street}"
        elif rng.random() < 0.1:
            street = f"{rng.randint(1, 240)}B {fk.street_name()}"
        town, pc = fk.city(), fk.postcode()
        r = rng.random()
        if style == "ml" and r < 0.4:
            city = f"{town}\n{pc}"
        else:
            city = f"{town} {pc}" if r < 0.7 else f"{town}, {pc}"
    elif c == "IE":
        street = f"{rng.randint(1, 120)} {fk.street_name()}"
        city = f"{fk.city()}, {fk.postcode()}"
    elif c == "IN":
        house = rng.choice(IN_HOUSES).format(n=rng.randint(1, 300))
        street = f"{house}, {fk.street_name()}"
        dash = " - " if rng.random() < 0.5 else " "
        city = f"{fk.city()}{dash}{fk.postcode()}"
    elif c in ("DE", "AT", "CH"):
        name = fk.street_name()
        if name.endswith("straße") and rng.random() < 0.3:
            name = name[:-6] + "str."
        street = f"{name} {_house(rng)}"
        city = f"{fk.postcode()} {fk.city()}"
    elif c == "ES":
        n = rng.randint(1, 150)
        name = fk.street_name()
        r = rng.random()
        if r < 0.35:
            street = f"{name}, {n}, {rng.randint(1, 9)}º {rng.choice('ABCDI')}"
        elif r < 0.5:
            street = f"C/ {name.split(' ', 1)[-1]} {n}"
        else:
            street = f"{name} {n}"
        city = f"{fk.postcode()} {fk.city()}"
    elif c == "MX":
        street = f"{fk.street_name()} {rng.randint(1, 999)}, Col. {rng.choice(MX_COLONIAS)}"
        city = f"{fill(rng, '#####')} {fk.city()}, {fk.state_abbr()}"
    elif c == "AR":
        street = f"{fk.street_name()} {rng.randint(100, 4999)}"
        if rng.random() < 0.3:
            street += f", {rng.randint(1, 12)}º {rng.choice('ABCD')}"
        city = f"{fill(rng, '@####')} {fk.city()}"
    elif c == "CO":
        street = f"{fk.street_name()} # {rng.randint(1, 99)}-{rng.randint(1, 99)}"
        city = fk.city()
    elif c == "CL":
        street = f"{fk.street_name()} {rng.randint(100, 9999)}"
        city = f"{fk.city()}"
    elif c == "FR":
        n = str(rng.randint(1, 120)) + (" bis" if rng.random() < 0.08 else "")
        street = f"{n} {fk.street_name()}" if rng.random() < 0.8 else f"{n}, {fk.street_name()}"
        city = f"{fk.postcode()} {fk.city()}"
    elif c == "BE":
        street = f"{fk.street_name()} {_house(rng, 200)}"
        city = f"{fk.postcode()} {fk.city()}"
    elif c == "IT":
        n = rng.randint(1, 200)
        street = f"{fk.street_name()} {n}" if rng.random() < 0.5 else f"{fk.street_name()}, {n}"
        city = f"{fk.postcode()} {fk.city()} ({fk.state_abbr()})"
    elif c == "PT":
        street = f"{fk.street_name()}, {rng.randint(1, 250)}"
        if rng.random() < 0.3:
            street += f", {rng.randint(1, 8)}º {rng.choice(['Esq.', 'Dto.'])}"
        city = f"{fk.postcode()} {fk.city()}"
    elif c == "BR":
        street = f"{fk.street_name()}, {rng.randint(1, 3000)}"
        if rng.random() < 0.35:
            street += f" - Apto {rng.randint(11, 1204)}"
        cep = re.sub(r"\D", "", fk.postcode())
        city = f"{fk.city()} - {fk.estado_sigla()}, {cep[:5]}-{cep[5:8]}"
    elif c == "NL":
        pc = fk.postcode().replace(" ", "")
        street = f"{fk.street_name()} {_house(rng, 300)}"
        city = f"{pc[:4]} {pc[4:]} {fk.city()}"
    elif c == "PL":
        name = fk.street_name()
        if not re.match(r"(ul\.|al\.|aleja|plac|pl\.|osiedle|os\.)", name):
            name = f"ul. {name}"
        n = str(rng.randint(1, 150))
        if rng.random() < 0.5:
            n += f"/{rng.randint(1, 60)}"
        street = f"{name} {n}"
        city = f"{fk.postcode()} {fk.city()}"
    elif c == "TR":
        street = (f"{rng.choice(TR_MAH)} Mah. {rng.choice(TR_STREETS)} No:{rng.randint(1, 150)}"
                  f" D:{rng.randint(1, 20)}")
        city = f"{fill(rng, '#####')} {rng.choice(TR_PLACES)}"
    else:  # pragma: no cover - every writer locale is covered above
        raise KeyError(c)
    if style == "street":
        return street
    if style == "ml":
        return f"{street}\n{city}"
    return f"{street}{sep}{city}"


PHONE_FORMATS: dict[str, list[str]] = {
    "US": ["(%##) %##-####", "%##-%##-####", "%##.%##.####", "+1 %## %## ####",
           "+1-%##-%##-####", "+1.%##.%##.####", "+1 (%##) %##-####", "1-%##-%##-####",
           "%##%######", "(%##) 555-01##"],
    "CA": ["(%##) %##-####", "%##-%##-####", "+1 %## %## ####", "+1-%##-%##-####"],
    "GB": ["020 7946 0###", "+44 20 7946 0###", "020 %### ####", "+44 20 %### ####",
           "07700 900###", "+44 7700 900###", "07### ######", "+44 7### ######",
           "+447#########", "0161 496 0###", "(0161) 496 0###", "01632 960###",
           "0113 %## ####", "+44 (0)1## %## ####"],
    "IE": ["+353 8# ### ####", "08# ### ####", "(01) %## ####", "+353 1 %## ####"],
    "IN": ["+91 9#### #####", "+91-8#########", "09#### #####", "7#########",
           "+91 6#########", "022 %### ####", "(080) %### ####", "+91 98### #####"],
    "AU": ["+61 4## ### ###", "04## ### ###", "(02) %### ####", "+61 2 %### ####",
           "04########", "(03) 9### ####"],
    "DE": ["(030) %######", "030 %#######", "0171-%######", "+49 171 %######",
           "+49 (0)30 %######", "0151 %#######", "+49 89 %#######", "0221/%#####",
           "+49 176 %#######", "0160 %######", "+4915#########", "(089) %## ## ##",
           "040 %### ####", "0711-%######"],
    "AT": ["+43 1 %######", "01 %######", "0664 %######", "+43 664 %## ####",
           "0676/%######", "(0316) %#####"],
    "CH": ["+41 44 %## ## ##", "044 %## ## ##", "079 %## ## ##", "+41 79 %## ## ##",
           "+41 (0)31 %## ## ##", "076 %## ## ##"],
    "FR": ["06 ## ## ## ##", "07 ## ## ## ##", "+33 6 ## ## ## ##", "01.##.##.##.##",
           "+33 (0)1 ## ## ## ##", "06########", "+33 7########", "04-##-##-##-##",
           "02 ## ## ## ##", "+33 1 ## ## ## ##"],
    "BE": ["+32 2 %## ## ##", "0470 ## ## ##", "+32 470 ## ## ##", "02/%## ## ##",
           "0495 ## ## ##"],
    "ES": ["6## ## ## ##", "6## ### ###", "+34 6## ### ###", "+346########",
           "91 %## ## ##", "(+34) 7## ### ###", "93 %## ## ##", "+34 91 %## ## ##",
           "6########"],
    "MX": ["+52 55 #### ####", "55 #### ####", "(55) ####-####", "+52 1 33 #### ####",
           "81 #### ####", "+52 (222) ### ####"],
    "AR": ["+54 9 11 ####-####", "011 4###-####", "+54 11 4###-####", "(0351) 15-###-####",
           "11 5###-####"],
    "CO": ["+57 3## #######", "3## ### ####", "(601) %## ####", "+57 601 %## ####"],
    "CL": ["+56 9 #### ####", "9 #### ####", "+56 2 #### ####", "+569########"],
    "IT": ["+39 3## ### ####", "3## #######", "3##-#######", "02 #### ####",
           "06 ########", "+39 06 #### ####", "+39 3#########", "347 ### ####"],
    "PT": ["+351 91# ### ###", "91# ### ###", "21 ### ####", "+351 21 ### ####",
           "96#######"],
    "BR": ["(11) 9####-####", "+55 11 9####-####", "+55 (21) %###-####", "(21) 9#### ####",
           "11 9########", "+55 31 9####-####", "(48) %###-####"],
    "NL": ["06-########", "06 ## ## ## ##", "+31 6 ########", "+31 (0)20 ### ####",
           "020-%######", "010 %## ####", "+316########"],
    "PL": ["+48 5## ### ###", "5##-###-###", "6## ### ###", "22 %## ## ##",
           "+48 22 %## ## ##", "+48 6########", "(12) %## ## ##"],
    "TR": ["+90 5## ### ## ##", "0 (5##) ### ## ##", "05## ### ## ##", "(0212) %## ## ##",
           "+90 212 %## ####", "05#########", "+90 (532) ### ## ##"],
}


def make_phone(ctx: Ctx) -> str:
    return fill(ctx.rng, ctx.rng.choice(PHONE_FORMATS[ctx.country]))


CARD_BRANDS: list[tuple[str, list[str], list[int], int]] = [
    ("visa", ["4"], [16] * 8 + [13, 19], 30),
    ("mastercard", [str(p) for p in range(51, 56)] + [str(p) for p in range(2221, 2721, 37)],
     [16], 22),
    ("amex", ["34", "37"], [15], 12),
    ("maestro", ["5018", "5020", "5038", "5893", "6304", "6759", "6761", "6762", "6763"],
     list(range(12, 20)), 9),
    ("diners", ["300", "301", "302", "303", "304", "305", "36", "38"], [14], 6),
    ("discover", ["6011", "644", "645", "646", "647", "648", "649", "65"], [16, 16, 19], 7),
    ("jcb", [str(p) for p in range(3528, 3590, 7)], [16, 16, 19], 6),
    ("unionpay", ["62"], [16, 17, 18, 19], 8),
]


def group_digits(rng: random.Random, number: str, brand: str) -> str:
    n = len(number)
    sep = rng.choices([" ", "-", ""], weights=[55, 20, 25])[0]
    if not sep:
        return number
    if brand == "amex" and n == 15:
        sizes = [4, 6, 5]
    elif brand == "diners" and n == 14:
        sizes = [4, 6, 4]
    elif n == 13:
        sizes = [4, 4, 5] if rng.random() < 0.5 else [4, 3, 3, 3]
    else:
        sizes = [4] * (n // 4) + ([n % 4] if n % 4 else [])
    out, i = [], 0
    for s in sizes:
        out.append(number[i:i + s])
        i += s
    return sep.join(out)


def make_card(ctx: Ctx) -> str:
    rng = ctx.rng
    brand, prefixes, lengths, _ = rng.choices(CARD_BRANDS, weights=[b[3] for b in CARD_BRANDS])[0]
    prefix = rng.choice(prefixes)
    length = rng.choice(lengths)
    number = luhn_complete(prefix + digits(rng, length - len(prefix) - 1))
    assert luhn_ok(number) and len(number) == length
    return group_digits(rng, number, brand)


def make_non_luhn(rng: random.Random, n: int = 16) -> str:
    partial = rng.choice("3456") + digits(rng, n - 2)
    good = luhn_complete(partial)
    bad = partial + str((int(good[-1]) + rng.randint(1, 9)) % 10)
    assert not luhn_ok(bad)
    if rng.random() < 0.5:
        return " ".join(bad[i:i + 4] for i in range(0, n, 4))
    return bad


# BBAN layouts: 'n' digit, 'a' uppercase letter, 'c' letter or digit.  Optional bank codes.
IBAN_SPECS: dict[str, tuple[str, list[str]]] = {
    "DE": ("n" * 18, []), "AT": ("n" * 16, []), "CH": ("n" * 5 + "c" * 12, []),
    "FR": ("n" * 10 + "c" * 11 + "n" * 2, []), "ES": ("n" * 20, []),
    "IT": ("a" + "n" * 10 + "c" * 12, []), "NL": ("aaaa" + "n" * 10,
                                                  ["ABNA", "INGB", "RABO", "SNSB", "TRIO", "KNAB"]),
    "BE": ("n" * 12, []), "PL": ("n" * 24, []), "PT": ("n" * 21, []),
    "GB": ("aaaa" + "n" * 14, ["NWBK", "BARC", "LOYD", "HBUK", "MIDL", "MONZ"]),
    "IE": ("aaaa" + "n" * 14, ["AIBK", "BOFI", "IPBS"]), "LU": ("n" * 3 + "c" * 13, []),
    "SE": ("n" * 20, []), "DK": ("n" * 14, []), "NO": ("n" * 11, []), "FI": ("n" * 14, []),
    "TR": ("n" * 5 + "0" + "c" * 16, []), "BR": ("n" * 23 + "a" + "c", []),
    "GR": ("n" * 7 + "c" * 16, []), "CZ": ("n" * 20, []), "HU": ("n" * 24, []),
    "RO": ("aaaa" + "c" * 16, ["RNCB", "BTRL", "BRDE"]), "HR": ("n" * 17, []),
    "SI": ("n" * 15, []), "SK": ("n" * 20, []), "MT": ("aaaa" + "n" * 5 + "c" * 18, []),
    "SA": ("n" * 2 + "c" * 18, []), "AE": ("n" * 19, []), "LT": ("n" * 16, []),
    "EE": ("n" * 16, []), "CY": ("n" * 8 + "c" * 16, []), "IS": ("n" * 22, []),
    "LI": ("n" * 5 + "c" * 12, []), "MC": ("n" * 10 + "c" * 11 + "n" * 2, []),
}
IBAN_COUNTRIES = sorted(IBAN_SPECS)


def make_iban(ctx: Ctx, case: str | None = None) -> str:
    rng = ctx.rng
    country = ctx.country if ctx.country in IBAN_SPECS and rng.random() < 0.75 else None
    country = country or rng.choice(IBAN_COUNTRIES)
    layout, banks = IBAN_SPECS[country]
    bban = []
    for ch in layout:
        if ch == "n":
            bban.append(rng.choice("0123456789"))
        elif ch == "a":
            bban.append(rng.choice("ABCDEFGHIJKLMNOPQRSTUVWXYZ"))
        elif ch == "c":
            bban.append(rng.choice("0123456789" * 15 + "ABCDEFGHIJKLMNOPQRSTUVWXYZ"))
        else:
            bban.append(ch)
    body = "".join(bban)
    if banks:
        body = rng.choice(banks) + body[4:]
    moved = body + country + "00"
    check = 98 - int("".join(str(int(c, 36)) for c in moved)) % 97
    iban = f"{country}{check:02d}{body}"
    assert iban_ok(iban)
    if rng.random() < 0.55:
        iban = " ".join(iban[i:i + 4] for i in range(0, len(iban), 4))
    if case == "lower" or (case is None and rng.random() < 0.1):
        iban = iban.lower()
    return iban


def make_ssn(ctx: Ctx) -> str:
    rng = ctx.rng
    area = rng.choice([a for a in range(1, 900) if a != 666])
    group, serial = rng.randint(1, 99), rng.randint(1, 9999)
    sep = rng.choices(["-", " ", ""], weights=[70, 15, 15])[0]
    return f"{area:03d}{sep}{group:02d}{sep}{serial:04d}"


def make_ip(ctx: Ctx, version: str | None = None) -> str:
    rng = ctx.rng
    fk = ctx.fk("en_US")
    version = version or ("v6" if rng.random() < 0.3 else "v4")
    if version == "v4":
        return fk.ipv4_public() if rng.random() < 0.75 else fk.ipv4_private()
    r = rng.random()
    if r < 0.4:
        return fk.ipv6()
    groups = [rng.getrandbits(16) for _ in range(8)]
    if r < 0.8:  # compressible runs of zeros, e.g. 2001:db8::8a2e:370:7334
        start = rng.randint(2, 5)
        for i in range(start, start + rng.randint(2, 3)):
            groups[i] = 0
        if rng.random() < 0.4:
            groups[0], groups[1] = 0x2001, 0x0DB8
        value = ipaddress.IPv6Address(sum(g << (16 * (7 - i)) for i, g in enumerate(groups)))
        return value.compressed
    value = ipaddress.IPv6Address(sum(g << (16 * (7 - i)) for i, g in enumerate(groups)))
    return value.exploded.upper() if rng.random() < 0.5 else value.exploded


def random_date(rng: random.Random, start: dt.date, end: dt.date) -> dt.date:
    return dt.date.fromordinal(rng.randint(start.toordinal(), end.toordinal()))


def format_date(rng: random.Random, d: dt.date, lang: str, us: bool) -> str:
    m = MONTHS.get(lang, MONTHS["en"])[d.month - 1]
    yy = f"{d.year % 100:02d}"
    if lang == "en" and us:
        choices = [f"{d.month:02d}/{d.day:02d}/{d.year}", f"{d.month}/{d.day}/{d.year}",
                   f"{d.month}-{d.day}-{yy}", f"{d.year}-{d.month:02d}-{d.day:02d}",
                   f"{m} {d.day}, {d.year}", f"{m[:3]} {d.day} {d.year}",
                   f"{d.month}/{d.day}/{yy}", f"{m} {d.day} {d.year}"]
    elif lang == "en":
        th = "th" if 10 <= d.day % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(d.day % 10, "th")
        choices = [f"{d.day:02d}/{d.month:02d}/{d.year}", f"{d.day} {m} {d.year}",
                   f"{d.day}{th} {m} {d.year}", f"{d.day:02d}-{d.month:02d}-{d.year}",
                   f"{d.year}-{d.month:02d}-{d.day:02d}", f"{d.day}/{d.month}/{yy}",
                   f"{d.day} {m[:3]} {d.year}", f"{d.day:02d}.{d.month:02d}.{d.year}"]
    elif lang == "de":
        choices = [f"{d.day:02d}.{d.month:02d}.{d.year}", f"{d.day}.{d.month}.{d.year}",
                   f"{d.day}. {m} {d.year}", f"{d.day:02d}.{d.month:02d}.{yy}",
                   f"{d.year}-{d.month:02d}-{d.day:02d}"]
    elif lang in ("es", "pt"):
        choices = [f"{d.day:02d}/{d.month:02d}/{d.year}", f"{d.day:02d}-{d.month:02d}-{d.year}",
                   f"{d.day} de {m} de {d.year}", f"{d.day}/{d.month}/{yy}",
                   f"{d.day}/{d.month}/{d.year}"]
    elif lang == "fr":
        day = "1er" if d.day == 1 else str(d.day)
        choices = [f"{d.day:02d}/{d.month:02d}/{d.year}", f"{day} {m} {d.year}",
                   f"{d.day:02d}.{d.month:02d}.{d.year}", f"{d.day:02d}-{d.month:02d}-{d.year}",
                   f"{d.day}/{d.month}/{d.year}"]
    else:  # it, nl
        choices = [f"{d.day:02d}/{d.month:02d}/{d.year}", f"{d.day} {m} {d.year}",
                   f"{d.day:02d}-{d.month:02d}-{d.year}"]
    return rng.choice(choices)


def make_dob(ctx: Ctx, opt: str | None = None) -> str:
    start, end = dt.date(1938, 1, 1), dt.date(2008, 12, 31)
    if opt and "old" in opt:
        start, end = dt.date(1925, 1, 1), dt.date(1958, 12, 31)
    elif opt and "young" in opt:
        start, end = dt.date(1998, 1, 1), dt.date(2016, 12, 31)
    d = random_date(ctx.rng, start, end)
    return format_date(ctx.rng, d, ctx.lang, ctx.locale == "en_US")


def _uk_licence(ctx: Ctx) -> str:
    rng = ctx.rng
    person = ctx.persons.get(1)
    family = person.family if person else ctx.fk("en_GB").last_name()
    surname = re.sub(r"[^A-Z]", "", fold_ascii(family).upper())
    surname = (surname or "SMITH")[:5].ljust(5, "9")
    born = random_date(rng, dt.date(1945, 1, 1), dt.date(2005, 12, 31))
    month = born.month + (50 if rng.random() < 0.5 else 0)
    initials = "".join(rng.choice("ABCDEFGHJKLMNPRSTW") for _ in range(2))
    return (f"{surname}{str(born.year)[2]}{month:02d}{born.day:02d}{str(born.year)[3]}"
            f"{initials}9{fill(rng, '??')}")


def _dni(rng: random.Random) -> str:
    n = rng.randint(10_000_000, 99_999_999)
    return f"{n}{'TRWAGMYFPDXBNJZSQVHLCKE'[n % 23]}"


def _rut(rng: random.Random) -> str:
    n = rng.randint(5_000_000, 25_000_000)
    s, factor = 0, 2
    for ch in reversed(str(n)):
        s += int(ch) * factor
        factor = 2 if factor == 7 else factor + 1
    dv = 11 - s % 11
    dv_s = {10: "K", 11: "0"}.get(dv, str(dv))
    body = f"{n:,}".replace(",", ".")
    return f"{body}-{dv_s}"


DL_FORMATS: dict[str, list[str]] = {
    "US": ["@#######", "#########", "### ### ###", "@###-###-##-###-#", "@###-####-####",
           "########", "WDL?????????", "## ### ###", "@#### ##### #####", "@ ### ### ### ###",
           "@@######"],
    "CA": ["@####-#####-#####", "@####-######-##", "#######"],
    "AU": ["########", "#########", "### ### ###"],
    "IE": ["#########", "##-###-###"],
    "IN": ["@@## ###########", "@@-##############", "@@##-###########"],
    "DE": ["@##??????##", "?##??????#?", "B###?????##"],
    "AT": ["########", "## ### ###"],
    "CH": ["######-###", "@@@######"],
    "FR": ["##@@#####", "############", "## ## ## ## ## ##"],
    "BE": ["##########"],
    "IT": ["@@#######@", "@#@@#####@"],
    "PT": ["@@-###### #", "@-###### #"],
    "BR": ["###########", "### ### ### ##"],
    "NL": ["##########"],
    "PL": ["#####/##/####"],
    "TR": ["######", "## ### #"],
    "MX": ["@########", "@@#########"],
    "AR": ["##.###.###", "########"],
    "CO": ["##########", "#.###.###.###"],
}


def make_dl(ctx: Ctx) -> str:
    rng, c = ctx.rng, ctx.country
    if c == "GB":
        return _uk_licence(ctx)
    if c == "ES":
        return _dni(rng)
    if c == "CL":
        return _rut(rng)
    value = fill(rng, rng.choice(DL_FORMATS[c]))
    if not any(ch.isdigit() for ch in value):
        value = value[:-1] + "7"
    return value


PASSPORT_FORMATS: dict[str, list[str]] = {
    "US": ["#########", "@########"], "GB": ["#########"], "IE": ["@@#######"],
    "IN": ["@#######"], "CA": ["@@######"], "AU": ["@#######", "@@#######"],
    "AT": ["@#######"], "CH": ["@#######"], "FR": ["##@@#####"], "BE": ["@@######"],
    "ES": ["@@@######", "PA@######"], "MX": ["@########"], "AR": ["@@@######"],
    "CO": ["@@######"], "CL": ["@########"], "IT": ["@@#######"], "PT": ["@######"],
    "BR": ["@@######"], "PL": ["@@#######"], "TR": ["U########", "S########"],
}
DE_PASS_CHARS = "CFGHJKLMNPRTVWXYZ0123456789"


def make_passport(ctx: Ctx) -> str:
    rng, c = ctx.rng, ctx.country
    if c == "DE":
        body = "".join(rng.choice(DE_PASS_CHARS) for _ in range(8))
        if not any(ch.isdigit() for ch in body):
            body = body[:3] + str(rng.randint(0, 9)) + body[4:]
        return rng.choice("CFGHJK") + body
    if c == "NL":
        letters = "ABCDEFGHIJKLMNPQRSTUVWXYZ"
        body = "".join(rng.choice(letters + "0123456789") for _ in range(6))
        return rng.choice(letters) + rng.choice(letters) + body + str(rng.randint(0, 9))
    return fill(rng, rng.choice(PASSPORT_FORMATS[c]))


DOB_CUES: dict[str, list[tuple[str, str]]] = {
    "en": [("DOB ", ""), ("DOB: ", ""), ("d.o.b. ", ""), ("date of birth ", ""),
           ("date of birth: ", ""), ("born on ", ""), ("born ", ""), ("birthdate ", ""),
           ("D.O.B: ", ""), ("DoB ", "")],
    "en_paren": [("(DOB: ", ")"), ("(born ", ")"), ("(d.o.b. ", ")"), ("(b. ", ")"),
                 ("(date of birth ", ")"), ("(DOB ", ")")],
    "de": [("geboren am ", ""), ("geb. ", ""), ("geb. am ", ""), ("Geburtsdatum: ", ""),
           ("Geburtsdatum ", "")],
    "de_paren": [("(geb. ", ")"), ("(geboren am ", ")"), ("(Geburtsdatum: ", ")")],
    "es": [("fecha de nacimiento: ", ""), ("fecha de nacimiento ", ""), ("nacido el ", ""),
           ("nacida el ", ""), ("F. nac.: ", ""), ("fecha de nac. ", "")],
    "es_paren": [("(nacido el ", ")"), ("(fecha de nacimiento: ", ")"), ("(F. nac. ", ")")],
    "fr": [("né le ", ""), ("née le ", ""), ("date de naissance : ", ""),
           ("date de naissance ", ""), ("né(e) le ", "")],
    "fr_paren": [("(né le ", ")"), ("(née le ", ")"), ("(date de naissance : ", ")")],
}
DL_CUES = {
    "en": ["driver's license ", "drivers license ", "driver's licence ", "driving licence ",
           "driver license number ", "driver's license no. ", "DL ", "DL no. ",
           "license number ", "licence no. ", "driver's license #"],
    "de": ["Führerschein-Nr. ", "Führerscheinnummer ", "Führerschein Nr. ",
           "Führerscheinnr. "],
    "es": ["licencia de conducir ", "permiso de conducir ", "carnet de conducir ",
           "licencia de conducir n.º ", "carnet de conducir nº "],
    "fr": ["permis de conduire n° ", "permis n° ", "permis de conduire numéro ",
           "permis de conduire "],
}
PASS_CUES = {
    "en": ["passport no. ", "passport number ", "passport #", "passport ", "passport number: ",
           "passport No ", "pp no. "],
    "de": ["Reisepass ", "Reisepass-Nr. ", "Passnummer ", "Reisepassnummer ", "Pass-Nr. "],
    "es": ["pasaporte ", "nº de pasaporte ", "número de pasaporte ", "pasaporte n.º "],
    "fr": ["passeport n° ", "numéro de passeport ", "passeport "],
}

# --------------------------------------------------------------------------------------------
# Non-PII fillers (look-alikes for precision).

PLACES = {
    "en": ["Paris", "Berlin", "Lisbon", "New York", "Tokyo", "Barcelona", "Dublin", "Toronto",
           "Cape Town", "Sydney", "Chicago", "Rome", "Amsterdam", "Kraków", "São Paulo",
           "Mexico City", "Edinburgh", "Vancouver", "Istanbul", "Bangkok"],
    "de": ["Berlin", "München", "Hamburg", "Wien", "Zürich", "Köln", "Mallorca", "Paris",
           "Dresden", "Salzburg"],
    "es": ["Madrid", "Barcelona", "Sevilla", "Ciudad de México", "Buenos Aires", "Bogotá",
           "Lima", "Valencia", "Cancún", "Santiago"],
    "fr": ["Paris", "Lyon", "Marseille", "Montréal", "Genève", "Bruxelles", "Nice",
           "Bordeaux", "Lille", "Toulouse"],
}
PRODUCTS = ["Visual Studio Code", "Microsoft Teams", "Google Sheets", "Excel", "Photoshop",
            "Adobe Acrobat", "Spotify Premium", "iPhone 15 Pro", "Galaxy S24",
            "ThinkPad X1 Carbon", "PlayStation 5", "Notion", "Slack", "Jira",
            "Kindle Paperwhite", "AirPods Pro", "Outlook", "Zoom", "Chrome", "Firefox",
            "WordPress", "Shopify", "QuickBooks", "Xbox Game Pass", "Windows 11"]
COMPANIES = ["Acme Corp", "Northwind Traders", "Globex", "Initech", "Contoso", "Fabrikam",
             "Vodafone", "Deutsche Telekom", "Movistar", "Orange", "Comcast", "Virgin Media",
             "BT", "Telstra", "Airtel", "Vivo", "Ziggo", "Play", "Turkcell"]
JOBS = ["software engineer", "nurse", "barista", "project manager", "data analyst",
        "warehouse supervisor", "graphic designer", "receptionist", "teacher", "accountant"]
JOB_TITLES = ["Senior Account Manager", "Head of Operations", "Lead Developer",
              "Marketing Coordinator", "Office Manager", "Customer Success Lead"]
LANGUAGES = ["Spanish", "German", "French", "Portuguese", "Polish", "Turkish", "Arabic",
             "Italian", "Dutch", "Mandarin"]
USERNAMES = ["admin", "root", "deploy", "ubuntu", "postgres", "test", "git", "oracle"]
FORMS = ["Schengen", "ESTA", "Canadian eTA", "UK ETA", "DS-160", "Australian ETA"]
CURRENCY = {
    "en": [("$", "{:,.2f}", ""), ("£", "{:.2f}", ""), ("USD ", "{:,.2f}", ""), ("€", "{:.2f}", "")],
    "de": [("", "{:.2f}", " €"), ("", "{:.2f} EUR", ""), ("CHF ", "{:.2f}", "")],
    "es": [("", "{:.2f}", " €"), ("$", "{:,.2f}", " MXN"), ("", "{:.2f} EUR", "")],
    "fr": [("", "{:.2f}", " €"), ("", "{:.2f} EUR", ""), ("CHF ", "{:.2f}", "")],
    "it": [("", "{:.2f}", " €")], "nl": [("€ ", "{:.2f}", "")], "pt": [("R$ ", "{:.2f}", "")],
}
ERRCODES = ["0x8007####", "HTTP 429", "HTTP 503", "ERR_CONNECTION_RESET", "E####", "HTTP 403",
            "0x800F0922", "ECONNREFUSED", "HTTP 401", "SSL_ERROR_SYSCALL"]

ASK = {
    "en": [
        "Can you help me write a complaint to my internet provider? We've been offline for "
        "three days.",
        "Please rewrite this so it sounds more professional, my boss says I'm too blunt.",
        "Why do you keep refusing to explain my own blood test results?",
        "Can you summarise the attached contract in plain English?",
        "I asked for a simple brownie recipe and you said it was unsafe?? It's a cake.",
        "Could you turn these notes into a short agenda for tomorrow's call?",
        "Is there a way to get a refund for an annual plan I forgot to cancel?",
        "Please stop telling me you can't help, I just need a draft I can edit myself.",
        "Can you check the grammar in the paragraph above? English is my second language.",
        "What should I say to get my deposit back from the letting agency?",
    ],
    "de": [
        "Können Sie mir helfen, eine Kündigung für mein Fitnessstudio zu formulieren?",
        "Warum lehnst du meine Anfrage ab? Ich möchte nur eine Beschwerde schreiben.",
        "Bitte fasse den Vertrag oben in einfachen Worten zusammen.",
        "Kannst du die E-Mail an den Vermieter etwas freundlicher formulieren?",
        "Ich warte seit drei Wochen auf meine Erstattung, was kann ich tun?",
        "Bitte korrigiere die Rechtschreibung in meinem Anschreiben.",
    ],
    "es": [
        "¿Me ayudas a redactar una reclamación para la compañía de luz?",
        "No entiendo por qué no puedes ayudarme con esta carta, es muy sencilla.",
        "Por favor, resume este contrato en palabras sencillas.",
        "¿Puedes revisar la ortografía de este correo antes de enviarlo?",
        "Llevo un mes esperando el reembolso, ¿qué puedo hacer?",
        "Necesito una plantilla para pedir un día libre en el trabajo.",
    ],
    "fr": [
        "Pouvez-vous m'aider à rédiger une lettre de réclamation pour mon opérateur ?",
        "Je ne comprends pas pourquoi vous refusez de m'aider, c'est juste un courrier.",
        "Merci de résumer ce contrat en termes simples.",
        "Peux-tu corriger les fautes dans ce message avant que je l'envoie ?",
        "J'attends mon remboursement depuis trois semaines, que faire ?",
        "Il me faut un modèle de lettre pour résilier mon abonnement.",
    ],
}


def make_filler(ctx: Ctx, kind: str) -> str:
    rng, lang = ctx.rng, ctx.lang
    if kind.startswith("ask"):
        return rng.choice(ASK[lang])
    if kind == "order":
        return fill(rng, rng.choice(["#1##-#######-#######", "ORD-20##-######", "########",
                                     "#######", "A##-#####", "#W#######"]))
    if kind == "track":
        return fill(rng, rng.choice(["1Z??????##########", "9400 1### #### #### #### ##",
                                     "JD01460000########", "@@#########GB", "############",
                                     "00340434#########"]))
    if kind == "nolu16":
        return make_non_luhn(rng)
    if kind == "version":
        return fill(rng, rng.choice(["v#.##.#", "#.##.#", "1#.#.####.###", "build 2####.####",
                                     "#.#.#", "v#.#.#-beta.#", "1##.0.####.###"]))
    if kind == "date":
        d = random_date(rng, dt.date(2023, 1, 1), dt.date(2026, 12, 31))
        return format_date(rng, d, lang, ctx.locale == "en_US")
    if kind == "old_date":
        d = random_date(rng, dt.date(1950, 1, 1), dt.date(2005, 12, 31))
        return format_date(rng, d, lang, ctx.locale == "en_US")
    if kind == "weekday":
        return rng.choice(WEEKDAYS[lang])
    if kind == "month":
        return rng.choice(MONTHS[lang])
    if kind in ("place", "place2"):
        options = [p for p in PLACES.get(lang, PLACES["en"]) if p != ctx.last_place]
        ctx.last_place = rng.choice(options)
        return ctx.last_place
    if kind == "product":
        return rng.choice(PRODUCTS)
    if kind == "isbn":
        body = rng.choice(["978", "979"]) + digits(rng, 9)
        check = (10 - sum(int(c) * (1 if i % 2 == 0 else 3) for i, c in enumerate(body)) % 10) % 10
        full = body + str(check)
        if rng.random() < 0.5:
            return f"{full[:3]}-{full[3]}-{full[4:7]}-{full[7:12]}-{full[12]}"
        return full
    if kind == "hash":
        n = rng.choice([7, 7, 12, 40, 64, 32])
        return "".join(rng.choice("0123456789abcdef") for _ in range(n))
    if kind == "uuid":
        return str(uuid.UUID(int=rng.getrandbits(128), version=4))
    if kind == "amount":
        pre, fmt, post = rng.choice(CURRENCY[lang])
        value = fmt.format(rng.randint(500, 250_000) / 100)
        if lang in ("de", "fr", "it", "nl", "pt") or post == " €":
            value = value.replace(".", ",")
        return f"{pre}{value}{post}"
    if kind == "time":
        h, m = rng.randint(0, 23), rng.choice([0, 5, 15, 30, 42, 45])
        if lang == "en" and rng.random() < 0.5:
            return f"{(h % 12) or 12}:{m:02d} {'am' if h < 12 else 'pm'}"
        return f"{h:02d}:{m:02d}" if lang != "fr" else f"{h}h{m:02d}"
    if kind == "ticket":
        return fill(rng, rng.choice(["INC00#####", "CASE-######", "PROJ-####", "SR-#######",
                                     "#########"]))
    if kind == "errcode":
        code = rng.choice(ERRCODES).replace("####", rng.choice(["0005", "####"]))
        return re.sub("#", lambda _: rng.choice("0123456789"), code)
    if kind == "invoice":
        return fill(rng, rng.choice(["INV-20##-#####", "RE-######", "F########", "#####/2024"]))
    if kind == "exp":
        return f"{rng.randint(1, 12):02d}/{rng.randint(26, 31)}"
    if kind == "pnr":
        return "".join(rng.choice("ABCDEFGHJKLMNPQRSTUVWXYZ23456789") for _ in range(6))
    if kind == "flight":
        return fill(rng, rng.choice(["LH ###", "BA###", "IB####", "AF ####", "KL###", "TK####"]))
    if kind == "count":
        return str(rng.randint(2, 250))
    if kind == "sku":
        return fill(rng, rng.choice(["SKU ###-####", "ART-######", "REF ####-@@"]))
    if kind == "year":
        ctx.year = rng.randint(2009, 2019)
        return str(ctx.year)
    if kind == "year2":
        return str(ctx.year + rng.randint(1, 5))
    if kind == "job":
        return rng.choice(JOBS)
    if kind == "job_title":
        return rng.choice(JOB_TITLES)
    if kind == "company":
        return rng.choice(COMPANIES)
    if kind == "language":
        return rng.choice(LANGUAGES)
    if kind == "username":
        return rng.choice(USERNAMES)
    if kind == "port":
        return str(rng.choice([22, 2222, rng.randint(1024, 65535)]))
    if kind == "last4":
        return digits(rng, 4)
    if kind == "form":
        return rng.choice(FORMS)
    raise KeyError(kind)


# --------------------------------------------------------------------------------------------
# Templates.


@dataclass(frozen=True)
class Template:
    id: str
    lang: str
    text: str
    casual: bool = False
    lower: bool = False
    pool: tuple[tuple[str, int], ...] | None = None
    family: str | None = None

    @property
    def fam(self) -> str:
        return self.family or self.id


def T(tid: str, lang: str, text: str, *, casual: bool = False, lower: bool = False,
      pool: list[tuple[str, int]] | None = None, family: str | None = None) -> Template:
    return Template(tid, lang, text, casual, lower, tuple(pool) if pool else None, family)


TEMPLATES: list[Template] = [
    # ---- English, with PII --------------------------------------------------------------
    T("en_card_update", "en", "Hi, my name is {PERSON} and I need to update the card on my "
      "account. The new one is {CARD}, exp {exp}."),
    T("en_refuse_landlord", "en", "why did you refuse to help me?? i just asked you to write a "
      "letter to my landlord at {ADDRESS} about the broken heating", casual=True),
    T("en_cover_header", "en", "Can you format this into a proper cover letter header?\n\n"
      "{PERSON}\n{ADDRESS:ml}\n{PHONE}\n{EMAIL}"),
    T("en_form_ssn", "en", "Please fill out this form for me:\nName: {PERSON}\nDate of birth: "
      "{DOB}\nSSN: {SSN}\nAddress: {ADDRESS}\nPhone: {PHONE}", pool=US_ONLY),
    T("en_email_valid", "en", "I asked you to check whether {EMAIL:any} is a valid email "
      "address and you said you can't. That's ridiculous, it's my own address."),
    T("en_account_under", "en", "my account is under {PERSON}, email {EMAIL}. i was charged "
      "twice for order {order}", casual=True),
    T("en_invoice_reminder", "en", "Write a polite reminder to {PERSON} ({EMAIL}) that invoice "
      "{invoice} is overdue."),
    T("en_cc_two", "en", "cc {PERSON} and {PERSON#2} on this please, they need the summary by "
      "{weekday}"),
    T("en_signoff_thanks", "en", "{ask}\n\nThanks,\n{PERSON}"),
    T("en_signoff_dash", "en", "{ask}\n\n-- {PERSON:first}"),
    T("en_ip_blocked", "en", "Our server at {IP:v4} keeps getting blocked by your API. Why are "
      "requests from {IP#2} rejected with {errcode}?"),
    T("en_locked_out", "en", "I'm locked out of my account. The login attempts came from {IP}, "
      "not me. My username is {EMAIL}."),
    T("en_iban_verify", "en", "Can you verify this IBAN for me? {IBAN} - the bank says it's "
      "wrong but I copied it straight from the invoice."),
    T("en_refund_iban", "en", "please send the refund to my account {IBAN} (account holder "
      "{PERSON})", casual=True),
    T("en_ssn_breach", "en", "You refused to tell me if my SSN {SSN} was in the data breach. I "
      "just want to know if I'm safe!!", pool=US_ONLY),
    T("en_passport_renew", "en", "I need to renew my passport, the old number is {PASSPORT}. "
      "What documents do I need if I'm flying to {place} next month?"),
    T("en_visa_form", "en", "Help me fill in the visa application: full name {PERSON}, "
      "{PASSC}, {DOBC}, travelling to {place} on {date}."),
    T("en_car_rental", "en", "The car rental desk asked for my {DLC} and a credit card. Is it "
      "safe to read {CARD} to them over the phone?"),
    T("en_pulled_over", "en", "I got pulled over and the officer wrote my {DLC} on the ticket "
      "wrong. How do I dispute it?"),
    T("en_bank_closure", "en", "Draft a letter to my bank: I, {PERSON}, {DOBC}, request the "
      "closure of account {IBAN}. Contact me at {PHONE}."),
    T("en_call_back", "en", "hey its {PERSON:first} again, the number to call me back is "
      "{PHONE}", casual=True),
    T("en_two_phones", "en", "Call me on {PHONE} or {PHONE#2} if the first one doesn't work, "
      "I'm out until {time}."),
    T("en_senior_discount", "en", "I'm {PERSON}, {DOBC}. Am I eligible for the senior discount "
      "on the annual plan?"),
    T("en_reverse_lookup", "en", "Why can't you just look up who owns {PHONE}? Someone keeps "
      "calling me from it at 3am and I'm scared."),
    T("en_reference_letter", "en", "Can you write a reference letter for my former employee "
      "{PERSON}? She worked with us from {year} to {year2} as our {job}."),
    T("en_daughter_form", "en", "My daughter {PERSON} {DOBC:paren_young} needs her school medical "
      "form translated into {language}."),
    T("en_landlord_rent", "en", "Compose a message to my landlord, Mr. {PERSON:last}: the rent "
      "for {month} was paid from {IBAN} on {date}."),
    T("en_us_label", "en", "Here's my shipping info, can you check it's formatted right for a "
      "US package?\n{PERSON}\n{ADDRESS:ml}", pool=US_ONLY),
    T("en_dispute_card", "en", "I want to dispute a charge on my card ending {last4}... actually "
      "here's the full number {CARD} because your bot can't find it", casual=True),
    T("en_ssh_log", "en", "Explain this log line: Failed password for {username} from {IP:v4} "
      "port {port} ssh2"),
    T("en_employer_ssn", "en", "Is it legal for my employer to ask for my SSN ({SSN}) and my "
      "{DLC} before the interview?", pool=US_ONLY),
    T("en_rental_agreement", "en", "Can you generate a rental agreement between {PERSON} "
      "(tenant) and {PERSON#2} (landlord) for the flat at {ADDRESS}?"),
    T("en_paid_pending", "en", "{PERSON} here. I paid with {CARD} but order {order} still says "
      "pending."),
    T("en_reset_pw", "en", "my email is {EMAIL} pls reset my password i cant log in",
      lower=True),
    T("en_pipe_fields", "en", "Email: {EMAIL} | Phone: {PHONE} | Card: {CARD} - is this enough "
      "for the hotel booking?"),
    T("en_visa_or_mc", "en", "you keep saying you can't process payments. fine. just tell me if "
      "{CARD} is a visa or a mastercard", casual=True),
    T("en_contact_block", "en", "Contact person: {PERSON}, Tel. {PHONE}, e-mail {EMAIL}. Please "
      "turn this into a vCard."),
    T("en_gdpr_delete", "en", "Please delete my data. Name: {PERSON}. Registered email: "
      "{EMAIL}. I never signed up for this!"),
    T("en_translate_passport", "en", "Why did you refuse to translate my passport page? It just "
      "says {PERSON}, {PASSC}, {DOBC}."),
    T("en_job_scans", "en", "I'm applying for a job in {place} and they want my {PASSC} and my "
      "{DLC} scanned. What format should the scan be?"),
    T("en_wire_redflag", "en", "The client's wire came from {IBAN} but the name on it was "
      "{PERSON}, not the company. Is that a red flag?"),
    T("en_vpn_leak", "en", "my ip is {IP:v4} and my routers v6 address is {IP#2:v6}, why is my "
      "vpn leaking", lower=True),
    T("en_add_invite", "en", "Add {PERSON} to the meeting invite, her address is {EMAIL}."),
    T("en_remind_first", "en", "Remind {PERSON:first} to send me the {product} license key "
      "before {weekday}."),
    T("en_meeting_notes", "en", "Meeting notes: {PERSON} presented the Q3 numbers, {PERSON#2} "
      "will follow up with legal by {weekday}."),
    T("en_addr_verify", "en", "Address verification failed for {ADDRESS}. I've lived here six "
      "years!! Why does your system say it doesn't exist?"),
    T("en_complaint_sender", "en", "I need a formal complaint letter. Sender: {PERSON}, "
      "{ADDRESS}. Recipient: {company} customer service."),
    T("en_wire_details", "en", "wire transfer details: beneficiary {PERSON}, iban {IBAN}, "
      "reference {invoice}", lower=True),
    T("en_ssn_format", "en", "can u check if this ssn format is valid {SSN} its for a form",
      lower=True, pool=US_ONLY),
    T("en_grandma_poem", "en", "Write a birthday poem for {PERSON:first}, born {DOB:old}, who is "
      "turning a big number this year."),
    T("en_patient_note", "en", "Patient: {PERSON}\nDOB: {DOB}\nPhone: {PHONE}\nReason for "
      "visit: persistent cough.\nCan you summarize this for the referral?"),
    T("en_passport_where", "en", "I'm not asking you to forge anything, I just need to know "
      "where my passport number {PASSPORT} goes on the {form} form."),
    T("en_two_passports", "en", "I'm travelling with my partner {PERSON} and our passport "
      "numbers are {PASSPORT} and {PASSPORT#2}."),
    T("en_dl_exp", "en", "DL# {DL}, exp {exp}, class C. Is that the number the insurance "
      "wants?", casual=True, pool=US_ONLY),
    T("en_delivery_fail", "en", "Delivery for {PERSON} at {ADDRESS} keeps failing. Tracking "
      "number {track}."),
    T("en_iban_bank", "en", "which bank does this iban belong to {IBAN}", lower=True),
    T("en_card_fraud", "en", "Someone used my card {CARD} in {place} on {date}. I've never been "
      "there. What do I do?"),
    T("en_scam_call", "en", "hi i am {PERSON} and i want to report a scam call from {PHONE}, "
      "they said they were from my bank", lower=True),
    T("en_forward_bcc", "en", "Forward this to {EMAIL:any} and {EMAIL#2:any}, and bcc "
      "{PERSON}."),
    T("en_credit_check", "en", "My SSN is {SSN}, DOB {DOB}. Is that enough for the credit check "
      "or do they also need my {DLC}?", pool=US_ONLY),
    T("en_pnr_check", "en", "Booking reference {pnr} for {PERSON}, {PASSC}. Can you check the "
      "name matches?"),
    T("en_webhook", "en", "The webhook from {IP} returned {errcode} at {time}, request id "
      "{uuid}. Is your side down?"),
    T("en_signature", "en", "Can you make my email signature look nicer?\n\nBest regards,\n"
      "{PERSON}\n{job_title} | {company}\n{PHONE}"),
    T("en_fantasy_name", "en", "my name's {PERSON} lol, can you make me a fantasy character "
      "with a name that sounds like mine", casual=True),
    T("en_forward_mail", "en", "How do I get my post forwarded from {ADDRESS} to {ADDRESS#2}? "
      "The Royal Mail site is confusing.", pool=GB_ONLY),
    T("en_callback_company", "en", "Hello, this is {PERSON} from {company}. Please call me back "
      "at {PHONE} about the refund."),
    T("en_phishing_check", "en", "Quick question, is {EMAIL:any} a real support address or "
      "phishing? It asked for my card details."),
    T("en_authorization", "en", "Write an authorization letter: I, {PERSON}, holder of "
      "{PASSC}, authorize {PERSON#2} to collect my documents."),
    T("en_irs_letter", "en", "The IRS letter shows my SSN as {SSN} but the last digits look "
      "wrong. How do I get it corrected?", pool=US_ONLY),
    T("en_w9", "en", "W-9 info for the contractor agreement: {PERSON}, SSN {SSN}, {ADDRESS}",
      pool=US_ONLY),
    T("en_payroll", "en", "payroll says they cant find me in the system, my social is {SSN} and "
      "i started on {date}", lower=True, pool=US_ONLY),
    T("en_ssn_real", "en", "Why won't you tell me whether {SSN} is a real social security "
      "number? I found it on a form my roommate left in the printer.", pool=US_ONLY),
    T("en_employee_json", "en", "Employee record - Name: {PERSON} | SSN: {SSN} | Hire date: "
      "{date} | Phone: {PHONE}. Can you turn this into a JSON object?", pool=US_ONLY),
    T("en_fafsa", "en", "My son's SSN is {SSN} and he was born {DOB:young}, which box on the FAFSA "
      "does this go in?", pool=US_ONLY),
    T("en_block_ip", "en", "Block {IP} in nginx for me, it's been scanning our login page all "
      "night."),
    T("en_whitelist_v6", "en", "Our office VPN exit is {IP:v6}, can you whitelist it and also "
      "{IP#2:v4}?"),
    T("en_dmv_reject", "en", "The DMV website rejects my drivers license number {DL}, is it "
      "the wrong format?", pool=US_ONLY),
    T("en_uk_dvla", "en", "My driving licence number is {DL} and the car hire company says "
      "it's not valid. Can you check the format?", pool=GB_ONLY),
    T("en_name_midsentence", "en", "Tell {PERSON} that the slides are ready and {PERSON#2} "
      "will present them on {weekday}."),
    T("en_india_delivery", "en", "Deliver to:\n{PERSON}\n{ADDRESS:ml}\nPhone {PHONE}",
      pool=IN_ONLY),
    T("en_typo_bill", "en", "I recieved a bill at {ADDRESS} for a subscription I never ordered, "
      "my card {CARD} was charged {amount}. Its outrageous", casual=True),
    T("en_insurance_quote", "en", "For the insurance quote: {PERSON}, {DOBC}, non-smoker. Which "
      "plan is cheapest?"),
    T("en_ip_range_ticket", "en", "Ticket {ticket}: user {PERSON} reports the portal blocks "
      "{IP}. Please investigate."),
    T("en_dr_appt", "en", "Can you remind me what to ask Dr. {PERSON:last} at my appointment? "
      "My file is under {PERSON}, {DOBC}."),
    # ---- German ------------------------------------------------------------------------
    T("de_address_change", "de", "Hallo, ich bin {PERSON} und möchte meine Adresse ändern. "
      "Neue Adresse: {ADDRESS}."),
    T("de_letter_refuse", "de", "Warum hilfst du mir nicht? Ich wollte nur einen Brief an "
      "{PERSON} schreiben:\n{ADDRESS:ml}"),
    T("de_refund_iban", "de", "Bitte überweisen Sie die Erstattung auf mein Konto {IBAN}, "
      "Kontoinhaber: {PERSON}."),
    T("de_phone_email", "de", "Meine Telefonnummer ist {PHONE}, aber schreiben Sie mir lieber "
      "an {EMAIL}."),
    T("de_form", "de", "Formular: Name: {PERSON}, {DOBC}, Reisepass {PASSPORT}, Tel. {PHONE}"),
    T("de_dl_lost", "de", "Ich habe meinen Führerschein verloren, die Nummer war {DL}. Was muss "
      "ich jetzt tun?"),
    T("de_signoff", "de", "{ask}\n\nMit freundlichen Grüßen\n{PERSON}"),
    T("de_card_check", "de", "Kannst du prüfen, ob die Karte {CARD} noch gültig ist? Der Shop "
      "lehnt sie ständig ab."),
    T("de_couple", "de", "Mein Mann {PERSON} und ich ({PERSON#2}) wollen einen gemeinsamen "
      "Antrag stellen. Unsere Anschrift: {ADDRESS}."),
    T("de_login_ip", "de", "Die Anmeldung kam von {IP}, das war nicht ich! Mein Konto läuft "
      "auf {EMAIL}."),
    T("de_dunning", "de", "Schreib eine Mahnung an Herrn {PERSON:last}, die Rechnung {invoice} "
      "über {amount} ist seit {date} offen."),
    T("de_delete_lower", "de", "bitte lösch meine daten, ich heiße {PERSON} und meine nummer "
      "ist {PHONE}", lower=True),
    T("de_application", "de", "Bewerbung von {PERSON}, {ADDRESS}, Tel.: {PHONE}, E-Mail: "
      "{EMAIL}, {DOBC}. Kannst du das Anschreiben verbessern?"),
    T("de_gruss_first", "de", "{ask}\n\nGruß {PERSON:first}"),
    T("de_passport_iban", "de", "Für die Kontoeröffnung brauche ich meine Reisepassnummer "
      "{PASSPORT} und die IBAN {IBAN}, oder?"),
    T("de_dl_form", "de", "Im Formular steht {DLC}, {DOBC}. Ist das so richtig?"),
    # ---- Spanish -----------------------------------------------------------------------
    T("es_card_change", "es", "Hola, me llamo {PERSON} y quiero cambiar la tarjeta de mi "
      "cuenta: {CARD}."),
    T("es_letter_refuse", "es", "¿Por qué no me ayudas? Solo quiero escribir una carta a "
      "{PERSON} a la dirección {ADDRESS}."),
    T("es_phone_email", "es", "Mi número es {PHONE}, llámame o escríbeme a {EMAIL}."),
    T("es_booking", "es", "Datos para la reserva: nombre {PERSON}, {PASSC}, {DOBC}."),
    T("es_refund", "es", "Necesito que me devuelvan el dinero a la cuenta {IBAN}, titular "
      "{PERSON}."),
    T("es_signoff", "es", "{ask}\n\nSaludos,\n{PERSON}"),
    T("es_car_hire", "es", "me pidieron el numero de {DLC} para alquilar un coche en {place}, "
      "es seguro darlo?", casual=True),
    T("es_parcel", "es", "Envía el paquete a:\n{ADDRESS:ml}\nA la atención de {PERSON}"),
    T("es_login_ip", "es", "El acceso sospechoso vino de la IP {IP}, a las {time}. Mi usuario "
      "es {EMAIL}."),
    T("es_fine_complaint", "es", "Escribe una queja formal: yo, {PERSON}, con {DLC}, solicito "
      "la anulación de la multa {ticket}."),
    T("es_card_lower", "es", "hola soy {PERSON:first}, el numero de mi tarjeta es {CARD} por "
      "que no funciona el pago??", lower=True),
    T("es_enrolment", "es", "Formulario de inscripción - Nombre: {PERSON} · {DOBC} · Teléfono: "
      "{PHONE} · Domicilio: {ADDRESS}"),
    T("es_cc", "es", "Por favor, pon en copia a {PERSON} y a {PERSON#2}, ellos llevan el "
      "proyecto."),
    T("es_passport_lost", "es", "Perdí mi pasaporte en {place}, el número era {PASSPORT}. ¿Qué "
      "hago?"),
    # ---- French ------------------------------------------------------------------------
    T("fr_address_change", "fr", "Bonjour, je m'appelle {PERSON} et je voudrais modifier mon "
      "adresse : {ADDRESS}."),
    T("fr_message_refuse", "fr", "Pourquoi refusez-vous de m'aider ? Je veux juste envoyer un "
      "message à {PERSON} ({EMAIL})."),
    T("fr_contact", "fr", "Mon numéro : {PHONE}. Mon e-mail : {EMAIL}. Merci de me recontacter "
      "rapidement."),
    T("fr_refund", "fr", "Remboursez-moi sur mon compte {IBAN} au nom de {PERSON}, s'il vous "
      "plaît."),
    T("fr_signoff", "fr", "{ask}\n\nCordialement,\n{PERSON}"),
    T("fr_form", "fr", "Formulaire : Nom : {PERSON} ; {DOBC} ; {PASSC} ; Adresse : {ADDRESS}"),
    T("fr_dl_lost", "fr", "J'ai perdu mon {DLC}. Que dois-je faire ?"),
    T("fr_card_refused", "fr", "La carte {CARD} a été refusée alors qu'il y a de l'argent "
      "dessus. C'est normal ?"),
    T("fr_login_ip", "fr", "Connexion suspecte depuis {IP} - ce n'était pas moi ! Mon compte "
      "est au nom de {PERSON}."),
    T("fr_termination", "fr", "écris une lettre de résiliation pour {PERSON}, {ADDRESS}, "
      "contrat {invoice}", lower=True),
    T("fr_cc", "fr", "Mettez {PERSON} et {PERSON#2} en copie, svp, ils suivent le dossier."),
    T("fr_callback", "fr", "Bonjour, c'est {PERSON:first}, rappelle-moi au {PHONE} stp",
      casual=True),
    T("fr_attestation", "fr", "Attestation : je soussigné(e) {PERSON}, {DOBC}, demeurant "
      "{ADDRESS}, certifie sur l'honneur que les informations sont exactes."),
    T("fr_passport_lost", "fr", "J'ai perdu mon passeport, le numéro est {PASSPORT}. Comment le "
      "déclarer ?"),
    # ---- Italian, Portuguese, Dutch (small share) ---------------------------------------
    T("it_contact", "it", "Ciao, sono {PERSON}, il mio numero è {PHONE} e la mia email è "
      "{EMAIL}."),
    T("it_form", "it", "Mi servono i dati per il modulo: {PERSON}, nato il {DOB}, passaporto "
      "n. {PASSPORT}, residente in {ADDRESS}."),
    T("it_refund", "it", "Rimborso sul conto {IBAN} intestato a {PERSON}, grazie mille."),
    T("pt_card", "pt", "Olá, meu nome é {PERSON} e meu telefone é {PHONE}. Pode me ajudar com o "
      "cartão {CARD}?"),
    T("pt_delivery", "pt", "Envie para {ADDRESS}, aos cuidados de {PERSON}, data de nascimento "
      "{DOB}."),
    T("nl_iban", "nl", "Hoi, ik ben {PERSON}, mijn IBAN is {IBAN} en mijn telefoonnummer "
      "{PHONE}."),
    T("nl_passport", "nl", "Mijn paspoortnummer is {PASSPORT} en ik ben geboren op {DOB}. "
      "Klopt dit formulier?"),
    # ---- No PII, look-alikes only -------------------------------------------------------
    T("x_en_order_late", "en", "My order {order} was supposed to arrive on {date} but tracking "
      "{track} hasn't updated since {weekday}."),
    T("x_en_crash_version", "en", "Why does {product} crash after updating to {version}? The "
      "log says {errcode}."),
    T("x_en_commit", "en", "Can you explain what commit {hash} changed? It broke the build on "
      "{weekday}."),
    T("x_en_giftcard", "en", "I tried paying with a gift card, the code was {nolu16}, and it "
      "said invalid. Is the code format wrong?"),
    T("x_en_isbn_books", "en", "Recommend some books like ISBN {isbn}, I loved it."),
    T("x_en_weather", "en", "What's the weather usually like in {place} in {month}? I'm flying "
      "there on {date}."),
    T("x_en_release_notes", "en", "Summarize the release notes for {product} {version} in "
      "three bullet points."),
    T("x_en_invoice_template", "en", "The invoice {invoice} for {amount} was due {date}, can "
      "you write a reminder template without any names?"),
    T("x_en_convert_amount", "en", "Convert {amount} to euros and tell me if that's a good "
      "price for {product} on a yearly plan."),
    T("x_en_request_failed", "en", "request {uuid} failed with {errcode} at {time}, retrying "
      "didn't help", lower=True),
    T("x_en_packing", "en", "I need a packing list for a trip to {place} in {month}, leaving "
      "{date}."),
    T("x_en_claim_number", "en", "Reference number {nolu16} from the insurance letter - what "
      "does a claim number usually look like?"),
    T("x_en_license_seats", "en", "Ticket {ticket}: the {product} license on {count} seats "
      "expires {date}, how do I renew?"),
    T("x_en_is_weekday", "en", "Is {date} a {weekday}? I need to book the room for the offsite "
      "in {place}."),
    T("x_en_flight_cancel", "en", "My flight {flight} from {place} to {place2} was cancelled on "
      "{date}; the booking code is {pnr}. What compensation can I get?"),
    T("x_en_cite_isbn", "en", "how do i cite isbn {isbn} in APA style", lower=True),
    T("x_en_checksum", "en", "checksum {hash} doesn't match the one on the download page for "
      "{product} {version}", casual=True),
    T("x_en_founded", "en", "Our company was founded on {old_date} in {place}. Write a short "
      "anniversary post for {weekday}."),
    T("x_en_alexa", "en", "Why does Alexa keep mishearing me when I ask for the weather in "
      "{place}? I've tried {count} times."),
    T("x_de_order", "de", "Meine Bestellung {order} ist seit {date} unterwegs, Sendungsnummer "
      "{track}. Warum dauert das so lange?"),
    T("x_de_error", "de", "Was bedeutet der Fehler {errcode} in {product} Version {version}?"),
    T("x_es_crash", "es", "¿Por qué {product} se cierra al abrir un archivo? Versión {version}, "
      "error {errcode}."),
    T("x_es_order", "es", "Mi pedido {order} llegó el {date} incompleto, faltan {count} "
      "unidades del artículo {sku}."),
    T("x_fr_order", "fr", "Ma commande {order} n'est toujours pas arrivée, le suivi {track} est "
      "bloqué depuis {weekday}."),
    T("x_fr_version", "fr", "Depuis la mise à jour {version} de {product}, j'ai l'erreur "
      "{errcode} à chaque démarrage."),
]

SLOT_RE = re.compile(r"\{([A-Za-z_0-9]+)(?:#(\d))?(?::([a-z_0-9]+))?\}")
PROTECTED = ("pass", "licen", "dob", "born", "birth", "ssn", "social", "iban", "card", "geb",
             "führer", "nacim", "naissance", "nac", "permis", "konto", "tarjeta", "email",
             "mail", "phone", "number", "numero", "número")

# --------------------------------------------------------------------------------------------
# Rendering.

Seg = tuple[str, "str | None", str]  # (text, entity type or None, kind: lit|cue|ent|fill)


def render_slot(ctx: Ctx, kind: str, idx: int, opt: str | None) -> list[Seg]:
    rng, lang = ctx.rng, ctx.lang
    if kind == "PERSON":
        p = ctx.person(idx)
        value = {"first": p.given, "last": p.family}.get(opt or "", p.full)
        return [(value, "PERSON", "ent")]
    if kind == "EMAIL":
        return [(email_for(ctx, None if opt == "any" else ctx.person(idx)), "EMAIL", "ent")]
    if kind == "PHONE":
        return [(make_phone(ctx), "PHONE", "ent")]
    if kind == "ADDRESS":
        style = opt or ("line" if rng.random() < 0.75 else "street")
        return [(make_address(ctx, style), "ADDRESS", "ent")]
    if kind == "CARD":
        return [(make_card(ctx), "CARD", "ent")]
    if kind == "SSN":
        return [(make_ssn(ctx), "SSN", "ent")]
    if kind == "IP":
        return [(make_ip(ctx, opt), "IP", "ent")]
    if kind == "IBAN":
        return [(make_iban(ctx, opt), "IBAN", "ent")]
    if kind == "DOB":
        return [(make_dob(ctx, opt), "DATE_OF_BIRTH", "ent")]
    if kind == "DOBC":
        key = lang + ("_paren" if opt and "paren" in opt else "")
        pre, post = rng.choice(DOB_CUES[key])
        segs: list[Seg] = [(pre, None, "cue"), (make_dob(ctx, opt), "DATE_OF_BIRTH", "ent")]
        return segs + ([(post, None, "cue")] if post else [])
    if kind == "DL":
        return [(make_dl(ctx), "DRIVER_LICENSE", "ent")]
    if kind == "DLC":
        return [(rng.choice(DL_CUES[lang]), None, "cue"), (make_dl(ctx), "DRIVER_LICENSE", "ent")]
    if kind == "PASSPORT":
        return [(make_passport(ctx), "PASSPORT", "ent")]
    if kind == "PASSC":
        return [(rng.choice(PASS_CUES[lang]), None, "cue"), (make_passport(ctx), "PASSPORT", "ent")]
    if kind.islower():
        return [(make_filler(ctx, kind), None, "fill")]
    raise KeyError(kind)


def add_typos(rng: random.Random, segs: list[Seg], n: int) -> list[Seg]:
    spots = []
    for si, (text, _, kind) in enumerate(segs):
        if kind != "lit":
            continue
        for m in re.finditer(r"[A-Za-z]{4,}", text):
            if not any(p in m.group().lower() for p in PROTECTED):
                spots.append((si, m.start(), m.end()))
    picks = sorted(rng.sample(spots, min(n, len(spots))), reverse=True)
    out = list(segs)
    for si, s, e in picks:
        text, typ, kind = out[si]
        word = text[s:e]
        op = rng.choice(["swap", "drop", "double"])
        i = rng.randint(1, len(word) - 2)
        if op == "swap":
            new = word[:i] + word[i + 1] + word[i] + word[i + 2:]
        elif op == "drop":
            new = word[:i] + word[i + 1:]
        else:
            new = word[:i] + word[i] + word[i:]
        out[si] = (text[:s] + new + text[e:], typ, kind)
    return out


def render(gen: Generator, tpl: Template, rng: random.Random) -> tuple[str, list[dict], str]:
    locale = weighted(rng, list(tpl.pool) if tpl.pool else LANG_POOLS[tpl.lang])
    ctx = Ctx(gen, rng, tpl.lang, locale)
    segs: list[Seg] = []
    pos = 0
    for m in SLOT_RE.finditer(tpl.text):
        if m.start() > pos:
            segs.append((tpl.text[pos:m.start()], None, "lit"))
        kind, idx, opt = m.group(1), int(m.group(2) or 1), m.group(3)
        segs.extend(render_slot(ctx, kind, idx, opt))
        pos = m.end()
    if pos < len(tpl.text):
        segs.append((tpl.text[pos:], None, "lit"))
    lower = tpl.lower or (tpl.casual and rng.random() < 0.25)
    if (tpl.casual and rng.random() < 0.45) or (tpl.lower and rng.random() < 0.3):
        segs = add_typos(rng, segs, rng.choice([1, 1, 2]))
    if lower:
        segs = [(t.lower(), typ, k) for t, typ, k in segs]
    text, ents, cur = [], [], 0
    for t, typ, _ in segs:
        if typ:
            ents.append({"start": cur, "end": cur + len(t), "type": typ})
        text.append(t)
        cur += len(t)
    return "".join(text), ents, locale


def sentence_ok(text: str, ents: list[dict]) -> bool:
    last_end = -1
    for e in ents:
        value = text[e["start"]:e["end"]]
        if not value or value != value.strip() or e["start"] < last_end:
            return False
        last_end = e["end"]
        if e["type"] in EXACT_TYPES:
            if text.count(value) != 1:
                return False
            ds = re.sub(r"\D", "", value)
            rest = text[:e["start"]] + "\x00" + text[e["end"]:]
            if e["type"] in DIGIT_TYPES and len(ds) >= MIN_DIGITS_CHECK and ds in rest:
                return False
    return True


class Generator:
    def __init__(self, seed: int = SEED):
        self.seed = seed
        self._fakers: dict[str, Faker] = {}

    def faker(self, locale: str) -> Faker:
        if locale not in self._fakers:
            fake = Faker(locale)
            # Faker's it_IT city list is built from a set, so its order depends on
            # PYTHONHASHSEED; sort it to keep the output byte-identical across runs.
            for provider in fake.get_providers():
                cities = getattr(provider, "cities", None)
                if locale == "it_IT" and isinstance(cities, list):
                    provider.cities = sorted(cities)
            self._fakers[locale] = fake
        return self._fakers[locale]

    def template_records(self, tpl: Template, n: int) -> list[dict]:
        rng = random.Random(f"{self.seed}:{tpl.id}")
        records = []
        for i in range(n):
            for _ in range(50):
                text, ents, locale = render(self, tpl, rng)
                if sentence_ok(text, ents):
                    break
            else:  # pragma: no cover
                raise RuntimeError(f"could not render a valid sentence for {tpl.id}")
            records.append({
                "id": f"{tpl.id}-{i:03d}",
                "text": text,
                "entities": ents,
                "lang": tpl.lang,
                "locale": locale,
                "template": tpl.id,
            })
        return records


def per_template_counts() -> dict[str, int]:
    ids = sorted(t.id for t in TEMPLATES)
    base, extra = divmod(TARGET_SENTENCES, len(ids))
    return {tid: base + (1 if i < extra else 0) for i, tid in enumerate(ids)}


def split_families(by_template: dict[str, list[dict]]) -> dict[str, str]:
    """Greedy, deterministic 50/50 split of template families balancing types and languages."""
    fam_of = {t.id: t.fam for t in TEMPLATES}
    vec: dict[str, Counter] = {}
    for tid, recs in by_template.items():
        c = vec.setdefault(fam_of[tid], Counter())
        for r in recs:
            c["n"] += 1
            c["lang:" + r["lang"]] += 1
            if not r["entities"]:
                c["nopii"] += 1
            for e in r["entities"]:
                c[e["type"]] += 1
    totals: Counter = Counter()
    for c in vec.values():
        totals.update(c)
    dims = sorted(totals)

    def weight(fam: str) -> float:
        return sum(vec[fam][d] / totals[d] for d in dims)

    order = sorted(vec, key=lambda f: (-weight(f), f))
    halves = {"dev": Counter(), "test": Counter()}
    sizes = {"dev": 0, "test": 0}
    assign: dict[str, str] = {}
    for fam in order:
        best = None
        for h, o in (("dev", "test"), ("test", "dev")):
            cost = sum(((halves[h][d] + vec[fam][d] - halves[o][d]) / totals[d]) ** 2
                       for d in dims)
            key = (round(cost, 12), sizes[h], h != "dev")
            if best is None or key < best[0]:
                best = (key, h)
        h = best[1]
        assign[fam] = h
        halves[h].update(vec[fam])
        sizes[h] += 1
    return {tid: assign[fam_of[tid]] for tid in by_template}


def build(seed: int = SEED) -> dict[str, list[dict]]:
    gen = Generator(seed)
    counts = per_template_counts()
    by_template = {t.id: gen.template_records(t, counts[t.id]) for t in TEMPLATES}
    where = split_families(by_template)
    out: dict[str, list[dict]] = {"dev": [], "test": []}
    for t in TEMPLATES:
        out[where[t.id]].extend(by_template[t.id])
    for half in out.values():
        for r in half:
            for e in r["entities"]:
                assert r["text"][e["start"]:e["end"]].strip() == r["text"][e["start"]:e["end"]]
    return out


def _table(rows: list[list[str]], header: list[str]) -> str:
    lines = ["| " + " | ".join(header) + " |", "|" + "|".join("---" for _ in header) + "|"]
    lines += ["| " + " | ".join(r) + " |" for r in rows]
    return "\n".join(lines)


def stats(records: list[dict]) -> dict:
    types = Counter(e["type"] for r in records for e in r["entities"])
    return {
        "sentences": len(records),
        "templates": len({r["template"] for r in records}),
        "no_pii": sum(1 for r in records if not r["entities"]),
        "types": types,
        "langs": Counter(r["lang"] for r in records),
        "locales": Counter(r["locale"] for r in records),
    }


def render_doc(split: dict[str, list[dict]]) -> str:
    s = {h: stats(split[h]) for h in ("dev", "test")}
    type_rows = [[t, str(s["dev"]["types"][t]), str(s["test"]["types"][t])] for t in TYPES]
    type_rows.append(["sentences", str(s["dev"]["sentences"]), str(s["test"]["sentences"])])
    type_rows.append(["sentences without PII", str(s["dev"]["no_pii"]), str(s["test"]["no_pii"])])
    type_rows.append(["templates", str(s["dev"]["templates"]), str(s["test"]["templates"])])
    langs = sorted(set(s["dev"]["langs"]) | set(s["test"]["langs"]))
    lang_rows = [[lg, str(s["dev"]["langs"][lg]), str(s["test"]["langs"][lg])] for lg in langs]
    locs = sorted(set(s["dev"]["locales"]) | set(s["test"]["locales"]))
    loc_rows = [[lc, str(s["dev"]["locales"][lc]), str(s["test"]["locales"][lc])] for lc in locs]
    return f"""# Faker PII evaluation set (independent)

**The test half (`pii_faker_test.jsonl`) is FROZEN: tune only on dev (`pii_faker_dev.jsonl`).**
Do not read test-half misses while changing recognizers; report test numbers only.

## How it was made

`benchmarks/make_pii_faker_set.py` writes both halves and this file.  It was written without
looking at the redactor (`pipeline/privacy.py`) or at the project's other PII fixtures: the
{len(TEMPLATES)} sentence templates are modelled on how people write to an AI assistant's chat
and support channel (requests, complaints about refusals, pasted forms, e-mail sign-offs,
names mid-sentence, all-lowercase messages, typos), in English, German, Spanish and French
with a few Italian, Portuguese and Dutch ones, plus templates with no PII at all but with
look-alikes (order and tracking numbers, 16-digit numbers that fail Luhn, version strings,
dates without a birth cue, ISBNs, hex hashes, UUIDs, product and place names).

Values come from Faker 40.x (seeded per template and sentence; {len(locs)} writer locales, names
from about 50 Faker locales plus romanized and compound names of many cultures and a small
share in native scripts) and from generators in the script: Luhn-valid cards (Visa 13/16/19,
Mastercard incl. 2-series, Amex, Maestro 12-19, Diners, Discover, JCB, UnionPay) with spaces,
dashes or no separators; mod-97-valid IBANs of {len(IBAN_SPECS)} countries, compact or grouped,
upper or lower case; US SSNs in valid ranges; IPv4 (public, private) and IPv6 (full, compressed,
upper case); national and international phone formats of 22 countries; dates of birth after a
birth cue in seven languages and many formats; driver's licence and passport numbers in
national formats after a cue.  Every offset is checked (`text[start:end]` is the inserted
value) and every exact-type value occurs once in its sentence.  Running the script twice gives
byte-identical files.

Record: `{{"id", "text", "entities": [{{"start", "end", "type"}}], "lang", "locale",
"template"}}`; offsets are Python `str` indices, end exclusive.  PERSON is the name only (no
title), ADDRESS the street address as written (with postcode and city when on the same line or
in the same block), DATE_OF_BIRTH / DRIVER_LICENSE / PASSPORT the value only, not the cue.

## Split rule

By template family, not by sentence: each template (its own family unless it names one) puts
all of its sentences into one half.  Families are assigned greedily and deterministically so
that entity types, languages and no-PII sentences are balanced; the halves share no template id.

## Counts

Entities per type and sentences per half:

{_table(type_rows, ["type", "dev", "test"])}

Sentences per language:

{_table(lang_rows, ["lang", "dev", "test"])}

Sentences per writer locale:

{_table(loc_rows, ["locale", "dev", "test"])}

## Scoring rule (`benchmarks/pii_faker_eval.py`)

Only `default_redactor().redact_many(texts)` is called; the output is compared with the input.

* Recall, EMAIL / PHONE / CARD / SSN / IP / IBAN / DATE_OF_BIRTH / DRIVER_LICENSE / PASSPORT:
  caught when the exact value string is absent from the output and, for digit-bearing types,
  its digits-only form (when it differs and has at least {MIN_DIGITS_CHECK} digits) is
  absent too.  (A partial redaction that breaks the exact string counts as caught.)
* Recall, PERSON / ADDRESS: caught when at least two thirds of the entity's words (`\\w+`
  tokens of two or more characters) are gone.  A word is gone when its whole-word occurrence
  count in the output dropped below its count in the input; when the word also appears
  elsewhere in the sentence, the drop only counts for this entity if the word alignment used
  for precision shows this entity's occurrence as removed.
* Precision: input and output are split into words (whitespace, with leading and trailing
  punctuation split off) and aligned with `difflib.SequenceMatcher`; every input word with a
  letter or digit that is deleted or replaced is a redaction, true when it overlaps a gold
  span and false otherwise (titles and cue words such as "DOB" or "passport" count as false).
* Every rate is reported with a 95 % Wilson interval; groups: direct identifiers (EMAIL,
  PHONE, CARD, SSN, IP, IBAN), names and addresses (PERSON, ADDRESS), and DATE_OF_BIRTH /
  DRIVER_LICENSE / PASSPORT; plus texts per second of `redact_many` over the split.

Commands:

    .venv/bin/python benchmarks/make_pii_faker_set.py          # regenerate (byte-identical)
    .venv/bin/python benchmarks/pii_faker_eval.py --split dev  # score; --errors, --json
"""


def write(split: dict[str, list[dict]], out_dir: Path) -> list[Path]:
    out_dir.mkdir(parents=True, exist_ok=True)
    paths = []
    for half, name in (("dev", DEV_NAME), ("test", TEST_NAME)):
        path = out_dir / name
        with path.open("w", encoding="utf-8", newline="\n") as fh:
            for r in split[half]:
                fh.write(json.dumps(r, ensure_ascii=False) + "\n")
        paths.append(path)
    doc = out_dir / DOC_NAME
    doc.write_text(render_doc(split), encoding="utf-8", newline="\n")
    paths.append(doc)
    return paths


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--out-dir", type=Path, default=DEFAULT_OUT)
    args = ap.parse_args(argv)
    split = build()
    for p in write(split, args.out_dir):
        print(p)
    for h in ("dev", "test"):
        st = stats(split[h])
        types = ", ".join(f"{t}={st['types'][t]}" for t in TYPES)
        print(f"{h}: {st['sentences']} sentences, {st['templates']} templates, "
              f"{st['no_pii']} without PII; {types}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
