"""Spans of personal data, their placeholders, and the regex recognizer every rule uses."""

from __future__ import annotations

import re
from dataclasses import dataclass

from presidio_analyzer import LocalRecognizer, RecognizerResult

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


@dataclass(frozen=True, order=True)
class DetectedEntity:
    """One span of personal data: `text[start:end]` is replaced by the placeholder of `type`."""

    start: int
    end: int
    type: str


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
