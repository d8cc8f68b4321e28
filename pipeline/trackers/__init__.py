"""Remote trackers the embedded tracker's tickets are pushed to: Redmine, GitHub, Jira.

Dagster-free: `refusal-backlog sync` and the `tracker_sync` asset both call `sync_to_tracker`.
"""
