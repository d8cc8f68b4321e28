"""The daily job over every asset, and the schedule that runs yesterday's partition."""

import dagster as dg

from assets.partitions import daily_partitions

DAILY_JOB = "daily_refusal_backlog"

daily_refusal_backlog = dg.define_asset_job(
    DAILY_JOB,
    selection=dg.AssetSelection.all(),
    partitions_def=daily_partitions,
    description="Every asset for one UTC day: landing files in, routed tickets out.",
)

daily_schedule = dg.build_schedule_from_partitioned_job(
    daily_refusal_backlog, hour_of_day=2, minute_of_hour=0
)
