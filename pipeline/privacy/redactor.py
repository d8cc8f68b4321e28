"""The redactor: every detector over a column, the name model batched, overlaps resolved and
spans replaced by placeholders; and the pool of worker processes for a large day."""

from __future__ import annotations

import functools
import json
import re
import subprocess
import sys
from collections.abc import Callable, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from typing import Protocol

from presidio_analyzer import EntityRecognizer

from pipeline.ner import PersonNer, default_person_ner
from pipeline.privacy.addresses import (
    _ADDRESS_CONTINUATION,
    _ADDRESS_RE,
    _CUED_ADDRESS_RE,
    _EXTRA_ADDRESS_RE,
    _WORLD_ADDRESS_RE,
    _address_widened,
)
from pipeline.privacy.base import PLACEHOLDERS, DetectedEntity, _RegexGroupRecognizer
from pipeline.privacy.identifiers import (
    _CUED_PHONE_RE,
    _DOB_RE,
    _DRIVER_LICENSE_RE,
    _NATIONAL_ID_RE,
    _PASSPORT_RE,
    _CardRecognizer,
    _IbanRecognizer,
    _IpRecognizer,
    _OfflineEmailRecognizer,
    _PersonalUrlRecognizer,
    _PhoneRecognizer,
    _SsnRecognizer,
)
from pipeline.privacy.lexicons import (
    _CORE_LOCALES,
    _LO,
    _UP,
    _WIDE_LOCALES,
    _WORDLIKE_NAMES,
    _name_lexicon,
)
from pipeline.privacy.names import _OTHER_SCRIPT_RUN, PersonRecognizer

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
        return _per_distinct_text(texts, self.redact_distinct)

    def redact_distinct(self, texts: list[str]) -> list[str]:
        """Redact texts that are distinct and not empty."""
        return [
            _spliced(text, entities)
            for text, entities in zip(texts, self.analyze_many(texts), strict=True)
        ]


def _per_distinct_text(
    texts: Sequence[str | None], redact_distinct: Callable[[list[str]], list[str]]
) -> list[str | None]:
    """A column redacted by redacting each distinct non-empty text once; None and "" stay."""
    unique = list(dict.fromkeys(t for t in texts if t))
    redacted = dict(zip(unique, redact_distinct(unique), strict=True))
    return [redacted[t] if t else t for t in texts]


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
        return _per_distinct_text(texts, self._redact_distinct)

    def _redact_distinct(self, texts: list[str]) -> list[str]:
        if self.workers <= 1 or len(texts) < self.min_texts:
            return self.local.redact_distinct(texts)
        size = -(-len(texts) // self.workers)
        chunks = [texts[i : i + size] for i in range(0, len(texts), size)]
        with ThreadPoolExecutor(len(chunks)) as threads:
            return [text for chunk in threads.map(_redact_in_worker, chunks) for text in chunk]


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
