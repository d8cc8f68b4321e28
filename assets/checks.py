"""Data-quality checks on every Python asset: Great Expectations suites plus reconciliations.

Blocking checks stop downstream assets of the same run when bad data would flow on.
"""

import dagster as dg
import pandas as pd

from assets.partitions import partition_day
from assets.resources import PipelineSettings, Warehouse
from pipeline import quality
from pipeline.quality import QualityReport


def _result(report: QualityReport, **metadata: object) -> dg.AssetCheckResult:
    return dg.AssetCheckResult(
        passed=report.success,
        metadata={
            "expectations": report.evaluated,
            "failures": "; ".join(report.failures) or "-",
            **metadata,
        },
    )


def _partition(warehouse: Warehouse, sql: str, context: dg.AssetCheckExecutionContext):
    with warehouse.connect() as conn:
        return conn.execute(sql, [partition_day(context)]).df()


@dg.asset_check(asset="raw_refusal_events", blocking=True)
def raw_events_meet_contract(
    context: dg.AssetCheckExecutionContext, warehouse: Warehouse
) -> dg.AssetCheckResult:
    frame = _partition(warehouse, "select * from raw.refusal_events where batch_day = ?", context)
    report = quality.validate_frame(frame, "raw_refusal_events", quality.raw_events_suite())
    return _result(report, rows=len(frame))


@dg.asset_check(asset="raw_refusal_events", blocking=True)
def every_line_accounted_for(
    context: dg.AssetCheckExecutionContext, warehouse: Warehouse
) -> dg.AssetCheckResult:
    """read = loaded + quarantined + duplicates, per file, and the tables hold those rows."""
    frame = _partition(
        warehouse,
        """
        select b.*,
          (select count(*) from raw.refusal_events r
            where r.batch_day = b.batch_day and r.source_file = b.source_file) as rows_loaded,
          (select count(*) from raw.quarantined_lines q where q.batch_day = b.batch_day
            and q.source_file = b.source_file and q.source_kind = 'events') as rows_quarantined
        from raw.ingest_batches b where b.batch_day = ? and b.source_kind = 'events'
        """,
        context,
    )
    unbalanced = frame[
        (frame["lines_read"] != frame["loaded"] + frame["quarantined"] + frame["duplicates"])
        | (frame["rows_loaded"] != frame["loaded"])
        | (frame["rows_quarantined"] != frame["quarantined"])
    ]
    return dg.AssetCheckResult(
        passed=unbalanced.empty,
        metadata={
            "read": int(frame["lines_read"].sum()),
            "loaded": int(frame["loaded"].sum()),
            "quarantined": int(frame["quarantined"].sum()),
            "duplicates": int(frame["duplicates"].sum()),
            "unbalanced_files": ", ".join(unbalanced["source_file"]) or "-",
        },
    )


@dg.asset_check(asset="quarantined_lines")
def quarantine_has_reasons(
    context: dg.AssetCheckExecutionContext, warehouse: Warehouse
) -> dg.AssetCheckResult:
    frame = _partition(
        warehouse, "select * from raw.quarantined_lines where batch_day = ?", context
    )
    return _result(quality.validate_frame(frame, "quarantined_lines", quality.quarantine_suite()))


@dg.asset_check(asset="minimized_refusal_events", blocking=True)
def minimized_events_hold_no_identifiers(
    context: dg.AssetCheckExecutionContext, warehouse: Warehouse
) -> dg.AssetCheckResult:
    frame = _partition(
        warehouse, "select * from analytics.minimized_refusal_events where batch_day = ?", context
    )
    missing = int(
        _partition(
            warehouse,
            """
        select count(*) as missing from raw.refusal_events r
        anti join analytics.minimized_refusal_events m using (event_id)
        where r.batch_day = ?""",
            context,
        )["missing"].iloc[0]
    )
    report = quality.validate_frame(
        frame, "minimized_refusal_events", quality.minimized_events_suite()
    )
    return dg.AssetCheckResult(
        passed=report.success and missing == 0,
        metadata={
            "failures": "; ".join(report.failures) or "-",
            "raw_events_not_minimized": missing,
        },
    )


@dg.asset_check(asset="request_embeddings", blocking=True)
def every_request_embedded(
    context: dg.AssetCheckExecutionContext, warehouse: Warehouse, settings: PipelineSettings
) -> dg.AssetCheckResult:
    model = settings.config.embedding.model
    with warehouse.connect() as conn:
        frame = conn.execute(
            """
            select m.request_text_hash, len(e.embedding) as embedding_dimensions,
                   sqrt(list_inner_product(e.embedding, e.embedding)) as norm
            from (select distinct request_text_hash from analytics.minimized_refusal_events
                  where batch_day = ?) m
            left join analytics.request_embeddings e
              on e.text_hash = m.request_text_hash and e.model_name = ?
            """,
            [partition_day(context), model],
        ).df()
    dimensions = (
        int(frame["embedding_dimensions"].max())
        if frame["embedding_dimensions"].notna().any()
        else 0
    )
    report = quality.validate_frame(
        frame, "request_embeddings", quality.embeddings_suite(dimensions)
    )
    return _result(report, texts=len(frame), dimensions=dimensions)


@dg.asset_check(asset="refusal_clusters", blocking=True)
def clusters_cover_the_day(
    context: dg.AssetCheckExecutionContext, warehouse: Warehouse
) -> dg.AssetCheckResult:
    frame = _partition(
        warehouse, "select * from analytics.cluster_assignments where batch_day = ?", context
    )
    unassigned = int(
        _partition(
            warehouse,
            """
        select count(*) as n from analytics.minimized_refusal_events m
        anti join analytics.cluster_assignments a using (event_id)
        where m.batch_day = ?""",
            context,
        )["n"].iloc[0]
    )
    report = quality.validate_frame(
        frame, "cluster_assignments", quality.cluster_assignments_suite()
    )
    noise_share = float(frame["cluster_id"].isna().mean()) if len(frame) else 0.0
    return dg.AssetCheckResult(
        passed=report.success and unassigned == 0,
        metadata={
            "failures": "; ".join(report.failures) or "-",
            "events_without_assignment": unassigned,
            "noise_share": noise_share,
        },
    )


@dg.asset_check(asset="cluster_routes", blocking=True)
def routes_are_explained(
    context: dg.AssetCheckExecutionContext, warehouse: Warehouse
) -> dg.AssetCheckResult:
    frame = _partition(
        warehouse, "select * from analytics.cluster_routes where batch_day = ?", context
    )
    return _result(quality.validate_frame(frame, "cluster_routes", quality.routes_suite()))


@dg.asset_check(asset="event_verdicts", blocking=True)
def verdicts_cover_the_window(
    context: dg.AssetCheckExecutionContext, warehouse: Warehouse
) -> dg.AssetCheckResult:
    """Every reviewed verdict is the reviewers' own, and a model verdict only from a trusted one."""
    frame = _partition(
        warehouse,
        """
        select v.*, r.majority_verdict, m.trusted
        from analytics.event_verdicts v
        left join intermediate.int_event_reviews r using (event_id)
        left join analytics.verdict_models m using (batch_day)
        where v.batch_day = ?
        """,
        context,
    )
    reviewed = frame["verdict_source"] == "review"
    overridden = int((reviewed & (frame["verdict"] != frame["majority_verdict"])).sum())
    untrusted = int(((frame["verdict_source"] == "model") & ~frame["trusted"].fillna(False)).sum())
    report = quality.validate_frame(frame, "event_verdicts", quality.event_verdicts_suite())
    return dg.AssetCheckResult(
        passed=report.success and overridden == 0 and untrusted == 0,
        metadata={
            "failures": "; ".join(report.failures) or "-",
            "reviewed_verdicts_overridden": overridden,
            "model_verdicts_without_trusted_model": untrusted,
        },
    )


@dg.asset_check(asset="backlog_tickets", blocking=True)
def one_ticket_per_cluster_segment(warehouse: Warehouse) -> dg.AssetCheckResult:
    with warehouse.connect() as conn:
        frame: pd.DataFrame = conn.execute("select * from tracker.tickets").df()
    return _result(
        quality.validate_frame(frame, "tickets", quality.tickets_suite()), tickets=len(frame)
    )


ALL_CHECKS = [
    raw_events_meet_contract,
    every_line_accounted_for,
    quarantine_has_reasons,
    minimized_events_hold_no_identifiers,
    every_request_embedded,
    clusters_cover_the_day,
    verdicts_cover_the_window,
    routes_are_explained,
    one_ticket_per_cluster_segment,
]
