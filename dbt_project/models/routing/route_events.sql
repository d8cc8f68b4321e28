{#-
    Which events belong to a route, the one place that says it: on each run day (batch_day),
    a cluster's route `all` holds every window event assigned to it, and a verdict segment
    (`should_help`, `should_refuse`) the ones whose verdict that day is the segment. Routing's
    segment numbers, the tickets' example requests and the ticket lineage all read this view.
-#}
{{ config(materialized='view') }}

with verdicts as (

    select batch_day, event_id, cluster_id, verdict, verdict_source
    from {{ source('routing_analytics', 'event_verdicts') }}
    where cluster_id is not null

),

memberships as (

    select batch_day, cluster_id, 'all' as segment, event_id, verdict_source
    from verdicts
    union all
    select batch_day, cluster_id, verdict as segment, event_id, verdict_source
    from verdicts
    where verdict is not null

)

select * from memberships
