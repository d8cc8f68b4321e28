"""Identifiers: dates of birth, documents and national numbers after their cue, phones, and
Presidio's own recognizers adapted where their stock behaviour does not fit."""

from __future__ import annotations

import re
from urllib.parse import parse_qsl, urlsplit

import phonenumbers
import tldextract
from phonenumbers import Leniency
from presidio_analyzer import Pattern, RecognizerResult
from presidio_analyzer.predefined_recognizers import (
    CreditCardRecognizer,
    EmailRecognizer,
    IbanRecognizer,
    IpRecognizer,
    PhoneRecognizer,
    UrlRecognizer,
    UsSsnRecognizer,
)

from pipeline.privacy.lexicons import _MONTHS, _words

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
