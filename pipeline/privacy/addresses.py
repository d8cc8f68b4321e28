"""Street addresses of many countries, and a found address widened over the unit, place and
postcode segments around it."""

from __future__ import annotations

import re

from pipeline.privacy.lexicons import _GAP, _PARTICLE, _TITLE

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


def _is_prose(word: str) -> bool:
    return word.lower().strip(".,'’") in _PROSE_WORDS


def _may_continue_address(segment: str) -> bool:
    """Whether a segment after an address can be part of it: not prose (too long, or a prose
    word) and not a phone number (a leading "+", ten digits or more)."""
    words = segment.split()
    if not words or len(words) > 4:
        return False
    if segment.lstrip().startswith("+") or sum(c.isdigit() for c in segment) >= 10:
        return False
    return not any(_is_prose(w) for w in words)


def _address_widened(text: str, start: int, end: int) -> tuple[int, int]:
    """The address span grown over the unit, place and postcode segments around it."""
    if glued := _GLUED_SUFFIX.match(text, end):
        end = glued.end()
    places = 0  # segments without a digit read since the last one with a digit
    cursor = end
    while places < 4 and (segment := _NEXT_SEGMENT.match(text, cursor)):
        if not _may_continue_address(segment.group("seg")):
            break
        places += 1
        cursor = segment.end()
        if any(c.isdigit() for c in segment.group("seg")):
            end = segment.end()
            places = 0
            if glued := _GLUED_SUFFIX.match(text, end):
                end = cursor = glued.end()
    for _ in range(3):
        before = _PREVIOUS_SEGMENT.search(text, 0, start)
        if before is None:
            break
        words = before.group("seg").split()
        prose = [i for i, w in enumerate(words) if _is_prose(w)]
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
