"""PII redaction and keyed pseudonymization, applied before any analysis sees the logs.

Detection is built on Microsoft Presidio's recognizers (`presidio-analyzer`), called directly
rather than through `AnalyzerEngine`: the engine wants a spaCy model such as `en_core_web_lg`,
which cannot be downloaded on the machines that run this pipeline, and none of the recognizers
used here needs NLP artifacts. Presidio supplies email, phone (Google's libphonenumber), credit
card (Luhn), US SSN, IPv4/IPv6, IBAN (mod-97) and URL detection. Presidio has no model-free
recognizer for person names, street addresses or dates of birth, so this module adds three
Presidio recognizers of its own:

* person names: cue phrases ("my name is", "Mr.", "my patient", "me llamo", "Sra.", "ich heiße",
  "Herr", ...) followed by capitalized tokens, plus a lexicon of first and last names taken from
  the name lists Faker ships (MIT licensed, no download; `names-dataset` was rejected as a 56 MB
  wheel needing GBs of RAM, `gender-guesser` for its GPL licence). The core lexicon (English,
  Indian English, Spanish, German and other Western European locales: ~5.7k first and ~8.5k last
  names) needs no cue; words that are also ordinary words ("Will", "May", "Grace") need one. The
  wide lexicon (Faker's 7k-name US list and ~35 more Latin-script locales: African, Nordic,
  Central European, Turkish, romanized Chinese/Japanese; ~17k first, ~12k last names, minus
  names that are mostly words, "Lucky", "Swift") counts after a weak cue ("this is", "I'm",
  "from") when the run has two or more words, or cue-free when a first name is followed by a known
  last name ("Rahul Patel"). A self-introduction ("This is Ananya Iyer writing", "I'm X here")
  is a strong cue, so names in no list are caught there. Known gap: a name outside both lists
  with no cue ("cc Wei Zhang") is missed.
* street addresses: house number + street name + street type in English (street names may be
  abbreviations in capitals: "166 MG Road", "9 M.G. Road"), optionally followed by a city and a
  postcode (US ZIP, Indian PIN, UK, Canadian, 4-5 digit European codes); street type + name +
  number in Spanish; "...straße 12" style compounds in German. After an address cue ("I live
  at", "my address is", "address:") a number and capitalized words are an address even with an
  unknown or missing street type ("12 Rue Lepic, 75018 Paris"); after "ship/send it to" the city
  and postcode are required.
* dates of birth: a date only counts when a birth cue precedes it ("born on", "DOB",
  "nacido el", "geboren am"), because most dates in logs are not personal data.

Phone numbers: libphonenumber rejects North American numbers whose area code is unassigned
("798-555-0134"), so a 3-3-4 grouping with "-" or "." separators and NXX area and exchange codes
counts on its own, and any 3-3-4 grouping (spaces, leading 0/1) counts after a phone cue ("call me
back on", "reach me at", "text me at", "contact me on").

Overlapping detections are resolved longest-first and spliced out here; Presidio's anonymizer
package is not used, since a replace-by-placeholder is all the pipeline needs.

URLs are redacted only when they look personal (a profile host, a user path, an identifying
query parameter); documentation links stay, since they carry product signal and no person.

Nothing here touches the network: Presidio's email validation uses `tldextract`, which would
fetch the public suffix list on first use, so the email recognizer is given a `TLDExtract`
that only reads the snapshot bundled with the package.
"""

from __future__ import annotations

import functools
import hashlib
import hmac
import importlib
import json
import logging
import os
import re
import subprocess
import sys
from collections import Counter
from collections.abc import Callable, Iterable, Mapping, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from typing import Protocol
from urllib.parse import parse_qsl, urlsplit

import phonenumbers
import tldextract
from phonenumbers import Leniency
from presidio_analyzer import EntityRecognizer, LocalRecognizer, Pattern, RecognizerResult
from presidio_analyzer.predefined_recognizers import (
    CreditCardRecognizer,
    EmailRecognizer,
    IbanRecognizer,
    IpRecognizer,
    PhoneRecognizer,
    UrlRecognizer,
    UsSsnRecognizer,
)

from pipeline.ner import PersonNer, default_person_ner

logger = logging.getLogger(__name__)

ENTITY_TYPES: tuple[str, ...] = (
    "EMAIL",
    "PHONE",
    "CARD",
    "SSN",
    "IP",
    "IBAN",
    "URL",
    "PERSON",
    "ADDRESS",
    "DATE_OF_BIRTH",
    "DRIVER_LICENSE",
    "PASSPORT",
)
PLACEHOLDERS: dict[str, str] = {entity: f"<{entity}>" for entity in ENTITY_TYPES}

KEYS_ENV = "REFUSAL_BACKLOG_PSEUDONYM_KEYS"
KEY_VERSION_ENV = "REFUSAL_BACKLOG_PSEUDONYM_KEY_VERSION"
MIN_KEY_BYTES = 16
DEMO_KEY_VERSION = "demo"
# Public on purpose: lets the demo and tests run without configuration. Never use it on real data.
DEMO_KEY = b"refusal-backlog-demo-key-NOT-SECRET"


@dataclass(frozen=True, order=True)
class DetectedEntity:
    """One span of personal data: `text[start:end]` is replaced by the placeholder of `type`."""

    start: int
    end: int
    type: str


# ---------------------------------------------------------------------------------------------
# Shared lexical pieces

_UP = "A-ZÀ-ÖØ-ÞĀĂĄĆĈĊČĎĐĒĔĖĘĚĜĞĠĢĤĦĨĪĬĮİĶĹĻĽĿŁŃŅŇŊŌŎŐŒŔŖŘŚŜŞŠŢŤŦŨŪŬŮŰŲŴŶŸŹŻŽ"
_LO = "a-zß-öø-ÿāăąćĉċčďđēĕėęěĝğġģĥħĩīĭįıķĺļľŀłńņňŋōŏőœŕŗřśŝşšţťŧũūŭůűųŵŷźżž"
# "Maria", "O'Brien", "McDonald", "Anne-Marie", "Müller".
_TITLE = rf"(?:[{_UP}]['’])?[{_UP}][{_LO}]+(?:[{_UP}][{_LO}]+)?(?:-[{_UP}][{_LO}]+)*"
_PARTICLE = r"(?:de|del|de la|de los|la|van|von|der|den|van der|von der|da|das|dos|di|du|zu|le)"
_GAP = r"[ \t]+"


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


_MONTHS = (
    "January|February|March|April|May|June|July|August|September|October|November|December|"
    "Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec|"
    "enero|febrero|marzo|abril|mayo|junio|julio|agosto|septiembre|setiembre|octubre|noviembre|"
    "diciembre|Januar|Jänner|Februar|März|Mai|Juni|Juli|Oktober|Dezember|"
    "janvier|février|mars|avril|juin|juillet|août|septembre|octobre|novembre|décembre|"
    "gennaio|febbraio|aprile|maggio|giugno|luglio|settembre|ottobre|dicembre|"
    "janeiro|fevereiro|março|maio|junho|julho|setembro|outubro|dezembro"
)
_WEEKDAYS = (
    "Monday Tuesday Wednesday Thursday Friday Saturday Sunday Lunes Martes Miércoles Jueves "
    "Viernes Sábado Domingo Montag Dienstag Mittwoch Donnerstag Freitag Samstag Sonntag"
)
# Capitalized words that end a name run: they are what a sentence around a name looks like.
_NOT_NAME_WORDS = _words(
    f"{_WEEKDAYS} {_MONTHS.replace('|', ' ')} "
    "Can Could Would Should Might Must Did Does Do Is Are Was Were Has Have Had Also Just Still "
    "Even Only Maybe Some Any All Every Each Both Many Much More Most Other Another Such Same "
    "I I'm Im The This That These Those There Here Then When Where What Why How Who Which It "
    "Its We You Your He She They My Our His Her Their A An And Or But If So Not No Yes Ok Okay "
    "Please Thanks Thank Hello Hi Hey Dear Regards Best Cheers Sincerely Team Support Customer "
    "Service Services Account Order Ticket Case Invoice Bank Card Credit Debit Street Avenue Road "
    "Lane Drive Court Boulevard Parkway Way Place Square Station Airport Hospital University "
    "School College Company Inc Ltd LLC GmbH AG Corp Group Pro Plus Premium Free Basic Admin "
    "Manager Agent Bot Assistant Chat App Api Python Java Rust Go Excel Word Windows Linux Mac "
    "Chrome Firefox Safari Android Google Apple Microsoft Amazon Meta Facebook Twitter Instagram "
    "Linkedin Github Slack Zoom Teams Paris London Berlin Madrid Barcelona Munich München Hamburg "
    "Vienna Wien New York Texas California Florida Spain España Germany Deutschland Mexico México "
    "America England Europe European English Spanish German French Christmas Easter Black "
    "Cyber Hola Buenos Buenas Gracias Por Favor Usted Señor Señora Hallo Danke Bitte Sie "
    "Ihr Ihre Ich Wir Der Die Das Ein Eine Und Oder Mit Von Für Straße Strasse Calle Avenida "
    "Plaza Herr Frau Mr Mrs Ms Dr Prof Sr Sra Srta Don Doña Patient Paciente Kunde Kundin Name "
    "Nombre Error Warning Update Version Release Model Policy Safety Privacy Terms Dashboard "
    "Settings Report Data Email Phone Mobile Address Birth Date Today Tomorrow Yesterday Hoy "
    "Mañana Heute Morgen Gestern Summer Winter Spring Autumn Fall North South East West Central "
    "Park Lake River Mount Saint St Santa San Art Will Grace Hope Joy Faith Rose Iris Lily Ruby "
    "Amber Crystal Pearl Holly Ivy Dawn Eve Sky Star Sunny Angel Rich Frank Chase Hunter Page "
    "Mark Bill Pat Guy Max Victoria Florence Georgia Madison Austin Dallas Jordan Chelsea "
    "Virginia Carolina Paz Luz Sol Mar Rosario Pilar Dolores Mercedes Consuelo Asunción Soledad "
    "Sir Madam Señores Damen Herren Colleagues Kollegen All Everyone "
    "Amparo Remedios Montserrat Lourdes Bella Noel Christian Merry"
)
# Of those, the ones that are also given names: never a name on their own, but after a cue
# ("my name is Grace", "Dr. Page") or inside a longer name ("John Chase") they are one.
_NAME_LIKE_WORDS = _words(
    "Art Will Grace Hope Joy Faith Rose Iris Lily Ruby Amber Crystal Pearl Holly Ivy Dawn Eve "
    "Sky Star Sunny Angel Rich Frank Chase Hunter Page Mark Bill Pat Guy Max Victoria Florence "
    "Georgia Madison Austin Dallas Jordan Chelsea Virginia Carolina Paz Luz Sol Rosario Pilar "
    "Dolores Mercedes Consuelo Asunción Soledad Amparo Remedios Montserrat Lourdes Bella Noel "
    "Christian Merry"
)
# Words that end a name run wherever they appear.
_STOP_WORDS = _NOT_NAME_WORDS - _NAME_LIKE_WORDS
# Given names in the wider lists that are first of all ordinary words or product names: they
# must not turn "I'm Lucky" or "This is Swift" into a name.
_WORDLIKE_NAMES = _words(
    "Ace Ada Alexa Alpha Angel Arch Baby Baron Basil Berry Best Bishop Black Blessing Boss Brook "
    "Brown Candy Captain Chai Cherry Claude Crystal Delta Destiny Diamond Doctor Duke Dusty Earl "
    "Echo Ember Field Forest Frost General Genesis Ginger Golden Gray Green Harmony Haskell Heath "
    "Hill Hugo Jarvis Jasmine Jenkins Journey Judge Julia Justice Kali Karma King Liberty Love "
    "Lucky Mad Major Marsh Meadow Melody Miracle Misty Nim Noble Nova Octave Odd Odin Olive Orange "
    "Pascal Pepper Phoenix Pink Pope Prince Princess Queen Reason Red Reed River Rock Rocky Royal "
    "Ruby Rusty Sage Saint Scarlet Serenity Silver Siri Smart Star Sterling Stone Storm Stormy Sun "
    "Sunny Swift Tor Travis Trinity True Victory Violet Watson White Windy Wood Woods Young Zeta "
    "Sure Happy Glad Sorry Ready Fine Good Back Done New Here Free Real Right Well Cool Nice Kind "
    "Honest Blessed Major Golden Legend Champion Spirit Hero Chief Prime Sigma Lux Pixel Java Perl "
    "Rust Kotlin Lisp Scala Dart Elixir Linux Ubuntu Debian Fedora Mint Docker Redis Mongo Kafka "
    "Spark Flask Django Rails React Vue Angular Node Deno Bun Jest Mocha Gradle Maven Nginx Apache "
    "Tomcat Express Laravel Drupal Magento Shopify Gatsby Svelte Elm Crystal Lua Erlang Clojure "
    "Racket Delphi Matlab Stata Outlook Office Edge Opera Brave Gemini Llama Mistral Falcon Grok "
    "Copilot Bard Cortana World Unity Unreal Godot Blender Maya Houdini Figma Notion Jira Trello "
    "Man Men Iron Steel Power Master Little Big Great Grand Old Cloud Data Code Web Net Tech Soft"
)


_CORE_LOCALES = (
    "en_US",
    "en_GB",
    "en_IE",
    "en_IN",
    "es_ES",
    "es_MX",
    "es_AR",
    "es_CO",
    "de_DE",
    "de_AT",
    "de_CH",
    "fr_FR",
    "it_IT",
    "pt_BR",
    "pt_PT",
    "nl_NL",
    "pl_PL",
)
# Wider lists: Faker's big US given-name list ("en", 7k names, many of them also words), other
# English-speaking, African, Nordic, Central/Eastern European and Turkic locales, and the
# romanized Chinese and Japanese lists. Non-Latin lists (hi_IN, ta_IN, ru_RU, ...) are useless
# for Latin-script logs and are skipped.
_WIDE_LOCALES = (
    "en",
    "en_PK",
    "en_KE",
    "en_NG",
    "en_NZ",
    "en_TH",
    "ha_NG",
    "ig_NG",
    "yo_NG",
    "tw_GH",
    "sw",
    "zu_ZA",
    "id_ID",
    "tr_TR",
    "az_AZ",
    "uz_UZ",
    "fr_BE",
    "fr_CA",
    "fr_CH",
    "nl_BE",
    "da_DK",
    "sv_SE",
    "no_NO",
    "fi_FI",
    "is_IS",
    "et_EE",
    "lt_LT",
    "lv_LV",
    "cs_CZ",
    "sk_SK",
    "hu_HU",
    "ro_RO",
    "hr_HR",
    "sl_SI",
    "ga_IE",
    "zh_CN",
    "zh_TW",
    "ja_JP",
)
_NAME_TOKEN = re.compile(_TITLE)


def _locale_names(locale: str, every_list: bool) -> tuple[set[str], set[str]]:
    """Latin-script first and last names of one Faker person provider.

    Without `every_list` only the plain `first_names` and `last_names` lists are read; with it,
    also the gendered, romanized and other variants a provider has.
    """
    provider = importlib.import_module(f"faker.providers.person.{locale}").Provider
    first: set[str] = set()
    last: set[str] = set()
    attrs = dir(provider) if every_list else ("first_names", "last_names")
    for attr in attrs:
        if attr.startswith("_") or "name" not in attr or "kana" in attr:
            continue
        if attr.startswith("first"):
            bucket = first
        elif attr.startswith(("last", "male_last", "unisex_last")):
            bucket = last
        else:
            continue
        names = getattr(provider, attr, ())
        if isinstance(names, str) or not hasattr(names, "__iter__"):
            continue
        bucket.update(
            n
            for n in names
            if isinstance(n, str) and len(n) > 1 and _NAME_TOKEN.fullmatch(n) is not None
        )
    return first, last


def _name_lexicon(
    locales: Iterable[str], every_list: bool
) -> tuple[frozenset[str], frozenset[str]]:
    """First and last names from Faker's person providers: a maintained, MIT-licensed list.

    The core locales' names count without a cue, so only locales whose lists hold few ordinary
    words are core; the wider locales' names count only with a cue or in a pair.
    """
    first: set[str] = set()
    last: set[str] = set()
    for locale in locales:
        f, la = _locale_names(locale, every_list=every_list)
        first |= f
        last |= la
    return frozenset(first), frozenset(last)


# ---------------------------------------------------------------------------------------------
# Recognizers Presidio lacks


class _RegexGroupRecognizer(LocalRecognizer):
    """Regex recognizers that report only a named group, so cue words stay in the text.

    The group is the last one that matched (`pii`, or another name in an alternative).
    """

    def __init__(self, entity: str, *regexes: re.Pattern[str]) -> None:
        self.regexes = regexes
        super().__init__(supported_entities=[entity], name=f"{entity}Recognizer")

    def load(self) -> None:
        """Nothing to load: the regex is compiled in the constructor."""

    def analyze(
        self, text: str, entities: list[str], nlp_artifacts: object = None
    ) -> list[RecognizerResult]:
        entity = self.supported_entities[0]
        return [
            RecognizerResult(entity, *match.span(match.lastgroup or "pii"), 0.85)
            for regex in self.regexes
            for match in regex.finditer(text)
        ]


_DATE = (
    r"\d{1,2}[./-]\d{1,2}[./-](?:\d{4}|\d{2})"
    r"|\d{4}[./-]\d{1,2}[./-]\d{1,2}"
    rf"|(?:{_MONTHS})\.?[ \t]+\d{{1,2}}(?:st|nd|rd|th)?,?[ \t]+\d{{4}}"
    rf"|\d{{1,2}}(?:st|nd|rd|th|\.)?[ \t]+(?:of[ \t]+|de[ \t]+)?(?:{_MONTHS})\.?,?"
    r"[ \t]+(?:de[ \t]+|del[ \t]+)?\d{4}"
)
_DOB_CUE = (
    r"born(?:[ \t]+on)?|date[ \t]+of[ \t]+birth|birth[ \t]?date|birthday|d\.?o\.?b\.?"
    r"|fecha[ \t]+de[ \t]+nacimiento|f\.[ \t]*nac\.?|nacid[oa][ \t]+el|naci[oó]?[ \t]+el"
    r"|nací[ \t]+el|nacimiento|f(?:echa|\.)[ \t]+(?:de[ \t]+)?nac\.?|cumpleaños"
    r"|geboren(?:[ \t]+am)?|geb\.|geburtsdatum|geburtstag"
    r"|n[ée]e?[ \t]+le|date[ \t]+de[ \t]+naissance|naissance"
    r"|nat[oa][ \t]+(?:il|a)|data[ \t]+di[ \t]+nascita|data[ \t]+de[ \t]+nascimento"
    r"|nascid[oa][ \t]+(?:em|a|no)|nascimento"
)
_DOB_RE = re.compile(
    rf"(?i)\b(?:{_DOB_CUE})[ \t]*[:\-]?[ \t]*(?:(?:is|was|on|the|el|am|ist|es)[ \t:]+){{0,2}}"
    rf"(?P<pii>{_DATE})(?!\d)"
)

# Identity documents: a number only counts after a cue, since most codes in logs are not ids.
# One token holding a digit ("D1234567", "A12-345-678"), or digit groups split by single
# spaces or dots, with at least five digits ("R 710 456 300 534", "79.920.987", "5.871.899-8").
_ID_NUMBER = (
    r"(?:(?=[A-Z0-9-]*\d)[A-Z0-9][A-Z0-9-]{4,19}"
    r"|(?=(?:\D{0,2}\d){5})(?:[A-Z][ .]?)?\d{1,4}(?:[ .]\d{2,4}){1,5}(?:-[\dK])?)(?![\w-])"
)
_NUMBER_WORD = r"(?:no|nr|n[ºo°]|n|num(?:ber|ero|éro|mer)?|#|id)"
# "passport no. X", "passport number: X", and a few words between: "my passport, the old
# number is X", "passeport, le numéro est X"
_ID_FILLER = (
    rf"(?:[ \t]*[,;]?[^\n.!?:]{{0,30}}?\b{_NUMBER_WORD}\b\.?)?[ \t]*[:#]?[ \t]*"
    r"(?:(?:is|es|ist|est|era|was|:)[ \t]+)?"
)
_DRIVER_LICENSE_CUE = (
    r"driver'?s?[ \t]+licen[cs]e|driving[ \t]+licen[cs]e|licen[cs]e|DL|"
    r"f(?:ü|ue)hrerschein(?:-?(?:nr|nummer)\.?)?|licencia[ \t]+de[ \t]+conducir|"
    r"permiso[ \t]+de[ \t]+conducir|carnet[ \t]+de[ \t]+conducir|permis[ \t]+de[ \t]+conduire|"
    r"patente|licencia"
)
_PASSPORT_CUE = (
    r"passport|reisepass|pass(?:nummer|nr)|pasaporte|passeport|passaporto|paszport"
    r"|pp(?=[ \t]*(?:no|nr|#))"
)
# or up to four words of any phrasing between the cue and the number: "Die Nummer meines
# Reisepasses lautet X", "Mi pasaporte es el X", "permis de conduire, c'est X"
_ANY_ID_FILLER = r"[-\s.,:;º°#]+(?:[^\W\d_][\w'’]{0,14}[.º°]{0,2}[\s,:;-]+){0,4}?[:#]?[ \t]*"
_DRIVER_LICENSE_RE = re.compile(
    rf"(?i:\b(?:{_DRIVER_LICENSE_CUE})){_ID_FILLER}(?P<pii>(?i:{_ID_NUMBER}))"
    rf"|(?i:\b(?:{_DRIVER_LICENSE_CUE}|FS(?=-?Nr)|rijbewijs|carteira[ \t]+de[ \t]+motorista"
    rf"|CNH)\w*){_ANY_ID_FILLER}(?P<loose>(?i:{_ID_NUMBER}))"
)
_PASSPORT_RE = re.compile(
    rf"(?i:\b(?:{_PASSPORT_CUE})){_ID_FILLER}(?P<pii>(?i:{_ID_NUMBER}))"
    rf"|(?i:\b(?:{_PASSPORT_CUE}|passaporte|paspoort|travel[ \t]+document)\w*)"
    rf"{_ANY_ID_FILLER}(?P<loose>(?i:{_ID_NUMBER}))"
)

# National insurance and tax numbers after their name, in national formats: UK "QQ 12 34 56
# C", French NIR "1 85 05 78 006 084 36", Spanish NSS, German Sozialversicherungsnummer,
# Dutch BSN, Italian codice fiscale; reported as SSN, the type of their US counterpart.
_NATIONAL_ID_CUE = (
    r"social[ \t]+security(?:[ \t]+(?:number|no))?|national[ \t]+insurance(?:[ \t]+number)?"
    r"|ni[ \t]+(?:number|no)|nino|s[ée]curit[ée][ \t]+sociale|s[ée]cu|nir"
    r"|seguridad[ \t]+social|seguran[çc]a[ \t]+social|nss|sozialversicherungs\w*"
    r"|sv-?(?:nummer|nr)|rentenversicherungs\w*|bsn|burgerservicenummer|codice[ \t]+fiscale"
    r"|cpf|nif|nie|dni|steuer-?id|steueridentifikationsnummer"
)
_NATIONAL_ID_NUMBER = r"(?=(?:[^\d\n]{0,3}\d){6})[A-Z]{0,2}[ .\-]?\d(?:[ .\-/]?[\dA-Z]){4,22}\b"
_NATIONAL_ID_RE = re.compile(
    rf"(?i:\b(?:{_NATIONAL_ID_CUE})){_ANY_ID_FILLER}(?P<pii>{_NATIONAL_ID_NUMBER})"
)
# A number after "Phone:", "Tel.", "Handy" in any national format ("080-1600 4505", "(21)
# 99970-7603", "13733246743"), which libphonenumber's regions may not know.
_CUED_PHONE_RE = re.compile(
    r"(?i:\b(?:phone|tel|t[ée]l|tel[ée]fono|telefone|telefon|mobile|mobil|cell|celular"
    r"|m[óo]vil|handy|cellulare|whatsapp)\b\.?(?:[ \t]*(?:no|nr|number|n[º°])\.?)?[ \t]*:?[ \t]*)"
    r"(?P<pii>\+?\(?\d[\d \-().]{5,18}\d)(?![\w-])"
)

_EN_STREET_TYPES = (
    r"Street|St|Avenue|Ave|Road|Rd|Boulevard|Blvd|Lane|Ln|Drive|Dr|Court|Ct|Parkway|Pkwy|Way"
    r"|Place|Pl|Square|Sq|Terrace|Circle|Cir|Highway|Hwy|Trail|Row|Close|Crescent|Gardens|Mews"
)
_ES_STREET_TYPES = (
    r"Calle|C/|Avenida|Avda\.?|Av\.|Plaza|Pza\.|Paseo|Pº|Camino|Carrera|Ronda|Travesía"
    r"|Carretera|Glorieta|Rambla|Callejón|Calzada"
)
_DE_SUFFIX = r"straße|strasse|str\.|weg|allee|platz|gasse|damm|ufer|chaussee|steig|ring"
_DE_WORD = r"[A-ZÄÖÜ][a-zäöüß]+"
# Street-name words: "Baker", "34th", and abbreviations in capitals ("MG Road", "NW 5th St",
# "M.G. Road"), but not units that also precede a street type in prose ("5 GB Drive").
_STREET_WORD = (
    rf"(?:{_TITLE}|\d{{1,3}}(?:st|nd|rd|th)|(?:[A-Z]\.){{1,3}}"
    r"|(?!(?:GB|MB|KB|TB|PB|GHz|MHz|PM|AM|USD|EUR|INR)\b)[A-Z]{1,4}\b)"
)
# A city and a postcode after the street line: "Springfield, IL 62704", "Bengaluru 560001",
# "London SW1A 1AA", "Toronto, ON M5V 2T6", "28014 Madrid", "1012 AB Amsterdam".
_POSTCODE = (
    r"(?:[A-Z]{2}[ \t]+)?\d{5}(?:-\d{4})?"  # (US state) ZIP, or a 5-digit European code
    r"|[1-9]\d{2}[ \t]?\d{3}"  # India PIN
    r"|[A-Z]{1,2}\d[A-Z\d]?[ \t]?\d[A-Z]{2}"  # UK
    r"|(?:[A-Z]{2}[ \t]+)?[A-Z]\d[A-Z][ \t]?\d[A-Z]\d"  # Canada
    r"|\d{4}(?:[ \t]?[A-Z]{2})?"  # NL, AT, CH, BE, DK, AU
)
_CITY = rf"{_TITLE}(?:[ \t]+{_TITLE}){{0,2}}"
_ADDRESS_TAIL = (
    rf"(?:,[ \t]*{_CITY}(?:,[ \t]*|[ \t]*[-–][ \t]*|[ \t]+)(?:{_POSTCODE})\b"
    rf"|,[ \t]*(?:{_POSTCODE})[ \t]+{_CITY}\b)"
)
_ADDRESS_RE = re.compile(
    r"(?P<pii>"
    # 1600 Amphitheatre Parkway, 221B Baker Street, Apt 4; 166 MG Road, Bengaluru 560001
    rf"\b\d{{1,5}}[A-Za-z]?(?:{_GAP}{_STREET_WORD}){{1,4}}"
    rf"{_GAP}(?:{_EN_STREET_TYPES})\b"
    rf"(?:,?{_GAP}(?:Apt|Apartment|Suite|Ste|Unit|Flat|Floor)\.?{_GAP}?#?\w{{1,5}}\b)?"
    rf"{_ADDRESS_TAIL}?"
    # Calle Mayor 5, Avenida de la Constitución 12, 3º B
    rf"|(?<!\w)(?:{_ES_STREET_TYPES}){_GAP}(?:{_PARTICLE}{_GAP})*{_TITLE}"
    rf"(?:{_GAP}(?:{_PARTICLE}{_GAP})*{_TITLE}){{0,3}},?{_GAP}(?:n[º°o]\.?{_GAP}?)?"
    rf"\d{{1,4}}[A-Za-z]?\b(?:,{_GAP}?\d{{1,2}}[º°ª](?:{_GAP}?[A-Z]\b)?)?"
    # Hauptstraße 12, Kaiser-Wilhelm-Str. 3a, Berliner Straße 5
    rf"|\b(?:{_DE_WORD}-)*{_DE_WORD}(?:{_DE_SUFFIX}){_GAP}?\d{{1,4}}[a-zA-Z]?\b"
    rf"|\b(?:{_DE_WORD}(?:{_GAP}|-))+(?:Straße|Strasse|Str\.|Weg|Allee|Platz|Gasse|Damm|Ufer|Ring)"
    rf"{_GAP}"
    r"\d{1,4}[a-zA-Z]?\b"
    r")"
)


def _street_types() -> tuple[str, str]:
    """Street types of many countries, as regex alternations (longest first): types that follow
    the name ("Freeway", "Loop": Faker's en_US list) and types that lead it ("Via", "Rua",
    "ulica": Faker's it_IT, pt_BR, pt_PT, es_ES, es_MX, fr_FR and pl_PL lists, plus their
    usual abbreviations). Faker is the MIT-licensed package the name lists come from."""
    from faker.providers.address import (
        en_AU,
        en_US,
        es_ES,
        es_MX,
        fr_FR,
        it_IT,
        pl_PL,
        pt_BR,
        pt_PT,
    )

    trailing = set(en_US.Provider.street_suffixes) | set(en_AU.Provider.street_suffixes)
    leading = set(it_IT.Provider.street_suffixes) | {"Vicolo", "Viale", "Corso", "Largo", "Vico"}
    for provider in (pt_BR, pt_PT, es_ES, es_MX, fr_FR, pl_PL):
        leading |= {p.capitalize() for p in provider.Provider.street_prefixes}
    leading |= {"Rue", "Chemin", "Impasse", "Allée", "Quai", "Route", "Place", "Rua", "R."}
    leading |= {"ul.", "al.", "pl.", "os.", "Mah.", "Mahallesi", "Sok.", "Sokak", "Cad."}
    leading |= {"Cd.", "Sk.", "Av.", "Avda.", "Trav.", "Estr.", "Rod.", "Pç.", "Pça."}

    def alternation(words: set[str]) -> str:
        return "|".join(re.escape(w) for w in sorted(words, key=lambda w: (-len(w), w)))

    return alternation(trailing), alternation(leading - {"Street"})


_TRAILING_TYPES, _LEADING_TYPES = _street_types()
_NL_SUFFIX = r"laan|straat|weg|gracht|kade|plein|dijk|singel|hof|pad|dreef|baan|steeg|park"
_WORLD_POSTCODE = rf"\d{{5}}-\d{{3}}|\d{{4}}-\d{{3}}|\d{{2}}-\d{{3}}|{_POSTCODE}"
_LINE_BREAK = r"(?:,[ \t]*|[ \t]*\n[ \t]*|[ \t]+[-–][ \t]+)"
_UNIT = (
    r"(?:(?:Apt|Apartment|Suite|Ste|Unit|Flat|Floor|Piso|Apto|Andar|Bloco|Bl|lok|m|Daire|Kat"
    r"|Esc|Puerta|int|Interno|Scala)\.?[ \t]*[\w/ºª-]{1,6}|D:[ \t]*\d{1,4}"
    rf"|(?:Col\.|Colonia|Bairro|Barrio)[ \t]+{_CITY}|\d{{1,2}}[º°ª](?:[ \t]?[A-Z]\b)?)"
)
# after a street line: a unit, then a postcode and city or a city and postcode, on the same
# line or the next ("Springfield, IL 62704", "\n28013 Madrid", ", 01310-100 São Paulo - SP")
_WORLD_TAIL = (
    rf"(?:{_LINE_BREAK}{_UNIT})?"
    rf"(?:(?:{_LINE_BREAK}|[ \t]+)(?:{_WORLD_POSTCODE})[ \t]+{_CITY}(?:[ \t]*[-–][ \t]*[A-Z]{{2}})?"
    rf"|{_LINE_BREAK}{_CITY}(?:,[ \t]*|[ \t]*[-–][ \t]*|[ \t]+)(?:{_WORLD_POSTCODE})\b)?"
)
# the same tail, required: what extends any street line found ("Hauptstraße 5" + ", 10115
# Berlin"), with Indian "City - 560001" too
_PLACE = rf"{_TITLE}(?:[ \t]+(?:{_PARTICLE}[ \t]+)?{_TITLE}){{0,3}}"
_ADDRESS_CONTINUATION = re.compile(
    rf"(?:{_LINE_BREAK}{_UNIT}|[ \t]+D:[ \t]*\d{{1,4}}){{0,2}}"
    rf"(?:(?:{_LINE_BREAK}|[ \t]+)(?:{_WORLD_POSTCODE})[ \t]+{_PLACE}"
    rf"(?:[ \t]*[-–,/][ \t]*{_PLACE})?"
    rf"(?:[ \t]*[-–,][ \t]*[A-Z]{{2,4}}\b)?"
    rf"|{_LINE_BREAK}{_PLACE}(?:[ \t]*[-–][ \t]*[A-Z]{{2}}\b)?"
    rf"(?:,[ \t]*|[ \t]*[-–][ \t]*|[ \t]+)(?:[A-Z]{{2,3}}[ \t]+)?(?:{_WORLD_POSTCODE}|\d{{6}})\b"
    rf"|(?:{_LINE_BREAK}{_UNIT}|[ \t]+D:[ \t]*\d{{1,4}})+)"
)
_NAME_WORDS = rf"(?:(?:{_PARTICLE}|[a-zà-ÿ']{{1,3}}){_GAP})*{_TITLE}"
_WORLD_ADDRESS_RE = re.compile(
    r"(?P<pii>"
    # 832 Nicole Freeway, 7634 Bonilla Loop Suite 5, Springfield, IL 62704
    rf"\b\d{{1,6}}[A-Za-z]?(?:{_GAP}{_STREET_WORD}){{1,4}}{_GAP}(?:{_TRAILING_TYPES})\b\.?"
    rf"(?:,?{_GAP}{_UNIT})?{_WORLD_TAIL}"
    # Via Roma 12, Vicolo Montanari, 57, Rua das Flores, 123, ul. Pocztowa 84
    rf"|(?<!\w)(?:{_LEADING_TYPES}){_GAP}{_NAME_WORDS}(?:{_GAP}{_NAME_WORDS}){{0,3}},?{_GAP}"
    rf"(?:n[º°o.]?{_GAP}?|No:?[ \t]*)?\d{{1,5}}[A-Za-z]?\b{_WORLD_TAIL}"
    # 12 rue de la Paix, 75002 Paris
    rf"|\b\d{{1,4}}(?:[ \t]?(?:bis|ter))?,?{_GAP}(?i:{_LEADING_TYPES}){_GAP}{_NAME_WORDS}"
    rf"(?:{_GAP}{_NAME_WORDS}){{0,3}}{_WORLD_TAIL}"
    # Kerkstraat 12, 1017 GA Amsterdam
    rf"|\b{_TITLE}(?:{_NL_SUFFIX}){_GAP}\d{{1,4}}[a-zA-Z]?\b{_WORLD_TAIL}"
    # Flat 296B, Bhatnagar Zila; H.No. 126, Chadha Circle; 50/2, Lakshmi Nilayam, Patel Nagar
    rf"|(?:\b(?:Flat|Plot|H\.[ \t]?No\.|House[ \t]+No\.?|Door[ \t]+No\.?)[ \t]*\d{{1,4}}[A-Z]?"
    rf"|#[ \t]?\d{{1,4}}|\b\d{{1,4}}/\d{{1,4}}),(?:[ \t]*{_CITY}(?=,|\n|$)){{1,3}}"
    # Calle 190 # 74-2, Av. Andrés Alfonso Velásquez # 92-15, Tr. 195 Bis Y # 76-87
    rf"|(?<!\w)(?:Cl\.|Calle|Cra\.|Carrera|Kr\.|Av\.|Avenida|Tr\.|Transversal|Dg\.|Diagonal)"
    r"[ \t]+[\w .]{1,40}?#[ \t]?\d{1,3}[A-Z]?-\d{1,3}\b"
    # Yenimahalle Mah. Bağdat Caddesi No:76
    rf"|\b{_TITLE}[ \t]+Mah(?:\.|allesi)[ \t]+(?:{_TITLE}[ \t]+){{1,3}}"
    rf"(?:Caddesi|Cad\.|Sokak|Sok\.|Bulvarı|Blv\.)[ \t]+No:?[ \t]*\d{{1,4}}"
    r")"
)

# Shapes the patterns above miss, each anchored on a house or box number: addresses typed in
# lower case ("179 albert terrace", "bahnhofstraße 148", "53 avenue de chauvet"), German "Am
# Markt 32" / "Im Winkel 70a", post-office boxes, and Japanese chome-ban-go ("3-23-2
# Nakameguro", "Osaka Kita-ku Umeda 3-12-10").
_LOWER_WORD = r"[a-zà-ÿ'’]+"
_NOT_STREET_WORD = (
    r"(?!(?:the|a|an|of|to|from|and|or|in|on|at|my|your|our|his|her|their|down|up|more|times"
    r"|minutes|hours|days|weeks|months|years|miles|km|people|items|steps|ways"
    r"|gb|mb|kb|tb|pb|ghz|mhz|usd|eur|gbp|inr|pm|am)\b)"
)
_LOWER_STREET_TYPES = (
    r"street|st|road|rd|avenue|ave|lane|ln|drive|dr|terrace|close|way|vista|mall|gardens?"
    r"|court|ct|place|pl|crescent|boulevard|blvd|circle|parkway|pkwy|highway|hwy|row|mews|grove"
    r"|walk|square|sq|rise|turnpike|loop|trail|heights|park|view|hill"
)
_EXTRA_ADDRESS_RE = re.compile(
    r"(?P<pii>"
    rf"(?i:\b\d{{1,5}}[a-z]?(?:{_GAP}{_NOT_STREET_WORD}{_LOWER_WORD}){{1,3}}{_GAP}"
    rf"(?:{_LOWER_STREET_TYPES})\b)"
    rf"|\b(?:[a-zäöüß]+-)*[a-zäöüß]+(?:{_DE_SUFFIX}){_GAP}?\d{{1,4}}[a-z]?\b"
    rf"|\b(?i:am|im|an[ \t]+der|auf[ \t]+der|in[ \t]+der|zum|zur|an[ \t]+den){_GAP}"
    rf"(?:{_DE_WORD}|[a-zäöüß]{{3,}})(?:{_GAP}{_DE_WORD})?{_GAP}\d{{1,4}}[a-zA-Z]?\b"
    rf"|(?i:\b\d{{1,4}}(?:[ \t]?(?:bis|ter))?,?{_GAP}(?:{_LEADING_TYPES}))"
    rf"(?:{_GAP}(?:{_PARTICLE}|{_LOWER_WORD})){{1,4}}(?=[ \t]*(?:,|\n|$))"
    rf"|(?i:\b(?:calle|av\.|avenida|rua|via|viale|rue|avenue|boulevard|blvd\.?))"
    rf"(?:{_GAP}(?:{_PARTICLE}|{_LOWER_WORD}|\d{{1,2}}[ \t]de)){{1,4}},?{_GAP}\d{{1,5}}\b"
    r"|(?i:\b(?:p\.?[ \t]?o\.?[ \t]?box|post[ \t]+office[ \t]+box|postfach|postbus"
    r"|apartado(?:[ \t]+de[ \t]+correos)?|caixa[ \t]+postal|casella[ \t]+postale))[ \t]*\d{1,6}\b"
    r"|\bBP[ \t]+\d{1,5}\b"
    r"|(?i:\b(?:h\.[ \t]?no\.?|house[ \t]+no\.?|plot[ \t]+no\.?|door[ \t]+no\.?))"
    r"[ \t]*\d[\w/-]{0,10}"
    rf"|(?:\b\d{{3}}-\d{{4}}{_GAP})?(?:[A-Z][a-z]+(?:-(?:ku|shi|gun|cho|machi))?{_GAP}){{1,4}}"
    r"\d{1,2}-\d{1,2}-\d{1,3}\b"
    rf"|\b\d{{1,2}}-\d{{1,2}}-\d{{1,3}}{_GAP}(?:[A-Za-z][a-z]+)(?:{_GAP}(?:nishi|higashi|kita"
    r"|minami|[A-Z][a-z]+))?"
    r")"
)

# Widening a found address over the segments around it ("<street 5>, piso 6, puerta 7, 37004
# Salamanca"; "Flat 9, <104 Manor Way>"): a segment is a run between separators; it belongs to
# the address when it is short, holds no prose word, and either holds a digit (a unit, a
# postcode) or is a place name that a digit-bearing segment follows.
_SEGMENT_SEPARATOR = r"[ \t]*(?:,|·|;|\n|[ \t][-–][ \t]|/)[ \t]*"
_NEXT_SEGMENT = re.compile(
    rf"(?P<sep>{_SEGMENT_SEPARATOR})(?P<seg>[^,·;\n/:()!?]{{1,40}}?)"
    rf"(?=[ \t]*(?:,|·|;|\n|[ \t][-–][ \t]|/|[.!?](?:[ \t]|$)|$|\(|\)|!|\?"
    rf"|[ \t]+(?i:but|and|pero|y|und|aber|et|mais|e|ma|en)\b))"
)
_GLUED_SUFFIX = re.compile(
    r"(?:[ \t]?(?:bis|ter)\b|[-/][A-Za-z0-9]{1,4}\b(?:/\d{1,3})*"
    r"|[ \t]+(?:Depto|Dpto|Int|Apto|Apt|Piso|Esq|dcha|izq|bajo|Bl|Bloco|Unit|Suite)\.?"
    r"(?:[ \t]*[\w/ºª-]{1,6}\b)?\.?|[ \t]*\([A-Z]{2}\))",
    re.IGNORECASE,
)
_PREVIOUS_SEGMENT = re.compile(r"(?P<seg>[^,·;\n:()]{1,40}),[ \t]*$")
_UNIT_WORDS = frozenset(
    [
        "flat",
        "apt",
        "apartment",
        "unit",
        "suite",
        "floor",
        "plot",
        "h.no.",
        "no.",
        "house",
        "block",
        "tower",
        "heights",
        "maison",
        "residence",
        "résidence",
        "bât.",
        "bât",
        "bldg",
        "building",
        "court",
        "apartments",
        "piso",
        "bloco",
        "casa",
    ]
)
_PROSE_WORDS = frozenset(
    [
        "the",
        "a",
        "an",
        "is",
        "was",
        "are",
        "were",
        "be",
        "been",
        "my",
        "your",
        "our",
        "his",
        "her",
        "their",
        "its",
        "i",
        "you",
        "he",
        "she",
        "we",
        "they",
        "me",
        "him",
        "it",
        "this",
        "that",
        "to",
        "at",
        "for",
        "from",
        "with",
        "and",
        "but",
        "or",
        "so",
        "if",
        "please",
        "thanks",
        "thank",
        "call",
        "contact",
        "tel",
        "phone",
        "email",
        "mail",
        "ask",
        "of",
        "by",
        "as",
        "not",
        "can",
        "could",
        "would",
        "will",
        "should",
        "has",
        "have",
        "had",
        "do",
        "does",
        "did",
        "just",
        "also",
        "then",
        "there",
        "here",
        "when",
        "where",
        "which",
        "who",
        "instead",
        "now",
        "still",
        "only",
        "old",
        "new",
        "one",
        "address",
        "es",
        "y",
        "pero",
        "que",
        "para",
        "por",
        "con",
        "mi",
        "su",
        "lo",
        "un",
        "una",
        "el",
        "los",
        "las",
        "nos",
        "se",
        "le",
        "al",
        "dirección",
        "domicilio",
        "und",
        "ist",
        "bei",
        "mein",
        "meine",
        "aber",
        "ich",
        "bitte",
        "laut",
        "wurde",
        "an",
        "der",
        "die",
        "das",
        "ein",
        "eine",
        "zu",
        "mit",
        "für",
        "nicht",
        "et",
        "est",
        "mais",
        "chez",
        "moi",
        "pour",
        "je",
        "mon",
        "ma",
        "mes",
        "une",
        "dans",
        "sur",
        "e",
        "em",
        "nome",
        "meu",
        "minha",
        "o",
        "os",
        "um",
        "uma",
        "para",
        "è",
        "per",
        "mio",
        "mia",
        "il",
        "gli",
        "en",
        "bij",
        "mijn",
        "het",
        "een",
        "op",
    ]
) - {"de", "del", "la", "van", "der", "da", "dos", "di", "du", "le"}


def _segment_words(segment: str) -> list[str] | None:
    """The segment's words, or None when it reads as prose (too long, or a prose word) or as
    a phone number (a leading "+", ten digits or more)."""
    words = segment.split()
    if not words or len(words) > 4:
        return None
    if segment.lstrip().startswith("+") or sum(c.isdigit() for c in segment) >= 10:
        return None
    if any(w.lower().strip(".,'’") in _PROSE_WORDS for w in words):
        return None
    return words


def _address_widened(text: str, start: int, end: int) -> tuple[int, int]:
    """The address span grown over the unit, place and postcode segments around it."""
    if glued := _GLUED_SUFFIX.match(text, end):
        end = glued.end()
    pending: list[re.Match[str]] = []
    cursor = end
    while len(pending) < 4 and (segment := _NEXT_SEGMENT.match(text, cursor)):
        if _segment_words(segment.group("seg")) is None:
            break
        pending.append(segment)
        cursor = segment.end()
        if any(c.isdigit() for c in segment.group("seg")):
            end = segment.end()
            pending = []
            if glued := _GLUED_SUFFIX.match(text, end):
                end = cursor = glued.end()
    for _ in range(3):
        before = _PREVIOUS_SEGMENT.search(text, 0, start)
        if before is None:
            break
        words = before.group("seg").split()
        prose = [i for i, w in enumerate(words) if w.lower().strip(".,'’") in _PROSE_WORDS]
        tail = words[prose[-1] + 1 :] if prose else words
        unit = bool(tail) and (
            any(c.isdigit() for c in " ".join(tail)) or tail[0].lower() in _UNIT_WORDS
        )
        if not unit or len(tail) > 3:
            break
        start = before.end("seg") - len(" ".join(tail))
        if prose:
            break
    return start, end


# After "I live at" or "my address is", a house number and capitalized words are an address
# even when the street type is one the pattern above does not know ("12 Rue Lepic", "14 Nehru
# Marg") or is missing; a city and postcode may follow. After "ship it to" or "send to" the
# city and postcode are required, since "send it to 3 Different Teams" is no address.
_ADDRESS_CUE = (
    r"i[ \t]+live[ \t]+at|i[ \t]+(?:reside|stay)[ \t]+at|(?:living|residing|located)[ \t]+at"
    r"|(?:my|our|home|postal|mailing|delivery|shipping|billing)[ \t]+address"
    r"(?:[ \t]+is|[ \t]*:)|address[ \t]*:"
)
_SHIP_CUE = (
    r"(?:ship|deliver|send|mail|post)(?:[ \t]+(?:it|them|this|(?:the|my)[ \t]+\w+))?[ \t]+to"
)
_CUED_STREET = (
    rf"\d{{1,5}}[A-Za-z]?(?:[/-]\d{{1,4}}[A-Za-z]?)?,?"
    rf"(?:{_GAP}(?:{_PARTICLE}{_GAP})?{_STREET_WORD}){{1,5}}"
)
_CUED_ADDRESS_RE = re.compile(
    rf"(?i:\b(?:{_ADDRESS_CUE}))[ \t]*(?P<pii>{_CUED_STREET}{_ADDRESS_TAIL}?)"
    rf"|(?i:\b(?:{_SHIP_CUE}))[ \t]+(?P<shipped>{_CUED_STREET}{_ADDRESS_TAIL})"
)


# the words of `_PARTICLE`, plus Arabic ones the name model meets inside names
_PARTICLES = frozenset(re.findall(r"[a-z]+", _PARTICLE)) | {"bin", "ibn", "al", "el", "abu", "ben"}


def _function_words() -> frozenset[str]:
    from spacy.lang.de.stop_words import STOP_WORDS as GERMAN
    from spacy.lang.en.stop_words import STOP_WORDS as ENGLISH
    from spacy.lang.es.stop_words import STOP_WORDS as SPANISH

    return frozenset(ENGLISH | GERMAN | SPANISH) - _PARTICLES


_FUNCTION_WORDS = _function_words()


_LOWERCASE_NAME_CUE = re.compile(
    rf"(?:\b(?:i[ \t]+am|i'?m|its|it's|this[ \t]+is|my[ \t]+name[ \t]+is|name[ \t]*:"
    rf"|account[ \t]+holder|(?:account|booking|order)[ \t]+is[ \t]+under|under[ \t]+the[ \t]+name"
    rf"|tell|add|ask|invite|ping|message|text|cc|my[ \t]+ex|sag|dile|dis[ \t]+à)"
    rf")[ \t]+(?P<first>[{_LO}]+(?:-[{_LO}]+)?)(?:[ \t]+(?P<second>[{_LO}]+(?:-[{_LO}]+)?))?"
)
# every pair of lowercase words, overlapping (the match itself is empty)
_LOWERCASE_PAIR = re.compile(
    rf"(?<![\w@.'’-])(?=(?P<first>[{_LO}]{{2,}})[ \t]+(?P<second>[{_LO}]{{2,}})(?![\w@'’-]))"
)
_NAME_END = re.compile(r"[ \t]*(?:$|[,.;:!?)\n]|and\b|again\b|here\b|from\b)")
# after a name: an initial, a particle or a capitalised word (hyphens and apostrophes inside)
_NAME_CONTINUES = re.compile(
    rf"[ \t]+(?P<word>[{_UP}]\.|(?:{_PARTICLE}|'t|Mac|Mc|Ó|Ní|Nic)(?=[ \t]+(?:[{_UP}]|'t\b))|"
    rf"(?:[{_UP}]['’])?[{_UP}][{_LO}]+(?:[-'’][{_UP}]?[{_LO}]+)*)"
)
_NAME_PRECEDES = re.compile(rf"(?P<word>(?:[{_UP}][{_LO}]+|{_PARTICLE}))[ \t]+")
# a run of letters of a script without case (CJK, Hangul, Arabic) or Cyrillic and Greek, up to
# four words: in a Latin-script log, almost always a name
_OTHER_SCRIPT_RUN = re.compile(
    r"[^\W\d_a-zA-Z\u00c0-\u024f]{2,}(?:[ \t]+[^\W\d_a-zA-Z\u00c0-\u024f]{2,}){0,3}"
)


# A form field whose value is a name, up to the end of its line or field: "Name: JOEL RITTER",
# "Prénom : Marie", "Destinatário: PIETRA LOPES", "Parent/Guardian: Lai Xiuying", "name on
# card RYAN ROBINSON", "titular Mercedes Jurado Godoy", "From: Nyokabi Chebet <...>".
_NAME_FIELD_LABEL = (
    r"(?:full[ \t]+|first[ \t]+|last[ \t]+|given[ \t]+|family[ \t]+|sur)?name|sender|recipient"
    r"|applicant|addressee|policyholder|policy[ \t]+holder|cardholder|card[ \t]+holder"
    r"|account[ \t]+holder|parent/guardian|parent|guardian|emergency[ \t]+contact|student"
    r"|patient|passenger|traveller|traveler|employee|tenant|landlord|beneficiary|payee"
    r"|destinatário|remetente|titular|titulaire|intestatario|nom|prénom|nombre|apellidos?"
    r"|nome|cognome|vorname|nachname|empfänger|absender|kontoinhaber|begünstigter"
    r"|naam|voornaam|achternaam|from|to|cc"
)
_NAME_VALUE = r"[^\W\d_][\w'’.-]*(?:[ \t]+[^\W\d_][\w'’.-]*){0,4}"
_NAME_FIELD = re.compile(
    rf"(?im:^[ \t]*(?:{_NAME_FIELD_LABEL})[ \t]*:[ \t]*)(?P<pii>{_NAME_VALUE})"
    rf"(?=[ \t]*(?:\n|$|[,;|(]|<))"
    rf"|(?i:\b(?:name[ \t]+on[ \t]+(?:the[ \t]+)?card|titular|titulaire|intestatario"
    rf"|account[ \t]+holder|beneficiary)[ \t:]+)(?P<held>{_NAME_VALUE})(?=[ \t]*(?:$|[,;.|(]))"
)
# A greeting before a name and a comma: "Hi Adeniyi, I left the keys", "Hola Begoña!".
_GREETED_NAME = re.compile(
    rf"(?i:\b(?:hi|hello|hey|hola|hallo|bonjour|salut|ciao|olá|oi|dear))[ \t]+"
    rf"(?!(?:Team|All|Everyone|There|Folks|Guys|Support|Again|Sir|Madam|Friends?)\b)"
    rf"(?P<pii>{_TITLE}(?:[ \t]+{_TITLE})?)(?=[ \t]*[,!\n])"
)
# Initials before a surname ("A.K. Powell", "S O Miura", "M. C. Al Nahyan") and a given name,
# a middle initial and a surname ("Manabu R. Ishii", "Ji-woo S. Hwang").
_INITIALLED_NAME = re.compile(
    rf"(?P<pii>(?<![\w.])(?!(?:U\.S|U\.K|E\.U|P\.S|A\.M|P\.M|D\.C|N\.Y|L\.A|Q\.E\.D)\.)"
    rf"(?:[{_UP}]\.[ \t]?){{1,3}}(?!(?:No|Nr|St|Co|Ltd|Inc|Mt)\b){_TITLE}(?:[ \t]+{_TITLE})?"
    rf"|\b[{_UP}][ \t][{_UP}][ \t]{_TITLE}"
    rf"|\b{_TITLE}[ \t]+[{_UP}]\.[ \t]+{_TITLE})"
)


# A pasted chat: speaker labels at line starts ("[10:42] Frank: hey", "Adaeze : chez moi").
_SPEAKER = re.compile(
    rf"(?m)^[ \t]*(?P<stamp>\[\d{{1,2}}:\d{{2}}(?::\d{{2}})?\][ \t]*)?"
    rf"(?P<pii>{_TITLE}(?:[ \t]+{_TITLE}){{0,2}})[ \t]?:[ \t]"
)
_NOT_SPEAKERS = frozenset(
    [
        "subject",
        "date",
        "from",
        "to",
        "cc",
        "bcc",
        "name",
        "address",
        "phone",
        "email",
        "e-mail",
        "note",
        "notes",
        "re",
        "fw",
        "fwd",
        "agent",
        "customer",
        "user",
        "assistant",
        "bot",
        "system",
        "support",
        "admin",
        "moderator",
        "q",
        "a",
        "question",
        "answer",
        "update",
        "warning",
        "error",
        "edit",
        "ps",
        "nb",
        "tip",
        "important",
        "reason",
        "step",
        "result",
        "summary",
        "title",
        "status",
        "kunde",
        "cliente",
        "client",
        "agente",
        "usuario",
        "nutzer",
    ]
)


def _transcript_speakers(text: str) -> list[tuple[int, int]]:
    """Speaker names of a pasted chat, which a label that starts two lines or more (form
    fields do not repeat, speakers take turns) or a timestamp shows the text to be; role and
    form words ("Agent:", "Subject:") are not names."""
    labels = [m for m in _SPEAKER.finditer(text) if m.group("pii").lower() not in _NOT_SPEAKERS]
    turns = Counter(m.group("pii") for m in labels)
    chat = any(m.group("stamp") for m in labels) or any(n > 1 for n in turns.values())
    return [m.span("pii") for m in labels] if chat else []


class PersonRecognizer(LocalRecognizer):
    """Names from cue phrases and a first/last-name lexicon; no NLP model needed."""

    _STRONG_CUES = (
        r"(?:regards|thanks|thank[ \t]+you|cheers|best|sincerely|saludos|atentamente"
        r"|gr(?:ü|ue)(?:ß|ss)e|gru(?:ß|ss)),?[ \t]*(?=\n)"
        r"|my[ \t]+(?:mother|father|mom|mum|dad|son|daughter|wife|husband|brother|sister|friend"
        r"|boss|colleague|coworker|neighbou?r|landlord|landlady|partner|grandmother|grandfather"
        r"|aunt|uncle|cousin|tenant|employee|manager|patient|client|customer|student|pupil"
        r"|teacher|doctor|nurse|therapist|lawyer|attorney|roommate|flatmate|girlfriend|boyfriend"
        r"|fiancée?|assistant|supervisor)"
        r"|mi[ \t]+(?:madre|padre|hijo|hija|esposa|esposo|marido|mujer|hermano|hermana|amigo|amiga"
        r"|jefe|jefa|vecino|vecina|abuela|abuelo|compañer[oa]|casero|casera)"
        r"|mein(?:e[rn]?)?[ \t]+(?:Mutter|Vater|Sohn|Tochter|Frau|Mann|Bruder|Schwester|Freund"
        r"|Freundin|Chef|Chefin|Kollegen?|Kollegin|Nachbarn?|Nachbarin|Vermieter|Vermieterin"
        r"|Oma|Opa)"
        r"|my[ \t]+name[ \t]+is|my[ \t]+name's|full[ \t]+name[ \t]*:|name[ \t]*:|call[ \t]+me"
        r"|dear|estimad[oa]|sehr[ \t]+geehrte[r]?|signed"
        r"|cardholder[ \t]*:?|account[ \t]+holder[ \t]*:?"
        r"|me[ \t]+llamo|mi[ \t]+nombre[ \t]+es|nombre[ \t]*:|se[ \t]+llama"
        r"|ich[ \t]+hei(?:ß|ss)e|mein[ \t]+name[ \t]+ist|hei(?:ß|ss)t"
    )
    _TITLES = (
        r"Mr|Mrs|Ms|Mx|Miss|Dr|Dra|Prof|Sr|Sra|Srta|Dña|Don|Doña|Herr|Herrn|Frau|Fr|M|Mme|Mlle"
        r"|Monsieur|Madame|[Ss]ignor|[Ss]ignora|Sig|Sig\.ra|Dott|Dott\.ssa|Avv|Ing|Dhr|Mevr"
    )
    _WEAK_CUES = (
        r"i'm|i[ \t]+am|this[ \t]+is|it's|patient|customer|client|user|contact|ask|tell|from"
        r"|patientin|patienten|hi|hello|hey|regards,?|thanks,?|cheers,?|best,?|sincerely,?"
        r"|soy|hola|querid[oa]|paciente|cliente|saludos,?|atentamente,?"
        r"|ich[ \t]+bin|hallo|liebe|lieber|kunde|kundin|gr(?:ü|ue)(?:ß|ss)e,?"
        r"|gru(?:ß|ss),?|mit[ \t]+freundlichen[ \t]+gr(?:ü|ue)(?:ß|ss)en,?"
    )
    # "This is Ananya Iyer writing", "I'm Rahul Mehta here": a weak cue that reads as a
    # self-introduction counts as a strong one.
    _INTRO_CUES = frozenset(("this is", "i'm", "i am", "it's"))
    _INTRO_END = re.compile(r"[ \t,]+(?:writing|here|speaking|calling|again)\b")
    _NAME_RUN = rf"{_TITLE}(?:{_GAP}(?:{_PARTICLE}{_GAP})?{_TITLE}){{0,3}}"

    def __init__(
        self,
        first_names: Iterable[str],
        last_names: Iterable[str],
        wide_first_names: Iterable[str] = (),
        wide_last_names: Iterable[str] = (),
    ) -> None:
        self.first_names = frozenset(first_names) - _NOT_NAME_WORDS
        self.last_names = frozenset(last_names) - _NOT_NAME_WORDS
        # The wider lists: a name after a weak cue when two or more words long, or cue-free
        # when a wide first name is followed by a known last name ("Rahul Patel").
        self.wide_first = (frozenset(wide_first_names) - _NOT_NAME_WORDS) | self.first_names
        self.wide_last = (frozenset(wide_last_names) - _NOT_NAME_WORDS) | self.last_names
        self.first_lower = frozenset(n.lower() for n in self.first_names)
        self.wide_first_lower = frozenset(n.lower() for n in self.wide_first)
        self.wide_last_lower = frozenset(n.lower() for n in self.wide_last)
        after = r"(?:[ \t]+|[ \t]*\n[ \t]*)"
        lowercase_run = rf"[{_LO}]+(?:{_GAP}[{_LO}]+)?"
        self._cues = (
            (
                "strong",
                re.compile(
                    rf"(?i:\b(?:{self._STRONG_CUES})){after}(?P<pii>{self._NAME_RUN}|{lowercase_run})"
                ),
            ),
            (
                "title",
                re.compile(rf"\b(?:(?:{self._TITLES})\.?{_GAP})+(?P<pii>{self._NAME_RUN})"),
            ),
            ("field", _NAME_FIELD),
            ("greeting", _GREETED_NAME),
            ("initials", _INITIALLED_NAME),
            ("weak", re.compile(rf"(?i:\b(?:{self._WEAK_CUES})){after}(?P<pii>{self._NAME_RUN})")),
        )
        self._runs = re.compile(rf"(?<![\w@/.])(?P<pii>{self._NAME_RUN})(?![\w@])")
        self._token = re.compile(_TITLE)
        super().__init__(supported_entities=["PERSON"], name="PersonRecognizer")

    def load(self) -> None:
        """The lexicon is passed in, so there is nothing to load."""

    def lowercase_cued_names(self, text: str) -> list[tuple[int, int]]:
        """All-lowercase names after a self-introduction or account cue ("hi i am kristi smith
        and", "hey its bradley again", "account holder henry wood"): the first word must be a
        listed given name; a second counts when listed as a surname, or when the name ends
        there (before "and", "again", punctuation or the end)."""
        spans = []
        for match in _LOWERCASE_NAME_CUE.finditer(text):
            first = match.group("first")
            if first not in self.wide_first_lower or first in _FUNCTION_WORDS:
                continue
            start, end = match.span("first")
            second = match.group("second")
            if (
                second
                and second not in _FUNCTION_WORDS
                and (second in self.wide_last_lower or _NAME_END.match(text, match.end("second")))
            ):
                end = match.end("second")
            spans.append((start, end))
        return spans

    def lowercase_listed_names(self, text: str) -> list[tuple[int, int]]:
        """Two lowercase words that are a listed given name and a listed surname ("my ex nicole
        hughes", "tell lei min i said hi"), with no cue: words that are also common words are
        not in the lists, and function words never count."""
        spans = []
        for match in _LOWERCASE_PAIR.finditer(text):
            first, second = match.group("first"), match.group("second")
            if (
                first in self.wide_first_lower
                and second in self.wide_last_lower
                and first not in _FUNCTION_WORDS
                and second not in _FUNCTION_WORDS
            ):
                spans.append((match.start("first"), match.end("second")))
        return spans

    def extended(self, text: str, start: int, end: int) -> tuple[int, int]:
        """A found name widened over the rest of its run: middle initials ("Deborah F.
        Sullivan"), particles ("Sanne van 't Hof") and capitalised words after it, and listed
        names or particles before it ("Ngo Van An")."""
        while match := _NAME_CONTINUES.match(text, end):
            if match.group("word").lower() in _FUNCTION_WORDS and not self._is_name(
                match.group("word")
            ):
                break
            end = match.end()
        while match := _NAME_PRECEDES.search(text, 0, start):
            word = match.group("word")
            if match.end() != start or not (
                word in self.wide_first or word in self.wide_last or word.lower() in _PARTICLES
            ):
                break
            start = match.start()
        return start, end

    def plausible_model_name(self, span: str) -> bool:
        """Whether a PERSON the statistical model found reads as a name.

        The English model tags capitalised German and Spanish words as people ("Mein Profil",
        "Rechnung"): a span holding a function word of English, German or Spanish, a short
        all-capitals token ("GB", "API") or a lowercase word other than a name particle is not
        a name (unless it is also a listed name: "Ella", "Sean", "Lange"); a one-word span must
        be in the name lists, and one of three words or more must be a core-list name.
        """
        words = [word.strip(".,;:'’\"()") for word in span.split()]
        for position, word in enumerate(words):
            lower = word.lower()
            if lower in _PARTICLES and 0 < position < len(words) - 1:
                continue
            if word[:1].islower() or (lower in _FUNCTION_WORDS and not self._is_name(word)):
                return False
            if word.isupper() and len(word) <= 3:
                return False
        if len(words) == 1:
            return words[0] in self.wide_first or words[0] in self.wide_last
        # three words and more ("Adobe Acrobat Reader") must hold a name of the core lists (the
        # wide last-name lists hold too many words)
        return len(words) == 2 or any(self._is_name(w) for w in words)

    def _is_name(self, token: str) -> bool:
        return token in self.first_names or token in self.last_names

    def _trim(self, text: str, start: int, end: int) -> tuple[int, int] | None:
        """Cut a capitalized run at the first word that is not plausibly part of a name."""
        tokens = list(self._token.finditer(text, start, end))
        kept_end = None
        for token in tokens:
            if token.group() in _STOP_WORDS:
                break
            kept_end = token.end()
        return (start, kept_end) if kept_end is not None else None

    def analyze(
        self, text: str, entities: list[str], nlp_artifacts: object = None
    ) -> list[RecognizerResult]:
        spans: list[tuple[int, int]] = []
        for kind, cue in self._cues:
            for match in cue.finditer(text):
                span = self._cued_span(kind, text, match)
                if span:
                    spans.append(span)
        spans += _transcript_speakers(text)
        for match in self._runs.finditer(text):
            span = self._lexicon_span(text, *match.span("pii"))
            if span:
                spans.append(span)
        return [RecognizerResult("PERSON", s, e, 0.7) for s, e in spans]

    def _cued_span(self, kind: str, text: str, match: re.Match[str]) -> tuple[int, int] | None:
        """After a strong cue or a title a capitalized run is a name; weak cues need the lexicon."""
        start, end = match.span("pii")
        if kind in ("field", "initials", "greeting"):
            return start, end
        words = match.group("pii").split()
        if words[0][0].islower():
            if kind != "strong" or words[0] not in self.first_lower:
                return None
            keep_both = len(words) > 1 and words[1].capitalize() in self.last_names
            return start, end if keep_both else start + len(words[0])
        span = self._trim(text, start, end)
        if kind != "weak" or span is None or self._is_name(words[0]):
            return span
        cue = " ".join(text[match.start() : start].split()).lower()
        if cue in self._INTRO_CUES and self._INTRO_END.match(text, span[1]):
            return span
        # A weak cue ("this is", "I'm", "patient") before two or more capitalized words: a name
        # when it starts with a given name from the wider lists (or one that is also a word, like
        # "Grace") or ends in a core last name: "This is Ananya Iyer", not "This is Visual Studio"
        # (the wide last-name lists hold too many words: "Adobe Acrobat Reader").
        kept = [t.group() for t in self._token.finditer(text, *span)]
        if len(kept) < 2:
            return None
        if kept[0] in self.wide_first or kept[0] in _NAME_LIKE_WORDS:
            return span
        return span if kept[-1] in self.last_names else None

    def _lexicon_span(self, text: str, start: int, end: int) -> tuple[int, int] | None:
        """A run is a name when it starts with a known first name (and is not just a word)."""
        tokens = list(self._token.finditer(text, start, end))
        for i, token in enumerate(tokens):
            word = token.group()
            if word not in self.first_names:
                # A given name from the wider lists needs a known last name right after it.
                after = tokens[i + 1].group() if i + 1 < len(tokens) else ""
                if word not in self.wide_first or after not in self.wide_last:
                    continue
            run_end = token.end()
            for nxt in tokens[i + 1 :]:
                if nxt.group() in _STOP_WORDS:
                    break
                run_end = nxt.end()
            return token.start(), run_end
        return None


# ---------------------------------------------------------------------------------------------
# Presidio recognizers, adapted where the stock behaviour does not fit


class _OfflineEmailRecognizer(EmailRecognizer):
    """Presidio's email recognizer with a suffix list that is never fetched from the network."""

    _tld = tldextract.TLDExtract(suffix_list_urls=(), cache_dir=None)

    def validate_result(self, pattern_text: str) -> bool:
        return self._tld(pattern_text.rsplit("@", 1)[-1]).fqdn != ""


class _SsnRecognizer(UsSsnRecognizer):
    """Only separated 3-2-4 SSNs, or 9 bare digits after an SSN cue: order ids are not SSNs."""

    _cue = re.compile(
        r"(?i)(?:ssn|social[ \t]+security|soc\.?[ \t]*sec|seguro[ \t]+social|seguridad[ \t]+social"
        r"|sozialversicherung)[^\n\d]{0,25}$"
    )

    def analyze(
        self,
        text: str,
        entities: list[str],
        nlp_artifacts: object = None,
        regex_flags: int | None = None,
    ) -> list[RecognizerResult]:
        kept = []
        for result in super().analyze(text, entities, nlp_artifacts, regex_flags):
            digits = text[result.start : result.end]
            separated = re.fullmatch(r"\d{3}([- .])\d{2}\1\d{4}", digits)
            if separated or (digits.isdigit() and self._cue.search(text, 0, result.start)):
                kept.append(result)
        return kept


class _PhoneRecognizer(PhoneRecognizer):
    """Presidio's libphonenumber-based recognizer, run only where a number could be.

    Scanning whole texts once per region dominated redaction time, so each region's matcher
    only sees digit runs (plus one character of context either side). Numbers written with
    a leading '+' are also accepted when merely *possible*: libphonenumber's "valid" check
    rejects unassigned ranges and a digit too many or too few, yet a number someone typed is
    still their contact detail.
    """

    _candidate = re.compile(r"(?:\+|\(|\b)\d[\d \t().\-/]{5,}\d")
    # "call me back on", "reach me at", "text me at", "contact me on": up to three words between.
    _cue = re.compile(
        r"(?i)\b(?:phone|tel|call|cell|mobile|text|whatsapp|sms|fax|(?:reach|contact|ring|dial)\b"
        r"|número|numero|teléfono|telefono|móvil|movil|llamar?|nummer|handy|anruf|erreichbar)"
        r"\W*(?:\w+\W+){0,3}$"
    )
    # North American numbers typed 3-3-4 with separators. libphonenumber rejects area codes not
    # (yet) assigned, such as 798, but "798-555-0134" is still someone's number: NXX-NXX-XXXX
    # always counts, any 3-3-4 grouping (spaces, a leading 0 or 1) only after a phone cue.
    _nanp = re.compile(
        r"(?<![\w+\-.])(?:\+?1[ .\-]?)?(?:\([2-9]\d{2}\)[ \t]?|[2-9]\d{2}(?P<sep>[-.]))"
        r"[2-9]\d{2}(?(sep)(?P=sep)|[-.])\d{4}(?![\w\-]|[.,/]\d)"
    )
    _nanp_loose = re.compile(
        r"(?<![\w+\-.])(?:\(\d{3}\)|\d{3})[-. \t]?\d{3}[-. \t]\d{4}(?![\w\-]|[.,/]\d)"
    )

    def analyze(
        self, text: str, entities: list[str], nlp_artifacts: object = None
    ) -> list[RecognizerResult]:
        results = []
        for candidate in self._candidate.finditer(text):
            if sum(c.isdigit() for c in candidate.group()) < 7:
                continue
            spans = set()
            if self._could_hold_phone(candidate.group()):
                spans = self._matches(text, candidate)
            lo, hi = max(0, candidate.start() - 1), min(len(text), candidate.end() + 1)
            window = text[lo:hi]
            if "+" in window:
                loose = phonenumbers.PhoneNumberMatcher(window, None, leniency=Leniency.POSSIBLE)
                spans.update((lo + m.start, lo + m.end) for m in loose)
            results.extend(RecognizerResult("PHONE_NUMBER", s, e, self.SCORE) for s, e in spans)
        for match in self._nanp.finditer(text):
            results.append(RecognizerResult("PHONE_NUMBER", *match.span(), self.SCORE))
        for match in self._nanp_loose.finditer(text):
            if self._cue.search(text, max(0, match.start() - 40), match.start()):
                results.append(RecognizerResult("PHONE_NUMBER", *match.span(), self.SCORE))
        return results

    def _could_hold_phone(self, run: str) -> bool:
        """Cheap pre-check before the matcher.

        Card and IBAN digit runs are too long to be a phone number unless they join several
        '+' numbers, and a run that no region deems a possible number holds no valid one.
        """
        digits = sum(c.isdigit() for c in run)
        if digits > 15:
            return "+" in run
        for region in self.supported_regions:
            try:
                if phonenumbers.is_possible_number(phonenumbers.parse(run, region)):
                    return True
            except phonenumbers.NumberParseException:
                continue
        return False

    def _matches(self, text: str, candidate: re.Match[str]) -> set[tuple[int, int]]:
        """libphonenumber's matcher per region, on the run plus one character either side.

        Stops at the first region whose match covers the whole run.
        """
        lo, hi = max(0, candidate.start() - 1), min(len(text), candidate.end() + 1)
        window = text[lo:hi]
        spans: set[tuple[int, int]] = set()
        for region in self.supported_regions:
            for m in phonenumbers.PhoneNumberMatcher(window, region, leniency=self.leniency):
                if self._plausible(text, lo + m.start, lo + m.end):
                    spans.add((lo + m.start, lo + m.end))
            if any(s <= candidate.start() and e >= candidate.end() for s, e in spans):
                break
        return spans

    def _plausible(self, text: str, start: int, end: int) -> bool:
        """A short bare digit run (an order id, say) only counts as a phone after a phone cue."""
        if start and (text[start - 1].isalnum() or text[start - 1] in "-/#_="):
            return False
        number = text[start:end]
        if sum(c.isdigit() for c in number) >= 9 or number[0] in "0+(":
            return True
        return self._cue.search(text, max(0, start - 30), start) is not None


class _IpRecognizer(IpRecognizer):
    """Presidio's IP recognizer without the bare "::", which is mostly `License :: OSI` noise."""

    def invalidate_result(self, pattern_text: str) -> bool:
        bare_unspecified = pattern_text.startswith("::") and len(pattern_text) <= 3
        return bare_unspecified or super().invalidate_result(pattern_text)


_ASCII_UPPER = str.maketrans("abcdefghijklmnopqrstuvwxyz", "ABCDEFGHIJKLMNOPQRSTUVWXYZ")


class _IbanRecognizer(IbanRecognizer):
    """Presidio's mod-97-checked IBAN recognizer, for IBANs typed in lower case too."""

    def analyze(
        self,
        text: str,
        entities: list[str],
        nlp_artifacts: object = None,
        regex_flags: int | None = None,
    ) -> list[RecognizerResult]:
        # an ASCII-only upper-casing keeps every offset where it was
        return super().analyze(text.translate(_ASCII_UPPER), entities, nlp_artifacts, regex_flags)


class _CardRecognizer(CreditCardRecognizer):
    """Presidio's Luhn-checked card recognizer, also covering Mastercard's 2221-2720 range."""

    def __init__(self) -> None:
        patterns = [
            *self.PATTERNS,
            Pattern(
                "Mastercard 2-series",
                r"\b2[2-7]\d{2}[- ]?\d{4}[- ]?\d{4}[- ]?\d{4}\b",
                0.3,
            ),
            # every brand's length, 12 (Maestro) to 19 digits, grouped or not; Luhn decides
            Pattern("Any brand, 12-19 digits", r"(?<![\d.,])\d(?:[ -]?\d){11,18}(?![\d.,])", 0.3),
        ]
        super().__init__(patterns=patterns)

    _longer_number_before = re.compile(r"(?:\d|\b[A-Z]{2}\d{2})[ -]?$")
    _longer_number_after = re.compile(r"[ -]?\d")

    def analyze(
        self,
        text: str,
        entities: list[str],
        nlp_artifacts: object = None,
        regex_flags: int | None = None,
    ) -> list[RecognizerResult]:
        """Drop Luhn hits that are only a slice of a longer number, e.g. of a mistyped IBAN."""
        return [
            r
            for r in super().analyze(text, entities, nlp_artifacts, regex_flags)
            if not self._longer_number_before.search(text, max(0, r.start - 5), r.start)
            and not self._longer_number_after.match(text, r.end)
        ]


_PROFILE_HOSTS = _words(
    "facebook.com fb.com instagram.com x.com twitter.com linkedin.com tiktok.com github.com "
    "gitlab.com youtube.com medium.com reddit.com vk.com pinterest.com snapchat.com t.me "
    "threads.net mastodon.social bsky.app wa.me onlyfans.com patreon.com xing.com"
)
# On code hosts only a single path segment is a person (github.com/jdoe); deeper ones are repos.
_CODE_HOSTS = _words("github.com gitlab.com")
_PERSONAL_QUERY_KEYS = _words(
    "id uid user userid user_id username email mail e-mail name first_name last_name fullname "
    "phone tel mobile token session sid auth key account acct customer customer_id profile "
    "address dob ssn"
)
_PERSONAL_PATH = re.compile(
    r"(?i)/(?:users?|u|profiles?|people|persons?|members?|accounts?|customers?|patients?|in|"
    r"employees?|staff|contacts?)[/=][^/?#\s]+|/@[^/?#\s]+|/~[^/?#\s]+|@"
)


class _PersonalUrlRecognizer(UrlRecognizer):
    """Presidio's URL recognizer, keeping only URLs that can point at a person."""

    def analyze(
        self,
        text: str,
        entities: list[str],
        nlp_artifacts: object = None,
        regex_flags: int | None = None,
    ) -> list[RecognizerResult]:
        results = []
        for result in super().analyze(text, entities, nlp_artifacts, regex_flags):
            url = text[result.start : result.end].rstrip(".,;:!?)]}'\"")
            if self.is_personal(url):
                result.end = result.start + len(url)
                results.append(result)
        return results

    @staticmethod
    def is_personal(url: str) -> bool:
        parts = urlsplit(url if "//" in url else f"//{url}")
        host = (parts.hostname or "").removeprefix("www.").removeprefix("m.")
        path = parts.path.strip("/")
        if host in _PROFILE_HOSTS and path and ("/" not in path or host not in _CODE_HOSTS):
            return True
        if _PERSONAL_PATH.search(parts.path):
            return True
        for key, value in parse_qsl(parts.query, keep_blank_values=True):
            if key.lower() in _PERSONAL_QUERY_KEYS or "@" in value:
                return True
        return False


# ---------------------------------------------------------------------------------------------
# The redactor

_DIGIT = re.compile(r"\d")
_SEVEN_DIGITS = re.compile(r"(?:\d\D{0,3}){7}")
_URL_HINT = re.compile(r"(?i)https?:|www\.|\w\.[a-z]{2,}/")
_IP_HINT = re.compile(r"\d\.\d{1,3}\.\d|[0-9A-Fa-f]:[0-9A-Fa-f]{0,4}:|::")
_DATE_HINT = re.compile(r"\d[./-]\d|\d{4}")
_ADDRESS_CUE_HINT = re.compile(r"(?i)live|resid|stay|locat|address|ship|deliver|send|mail|post")


@dataclass(frozen=True)
class _Detector:
    """A recognizer, the entity it yields, and a cheap test that says when it is worth running."""

    entity: str
    recognizer: EntityRecognizer
    worth_running: Callable[[str], bool]


_ENTITY_OF = {
    "EMAIL_ADDRESS": "EMAIL",
    "PHONE_NUMBER": "PHONE",
    "CREDIT_CARD": "CARD",
    "US_SSN": "SSN",
    "IP_ADDRESS": "IP",
    "IBAN_CODE": "IBAN",
    "URL": "URL",
    "PERSON": "PERSON",
    "ADDRESS": "ADDRESS",
    "DATE_OF_BIRTH": "DATE_OF_BIRTH",
    "DRIVER_LICENSE": "DRIVER_LICENSE",
    "PASSPORT": "PASSPORT",
}
# On overlapping spans of equal length the earlier entity wins: checksummed ones first.
_PRIORITY = {
    e: i
    for i, e in enumerate(
        ("IBAN", "CARD", "SSN", "EMAIL", "URL", "IP", "DATE_OF_BIRTH")
        + ("PASSPORT", "DRIVER_LICENSE", "PHONE", "ADDRESS", "PERSON")
    )
}


def _default_detectors() -> list[_Detector]:
    first, last = _name_lexicon(_CORE_LOCALES, every_list=False)
    wide_first, wide_last = _name_lexicon(_WIDE_LOCALES, every_list=True)
    wide_first -= _WORDLIKE_NAMES

    def has_digit(text: str) -> bool:
        return _DIGIT.search(text) is not None

    return [
        _Detector("EMAIL", _OfflineEmailRecognizer(), lambda t: "@" in t),
        _Detector("URL", _PersonalUrlRecognizer(), lambda t: _URL_HINT.search(t) is not None),
        _Detector("IBAN", _IbanRecognizer(), has_digit),
        _Detector("CARD", _CardRecognizer(), lambda t: _SEVEN_DIGITS.search(t) is not None),
        _Detector("SSN", _SsnRecognizer(), has_digit),
        _Detector("SSN", _RegexGroupRecognizer("SSN", _NATIONAL_ID_RE), has_digit),
        _Detector("PHONE", _RegexGroupRecognizer("PHONE", _CUED_PHONE_RE), has_digit),
        _Detector("IP", _IpRecognizer(), lambda t: _IP_HINT.search(t) is not None),
        _Detector(
            "PHONE",
            _PhoneRecognizer(supported_regions=("US", "GB", "DE", "ES", "MX", "FR")),
            lambda t: _SEVEN_DIGITS.search(t) is not None,
        ),
        _Detector(
            "ADDRESS",
            _RegexGroupRecognizer("ADDRESS", _ADDRESS_RE),
            has_digit,
        ),
        _Detector("ADDRESS", _RegexGroupRecognizer("ADDRESS", _WORLD_ADDRESS_RE), has_digit),
        _Detector("ADDRESS", _RegexGroupRecognizer("ADDRESS", _EXTRA_ADDRESS_RE), has_digit),
        _Detector(
            "ADDRESS",
            _RegexGroupRecognizer("ADDRESS", _CUED_ADDRESS_RE),
            lambda t: has_digit(t) and _ADDRESS_CUE_HINT.search(t) is not None,
        ),
        _Detector(
            "DATE_OF_BIRTH",
            _RegexGroupRecognizer("DATE_OF_BIRTH", _DOB_RE),
            lambda t: _DATE_HINT.search(t) is not None,
        ),
        _Detector(
            "DRIVER_LICENSE",
            _RegexGroupRecognizer("DRIVER_LICENSE", _DRIVER_LICENSE_RE),
            has_digit,
        ),
        _Detector("PASSPORT", _RegexGroupRecognizer("PASSPORT", _PASSPORT_RE), has_digit),
        _Detector(
            "PERSON",
            PersonRecognizer(first, last, wide_first, wide_last),
            lambda t: not t.islower(),
        ),
    ]


# a capital starting a word other than "I", or a letter of a script without case (CJK, Arabic)
_CAPITALISED_WORD = re.compile(
    rf"(?<![{_UP}{_LO}])(?!I(?:\b|['’]))[{_UP}]|[^\W\d_a-zA-Z\u00c0-\u024f]"
)
# Two or more words in capitals ("SENDER: KIM HA-EUN", a CV's "JOLIJN VAN RIJTHOVEN"): the
# model reads capitalisation, and reads names in capitals as acronyms.
_CAPITALS_RUN = re.compile(rf"\b[{_UP}][{_UP}'’-]+(?:[ \t]+[{_UP}][{_UP}'’-]+)+\b")


def _capitals_title_cased(text: str) -> str:
    """The text with runs of capitalised words in title case, character for character (the
    offsets the model reports stay those of the text)."""

    def title(match: re.Match[str]) -> str:
        out = []
        previous = " "
        for char in match.group():
            lowered = char.lower()
            keep = not previous.isalpha() or len(lowered) != 1
            out.append(char if keep else lowered)
            previous = char
        return "".join(out)

    return _CAPITALS_RUN.sub(title, text)


# Bumped whenever a recognizer changes what it finds, so minimized rows can be redone.
RULES_VERSION = "rules-3"
# Distinct texts below which starting worker processes costs more than it saves.
POOL_MIN_TEXTS = 8000


@dataclass
class Redactor:
    """Replaces personal data in free text with typed placeholders such as `<EMAIL>`.

    The rule-based detectors run on every text; `person_ner`, where given, adds the person
    names a statistical model finds, batched over all texts of a call.
    """

    detectors: list[_Detector] = field(default_factory=_default_detectors)
    person_ner: PersonNer | None = None

    @property
    def version(self) -> str:
        """What decides the output: the rules and the NER model, recorded on minimized rows."""
        model = self.person_ner.version if self.person_ner else "no-ner"
        return f"{RULES_VERSION}+{model}"

    def _rule_spans(self, text: str) -> list[DetectedEntity]:
        found: list[DetectedEntity] = []
        for detector in self.detectors:
            if not detector.worth_running(text):
                continue
            for result in detector.recognizer.analyze(text, detector.recognizer.supported_entities):
                entity = _ENTITY_OF.get(result.entity_type, detector.entity)
                if result.end > result.start:
                    end = result.end
                    start = result.start
                    if entity == "ADDRESS":
                        if tail := _ADDRESS_CONTINUATION.match(text, end):
                            end = tail.end()
                        start, end = _address_widened(text, start, end)
                    found.append(DetectedEntity(start, end, entity))
        return found

    def _model_spans(self, texts: Sequence[str]) -> list[list[DetectedEntity]]:
        spans: list[list[DetectedEntity]] = [[] for _ in texts]
        if self.person_ner is None:
            return spans
        # The model reads capitalisation: a text whose only capital letters are its first one
        # and the pronoun "I" holds no name it would find, so it is left to the rules.
        worth = [i for i, text in enumerate(texts) if _CAPITALISED_WORD.search(text, 1)]
        cased = [_capitals_title_cased(texts[i]) for i in worth]
        found = self.person_ner.person_spans_many(cased)
        names = self._person_recognizer
        for i, text, pairs in zip(worth, cased, found, strict=True):
            spans[i] = [
                DetectedEntity(s, e, "PERSON")
                for s, e in pairs
                if names is None or names.plausible_model_name(text[s:e])
            ]
        return spans

    def analyze_many(self, texts: Sequence[str]) -> list[list[DetectedEntity]]:
        """Detected spans per text, non-overlapping and sorted; longer spans win."""
        model = self._model_spans(texts)
        return [
            _resolve_overlaps(self._names_widened(text, self._rule_spans(text) + spans))
            for text, spans in zip(texts, model, strict=True)
        ]

    def _names_widened(self, text: str, found: list[DetectedEntity]) -> list[DetectedEntity]:
        """Names found by any means, widened to their whole run, plus lowercase cued names and
        runs of another script in a Latin-script text."""
        names = self._person_recognizer
        if names is None:
            return found
        spans = [
            DetectedEntity(*names.extended(text, e.start, e.end), "PERSON")
            if e.type == "PERSON"
            else e
            for e in found
        ]
        spans += [DetectedEntity(s, e, "PERSON") for s, e in names.lowercase_cued_names(text)]
        spans += [DetectedEntity(s, e, "PERSON") for s, e in names.lowercase_listed_names(text)]
        runs = list(_OTHER_SCRIPT_RUN.finditer(text))
        if runs:
            latin = sum(c.isascii() and c.isalpha() for c in text)
            spans += [
                DetectedEntity(run.start(), run.end(), "PERSON")
                for run in runs
                if latin > len(run.group())
            ]
        return spans

    @functools.cached_property
    def _person_recognizer(self) -> PersonRecognizer | None:
        return next(
            (d.recognizer for d in self.detectors if isinstance(d.recognizer, PersonRecognizer)),
            None,
        )

    def analyze(self, text: str) -> list[DetectedEntity]:
        return self.analyze_many([text])[0]

    def redact(self, text: str | None) -> str | None:
        """The text with every detected span replaced; `None` stays `None`."""
        return self.redact_many([text])[0]

    def redact_many(self, texts: Sequence[str | None]) -> list[str | None]:
        """Redact a column; repeated texts (templated refusals are common) are analysed once."""
        unique = list(dict.fromkeys(t for t in texts if t))
        redacted = {
            text: _spliced(text, entities)
            for text, entities in zip(unique, self.analyze_many(unique), strict=True)
        }
        return [redacted.get(t, t) if t else t for t in texts]


def _spliced(text: str, entities: list[DetectedEntity]) -> str:
    pieces = []
    cursor = 0
    for entity in entities:
        pieces.append(text[cursor : entity.start])
        pieces.append(PLACEHOLDERS[entity.type])
        cursor = entity.end
    pieces.append(text[cursor:])
    return "".join(pieces)


def _resolve_overlaps(found: list[DetectedEntity]) -> list[DetectedEntity]:
    """Keep the longest of overlapping spans (ties by `_PRIORITY`), then order by position."""
    chosen: list[DetectedEntity] = []
    ranked = sorted(found, key=lambda e: (-(e.end - e.start), _PRIORITY[e.type], e.start))
    for entity in ranked:
        if all(entity.end <= c.start or entity.start >= c.end for c in chosen):
            chosen.append(entity)
    return sorted(chosen)


@functools.cache
def default_redactor() -> Redactor:
    """The shared redactor the pipeline and the CLI use, with the statistical name model; built
    once, since building costs a few seconds."""
    return Redactor(person_ner=default_person_ner())


class TextRedactor(Protocol):
    """What minimization needs of a redactor: a column redacted, and what did it."""

    @property
    def version(self) -> str: ...

    def redact_many(self, texts: Sequence[str | None]) -> list[str | None]: ...


class PooledRedactor:
    """The default redactor, spread over worker processes for a large column.

    Redaction is CPU-bound Python (the name model and the rules), so threads do not help. Each
    worker is a fresh `python -m pipeline.redact_worker` (no fork of a process that may hold
    torch or DuckDB threads, no re-import of the caller's main module) that builds its own
    default redactor in a few seconds, which pays off only for thousands of distinct texts.
    Smaller columns, and `workers=1`, stay in this process.
    """

    def __init__(self, workers: int, min_texts: int = POOL_MIN_TEXTS) -> None:
        self.local = default_redactor()
        self.workers = workers
        self.min_texts = min_texts

    @property
    def version(self) -> str:
        return self.local.version

    def redact_many(self, texts: Sequence[str | None]) -> list[str | None]:
        unique = list(dict.fromkeys(t for t in texts if t))
        if self.workers <= 1 or len(unique) < self.min_texts:
            return self.local.redact_many(texts)
        size = -(-len(unique) // self.workers)
        chunks = [unique[i : i + size] for i in range(0, len(unique), size)]
        with ThreadPoolExecutor(len(chunks)) as threads:
            done = [text for chunk in threads.map(_redact_in_worker, chunks) for text in chunk]
        redacted = dict(zip(unique, done, strict=True))
        return [redacted[t] if t else t for t in texts]


def _redact_in_worker(texts: list[str]) -> list[str]:
    finished = subprocess.run(
        [sys.executable, "-m", "pipeline.redact_worker"],
        input=json.dumps(texts),
        capture_output=True,
        text=True,
        encoding="utf-8",
        check=False,
    )
    if finished.returncode != 0:
        raise RuntimeError(f"redaction worker failed: {finished.stderr.strip()[-2000:]}")
    redacted = json.loads(finished.stdout)
    if len(redacted) != len(texts):
        raise RuntimeError(f"redaction worker returned {len(redacted)} texts for {len(texts)}")
    return redacted


# ---------------------------------------------------------------------------------------------
# Pseudonymization


class MissingPseudonymKeyError(RuntimeError):
    """No usable pseudonymization key: the pipeline refuses to run rather than hash unkeyed."""


_KEY_HELP = (
    f"Set {KEYS_ENV} to 'v1=<secret>' (several versions for rotation: 'v1=<old>;v2=<new>', "
    f"each secret at least {MIN_KEY_BYTES} bytes, e.g. from `openssl rand -hex 32`) and "
    f"optionally {KEY_VERSION_ENV} to the active version (default: the last one listed)."
)


@dataclass(frozen=True)
class Pseudonymizer:
    """Keyed HMAC-SHA256 of identifiers: stable joins across batches, no reversible ids."""

    keys: Mapping[str, bytes] = field(repr=False)
    active_version: str

    def __post_init__(self) -> None:
        if self.active_version not in self.keys:
            raise MissingPseudonymKeyError(
                f"Pseudonym key version {self.active_version!r} is not among the configured "
                f"versions {sorted(self.keys)}. {_KEY_HELP}"
            )
        short = sorted(v for v, secret in self.keys.items() if len(secret) < MIN_KEY_BYTES)
        if short:
            raise MissingPseudonymKeyError(
                f"Pseudonym key version(s) {short} shorter than {MIN_KEY_BYTES} bytes. {_KEY_HELP}"
            )

    def __repr__(self) -> str:
        return (
            f"Pseudonymizer(versions={sorted(self.keys)}, active_version={self.active_version!r},"
            " keys=<hidden>)"
        )

    def pseudonymize(self, value: str | None) -> str | None:
        """Hex HMAC-SHA256 of `value` under the active key; `None` stays `None`."""
        if value is None:
            return None
        key = self.keys[self.active_version]
        return hmac.new(key, str(value).encode("utf-8"), hashlib.sha256).hexdigest()

    @classmethod
    def from_env(cls, env: Mapping[str, str] | None = None) -> Pseudonymizer:
        """Keys from `REFUSAL_BACKLOG_PSEUDONYM_KEYS`; fails loudly, never echoing a secret."""
        env = os.environ if env is None else env
        raw = env.get(KEYS_ENV, "").strip()
        if not raw:
            raise MissingPseudonymKeyError(f"{KEYS_ENV} is not set or empty. {_KEY_HELP}")
        keys: dict[str, bytes] = {}
        for position, entry in enumerate(filter(None, (e.strip() for e in raw.split(";"))), 1):
            version, sep, secret = entry.partition("=")
            version, secret = version.strip(), secret.strip()
            if not sep or not version or not secret:
                raise MissingPseudonymKeyError(
                    f"{KEYS_ENV} entry #{position} is malformed (expected 'version=secret'). "
                    f"{_KEY_HELP}"
                )
            keys[version] = secret.encode("utf-8")
        if not keys:
            raise MissingPseudonymKeyError(f"{KEYS_ENV} lists no keys. {_KEY_HELP}")
        active = env.get(KEY_VERSION_ENV, "").strip() or list(keys)[-1]
        pseudonymizer = cls(keys=keys, active_version=active)
        logger.info("pseudonym key version %s active (%d versions)", active, len(keys))
        return pseudonymizer

    @classmethod
    def for_demo(cls) -> Pseudonymizer:
        """The public demo key (version "demo"): for sample data only, it protects nothing."""
        return cls(keys={DEMO_KEY_VERSION: DEMO_KEY}, active_version=DEMO_KEY_VERSION)
