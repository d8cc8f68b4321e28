"""The daily job over every asset, and the schedule that runs yesterday's partition."""

import dagster as dg

from assets.partitions import daily_partitions
from assets.replay import REPLAY_GROUP

DAILY_JOB = "daily_refusal_backlog"

daily_refusal_backlog = dg.define_asset_job(
    DAILY_JOB,
    # a release's replay runs per release (assets/replay.py), not per day
    selection=dg.AssetSelection.all() - dg.AssetSelection.groups(REPLAY_GROUP),
    partitions_def=daily_partitions,
    description="Every asset for one UTC day: landing files in, routed tickets out.",
)

daily_schedule = dg.build_schedule_from_partitioned_job(
    daily_refusal_backlog, hour_of_day=2, minute_of_hour=0
)
