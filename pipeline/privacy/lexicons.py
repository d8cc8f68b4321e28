"""Shared lexical pieces: letter classes, name shapes, and the name lists Faker ships."""

from __future__ import annotations

import importlib
import re
from collections.abc import Iterable

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
