"""One daily partitioning (UTC days) for every asset, so one job runs a whole day."""

import warnings

import dagster as dg

from pipeline.config import Paths

# The first partition is the first day events landed on (a listing of the landing folder in
# $REFUSAL_BACKLOG_LANDING, which the CLI publishes), or $REFUSAL_BACKLOG_PARTITIONS_START:
# building the graph reads no config file and cannot fail on one, and "materialize all" in the
# UI runs the days there are logs for, not the months before.
daily_partitions = dg.DailyPartitionsDefinition(
    start_date=Paths.from_env().first_partition().isoformat(), timezone="UTC"
)


def partition_day(context: dg.AssetExecutionContext | dg.AssetCheckExecutionContext):
    from datetime import date

    return date.fromisoformat(context.partition_key)


# One run per day: dbt takes the day as a variable and DuckDB has one writer. The parameter is
# beta on plain assets; the policy itself (one partition per run) is Dagster's long-standing
# default, stated here so dbt's assets and the Python ones agree.
one_day_per_run = dg.BackfillPolicy.multi_run(1)
warnings.filterwarnings("ignore", message="Parameter `backfill_policy`", category=dg.BetaWarning)
