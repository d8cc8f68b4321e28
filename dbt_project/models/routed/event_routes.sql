{#-
    Every window event's route on each run day, in one place: its verdict segment's route when
    routing split its cluster that day, else its cluster's route; noise events are monitored,
    and an event without a verdict in a split cluster needs review (no side can claim it).
    A view over the day's verdicts and routes (built after routing), so it keeps nothing.
-#}
{{ config(materialized='view') }}

with verdicts as (

    select batch_day, event_id, cluster_id, verdict
    from {{ source('routing_analytics', 'event_verdicts') }}

),

routes as (

    select batch_day, cluster_id, segment, destination, rule
    from {{ source('routing_analytics', 'cluster_routes') }}

),

routed as (

    select
        verdicts.batch_day,
        verdicts.event_id,
        verdicts.cluster_id,
        case
            when verdicts.cluster_id is not null
                then coalesce(by_segment.segment, whole.segment, 'no_verdict')
        end as segment,
        case
            when verdicts.cluster_id is null then 'monitor'
            else coalesce(by_segment.destination, whole.destination, 'needs_review')
        end as destination,
        case
            when verdicts.cluster_id is null then 'noise'
            else coalesce(by_segment.rule, whole.rule, 'split_without_verdict')
        end as rule

    from verdicts
    left join routes as whole
        on whole.batch_day = verdicts.batch_day
        and whole.cluster_id = verdicts.cluster_id
        and whole.segment = 'all'
    left join routes as by_segment
        on by_segment.batch_day = verdicts.batch_day
        and by_segment.cluster_id = verdicts.cluster_id
        and by_segment.segment = verdicts.verdict

)

select * from routed
