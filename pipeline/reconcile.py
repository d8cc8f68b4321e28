"""Cross-table reconciliations behind the stages' checks: what no table constraint can say.

Each returns the offending rows (or their count), so a check passes on none and its metadata
names what failed.
"""

from __future__ import annotations

from datetime import date

import duckdb


def unaccounted_label_lines(conn: duckdb.DuckDBPyConnection, day: date) -> dict[str, int]:
    """Review-label lines of `day` that are neither loaded, quarantined nor duplicates, and the
    difference between the lines its batches say were loaded and the rows that hold them."""
    unbalanced, loaded, stored = conn.execute(
        """select
             coalesce(sum(lines_read - loaded - quarantined - duplicates), 0),
             coalesce(sum(loaded), 0),
             (select count(*) from analytics.review_labels where batch_day = ?)
           from raw.ingest_batches where batch_day = ? and source_kind = 'reviews'""",
        [day, day],
    ).fetchone()
    return {"lines_unaccounted": int(unbalanced), "loaded_minus_stored": int(loaded - stored)}


def segments_short_of_refusals(conn: duckdb.DuckDBPyConnection, day: date) -> list[str]:
    """Segments whose traffic export for `day` counts fewer requests than were refused that
    day: a denominator below its numerator (a truncated export, a wrong segment name)."""
    rows = conn.execute(
        """with refused as (
               select coalesce(user_segment, 'unknown') as user_segment, count(*) as refusals
               from analytics.minimized_refusal_events where event_day = ? group by 1),
           served as (
               select user_segment, sum(requests) as requests
               from analytics.traffic where day = ? group by 1)
           select served.user_segment from served join refused using (user_segment)
           where served.requests < refused.refusals order by 1""",
        [day, day],
    ).fetchall()
    return [segment for (segment,) in rows]


def sample_defects(conn: duckdb.DuckDBPyConnection, day: date) -> dict[str, int]:
    """The day's review sample as a probability sample: inclusion probabilities in (0, 1],
    weights their inverse, every drawn event one that was minimized, each drawn once."""
    bad_probability, bad_weight, unknown_event, drawn_twice = conn.execute(
        """select
             count(*) filter (where not (inclusion_probability > 0 and inclusion_probability <= 1)),
             count(*) filter (where abs(sampling_weight * inclusion_probability - 1) > 1e-6),
             count(*) filter (where m.event_id is null),
             count(*) - count(distinct s.event_id)
           from analytics.review_sample s
           left join analytics.minimized_refusal_events m using (event_id)
           where s.batch_day = ?""",
        [day],
    ).fetchone()
    return {
        "probability_outside_0_1": int(bad_probability),
        "weight_not_inverse_probability": int(bad_weight),
        "event_not_minimized": int(unknown_event),
        "event_drawn_twice": int(drawn_twice),
    }


def events_not_carried_on(
    conn: duckdb.DuckDBPyConnection, day: date, source: str, stage: str
) -> int:
    """The day's events of table `source` that table `stage` (the next stage's output) lacks."""
    (count,) = conn.execute(
        f"""select count(*) from {source} s
            anti join {stage} t using (event_id)
            where s.batch_day = ?""",
        [day],
    ).fetchone()
    return int(count)


def events_without_source(conn: duckdb.DuckDBPyConnection) -> int:
    """Verbatim events with no `audit.event_sources` row: lineage that would not outlive them."""
    (count,) = conn.execute(
        """select count(*) from raw.refusal_events r
           anti join audit.event_sources s using (event_id)"""
    ).fetchone()
    return int(count)


def tickets_without_route(conn: duckdb.DuckDBPyConnection) -> list[str]:
    """Tickets whose (cluster, segment) has no route on the day that last rendered them: a
    ticket whose evidence nothing in the warehouse backs."""
    rows = conn.execute(
        """select t.ticket_id from tracker.tickets t
           where not exists (
               select 1 from analytics.cluster_routes r
               where r.cluster_id = t.cluster_id and r.segment = t.segment
                 and r.batch_day = t.updated_day)
           order by 1"""
    ).fetchall()
    return [ticket for (ticket,) in rows]


def events_from_unrecorded_files(conn: duckdb.DuckDBPyConnection, day: date) -> list[str]:
    """Files the day's events came from that `raw.ingest_batches` does not record: events whose
    file, hash and line counts nobody could trace."""
    rows = conn.execute(
        """select distinct r.source_file from raw.refusal_events r
           where r.batch_day = ? and not exists (
               select 1 from raw.ingest_batches b
               where b.batch_day = r.batch_day and b.source_kind = 'events'
                 and b.source_file = r.source_file)
           order by 1""",
        [day],
    ).fetchall()
    return [source for (source,) in rows]


def clusters_without_snapshot(conn: duckdb.DuckDBPyConnection, day: date) -> list[str]:
    """Clusters the day assigned events to but did not snapshot: ids a re-run could not give
    back."""
    rows = conn.execute(
        """select distinct a.cluster_id from analytics.cluster_assignments a
           where a.batch_day = ? and a.cluster_id is not null and not exists (
               select 1 from analytics.cluster_snapshots s
               where s.batch_day = a.batch_day and s.cluster_id = a.cluster_id)
           order by 1""",
        [day],
    ).fetchall()
    return [cluster for (cluster,) in rows]


def registry_drift(conn: duckdb.DuckDBPyConnection) -> list[str]:
    """Clusters whose registry row is not what the snapshots say (first and last day seen), or
    that one of the two lacks: the registry is derived, so any difference is a defect."""
    rows = conn.execute(
        """with derived as (
               select cluster_id, min(batch_day) as first_seen_day, max(batch_day) as last_seen_day
               from analytics.cluster_snapshots group by cluster_id)
           select coalesce(d.cluster_id, r.cluster_id) from derived d
           full join analytics.cluster_registry r using (cluster_id)
           where d.first_seen_day is distinct from r.first_seen_day
              or d.last_seen_day is distinct from r.last_seen_day
           order by 1"""
    ).fetchall()
    return [cluster for (cluster,) in rows]
