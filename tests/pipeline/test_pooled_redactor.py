"""Redaction spread over worker processes gives what one process gives."""

from pipeline.privacy import PooledRedactor, default_redactor


def test_worker_processes_redact_exactly_as_this_process_does():
    texts = [
        "cc Wei Zhang about the refund",
        None,
        "mail me at ana.lopez@example.org",
        "",
        "cc Wei Zhang about the refund",
        "nothing personal here",
        "call +44 20 7946 0958 after five",
    ]
    pooled = PooledRedactor(workers=2, min_texts=1)
    assert pooled.redact_many(texts) == default_redactor().redact_many(texts)
    assert pooled.version == default_redactor().version


def test_small_columns_stay_in_this_process(monkeypatch):
    import pipeline.privacy.redactor as privacy

    def no_workers(texts):
        raise AssertionError("a worker was started")

    monkeypatch.setattr(privacy, "_redact_in_worker", no_workers)
    assert PooledRedactor(workers=2, min_texts=100).redact_many(["Hi, I'm Tomasz"]) == [
        "Hi, I'm <PERSON>"
    ]


def test_a_failing_worker_is_an_error_not_unredacted_text(monkeypatch):
    import pytest

    pooled = PooledRedactor(workers=2, min_texts=1)
    monkeypatch.setenv("REFUSAL_BACKLOG_NER_MODEL", "no_such_spacy_pipeline")
    with pytest.raises(RuntimeError, match="redaction worker failed.*no_such_spacy_pipeline"):
        pooled.redact_many(["Hi, I'm Tomasz", "cc Wei Zhang"])
