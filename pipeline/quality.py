"""Great Expectations suites for each stage's output, run in an ephemeral GX 1.x context."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

import great_expectations as gx
import great_expectations.expectations as gxe
import pandas as pd
from great_expectations.data_context.types.base import (
    DataContextConfig,
    InMemoryStoreBackendDefaults,
    ProgressBarsConfig,
)

from pipeline.routing import DESTINATIONS, SEGMENTS, TICKET_QUEUES
from pipeline.verdicts import VERDICT_SOURCES, VERDICTS

HEX_DIGEST = r"^[0-9a-f]{64}$"
EMAIL_LIKE = r"[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}"
LAYERS = ["model", "classifier", "gateway"]
NEXT_ACTIONS = ["rephrase_retry", "abandon", "feedback", "session_end", "continued"]


@dataclass(frozen=True)
class QualityReport:
    suite: str
    success: bool
    evaluated: int
    failures: list[str]


@cache
def _datasource():  # noqa: ANN202 - GX's pandas datasource type is internal
    config = DataContextConfig(
        store_backend_defaults=InMemoryStoreBackendDefaults(),
        analytics_enabled=False,  # no usage reports from a pipeline run
        progress_bars=ProgressBarsConfig(globally=False),
    )
    context = gx.get_context(mode="ephemeral", project_config=config)
    return context.data_sources.add_pandas("refusal_backlog")


@cache
def _batch_definition(suite_name: str):  # noqa: ANN202
    asset = _datasource().add_dataframe_asset(name=suite_name)
    return asset.add_batch_definition_whole_dataframe(f"{suite_name}-batch")


def validate_frame(
    frame: pd.DataFrame, suite_name: str, expectations: list[gxe.Expectation]
) -> QualityReport:
    batch = _batch_definition(suite_name).get_batch(batch_parameters={"dataframe": frame})
    suite = gx.ExpectationSuite(name=suite_name, expectations=expectations)
    result = batch.validate(suite)
    failures = [
        f"{r.expectation_config.type}({r.expectation_config.kwargs.get('column', '')}): "
        f"{r.result.get('unexpected_count', 'failed')} unexpected"
        for r in result.results
        if not r.success
    ]
    return QualityReport(suite_name, bool(result.success), len(result.results), failures)


def raw_events_suite() -> list[gxe.Expectation]:
    return [
        gxe.ExpectColumnValuesToBeUnique(column="event_id"),
        *[
            gxe.ExpectColumnValuesToNotBeNull(column=c)
            for c in (
                "event_id",
                "occurred_at",
                "user_id",
                "session_id",
                "request_text",
                "event_day",
            )
        ],
        gxe.ExpectColumnValuesToBeInSet(column="layer", value_set=LAYERS),
        gxe.ExpectColumnValuesToBeInSet(column="next_action", value_set=NEXT_ACTIONS),
    ]


def quarantine_suite() -> list[gxe.Expectation]:
    return [
        gxe.ExpectColumnValuesToNotBeNull(column="reason"),
        gxe.ExpectColumnValuesToNotBeNull(column="raw_line"),
        # 0: a file quarantined whole (unreadable, refused, corrupt)
        gxe.ExpectColumnValuesToBeBetween(column="line_number", min_value=0),
    ]


def minimized_events_suite() -> list[gxe.Expectation]:
    return [
        gxe.ExpectColumnValuesToBeUnique(column="event_id"),
        gxe.ExpectColumnValuesToMatchRegex(column="user_pseudonym", regex=HEX_DIGEST),
        gxe.ExpectColumnValuesToMatchRegex(column="session_pseudonym", regex=HEX_DIGEST),
        gxe.ExpectColumnValuesToMatchRegex(column="request_text_hash", regex=HEX_DIGEST),
        *[
            gxe.ExpectColumnValuesToNotMatchRegex(column=column, regex=EMAIL_LIKE)
            for column in ("request_text", "response_text", "feedback_text")
        ],
        gxe.ExpectColumnValuesToNotBeNull(column="request_text"),
    ]


def embeddings_suite(dimensions: int) -> list[gxe.Expectation]:
    return [
        gxe.ExpectColumnValuesToNotBeNull(column="embedding_dimensions"),
        gxe.ExpectColumnValuesToBeBetween(
            column="embedding_dimensions", min_value=dimensions, max_value=dimensions
        ),
        gxe.ExpectColumnValuesToBeBetween(column="norm", min_value=0.98, max_value=1.02),
    ]


def cluster_assignments_suite() -> list[gxe.Expectation]:
    return [
        gxe.ExpectColumnValuesToBeUnique(column="event_id"),
        gxe.ExpectColumnValuesToMatchRegex(column="cluster_id", regex=r"^C\d{4,}$"),
        gxe.ExpectColumnValuesToBeBetween(
            column="membership_probability", min_value=0, max_value=1
        ),
    ]


def routes_suite() -> list[gxe.Expectation]:
    return [
        gxe.ExpectCompoundColumnsToBeUnique(column_list=["cluster_id", "segment"]),
        gxe.ExpectColumnValuesToBeInSet(column="segment", value_set=list(SEGMENTS)),
        gxe.ExpectColumnValuesToBeInSet(column="destination", value_set=list(DESTINATIONS)),
        gxe.ExpectColumnValuesToNotBeNull(column="reason"),
        gxe.ExpectColumnValuesToBeBetween(column="reprompt_rate", min_value=0, max_value=1),
    ]


def event_verdicts_suite() -> list[gxe.Expectation]:
    return [
        gxe.ExpectColumnValuesToBeUnique(column="event_id"),
        gxe.ExpectColumnValuesToBeInSet(column="verdict", value_set=list(VERDICTS)),
        gxe.ExpectColumnValuesToBeInSet(column="verdict_source", value_set=list(VERDICT_SOURCES)),
        gxe.ExpectColumnValuesToBeBetween(
            column="should_help_probability", min_value=0, max_value=1
        ),
    ]


def tickets_suite() -> list[gxe.Expectation]:
    return [
        gxe.ExpectColumnValuesToBeInSet(column="queue", value_set=list(TICKET_QUEUES)),
        gxe.ExpectColumnValuesToBeInSet(column="status", value_set=["open", "resolved"]),
        gxe.ExpectColumnValuesToNotMatchRegex(column="body_markdown", regex=EMAIL_LIKE),
    ]
