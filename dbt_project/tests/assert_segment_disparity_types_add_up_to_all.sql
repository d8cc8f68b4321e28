{#-
    In today's window a segment's 'all' row counts what its refusal-category rows count:
    refusals, rated_refusals and reviewed_events each sum over the categories to the 'all'
    value; each 'reason:' row counts exactly the 'all' row's refusals; the 'intent:' rows
    together count no more than it (noise has no intent); within a row rated_refusals and
    reviewed_events never exceed refusals. Selects the violating segments.
-#}
with today as (

    select
        *,
        case
            when cluster_type = 'all' then 'all'
            when cluster_type like 'intent:%' then 'intent'
            when cluster_type like 'reason:%' then 'reason'
            else 'category'
        end as kind,
        max(refusals) filter (where cluster_type = 'all') over (partition by user_segment)
            as segment_refusals

    from {{ ref('segment_disparity') }}
    where window_end_day = cast('{{ var("run_day") }}' as date)

),

by_segment as (

    select
        user_segment,
        coalesce(sum(refusals) filter (where kind = 'all'), 0) as all_refusals,
        coalesce(sum(refusals) filter (where kind = 'category'), 0) as type_refusals,
        coalesce(sum(rated_refusals) filter (where kind = 'all'), 0) as all_rated,
        coalesce(sum(rated_refusals) filter (where kind = 'category'), 0) as type_rated,
        coalesce(sum(reviewed_events) filter (where kind = 'all'), 0) as all_reviewed,
        coalesce(sum(reviewed_events) filter (where kind = 'category'), 0) as type_reviewed,
        coalesce(sum(refusals) filter (where kind = 'intent'), 0) as intent_refusals,
        count(*) filter (where kind = 'reason' and refusals <> segment_refusals)
            as reason_rows_off,
        count(*) filter (where rated_refusals > refusals or reviewed_events > refusals)
            as rows_over_refusals

    from today
    group by user_segment

)

select *
from by_segment
where all_refusals <> type_refusals
    or intent_refusals > all_refusals
    or reason_rows_off > 0
    or all_rated <> type_rated
    or all_reviewed <> type_reviewed
    or rows_over_refusals > 0
