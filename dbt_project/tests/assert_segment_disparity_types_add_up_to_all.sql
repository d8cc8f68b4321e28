{#-
    In today's window a segment's 'all' row counts what its cluster_type rows count: refusals,
    rated_refusals and reviewed_events each sum over the types to the 'all' value; within a row
    rated_refusals and reviewed_events never exceed refusals. Selects the violating segments.
-#}
with today as (

    select * from {{ ref('segment_disparity') }}
    where window_end_day = cast('{{ var("run_day") }}' as date)

),

by_segment as (

    select
        user_segment,
        coalesce(sum(refusals) filter (where cluster_type = 'all'), 0) as all_refusals,
        coalesce(sum(refusals) filter (where cluster_type <> 'all'), 0) as type_refusals,
        coalesce(sum(rated_refusals) filter (where cluster_type = 'all'), 0) as all_rated,
        coalesce(sum(rated_refusals) filter (where cluster_type <> 'all'), 0) as type_rated,
        coalesce(sum(reviewed_events) filter (where cluster_type = 'all'), 0) as all_reviewed,
        coalesce(sum(reviewed_events) filter (where cluster_type <> 'all'), 0) as type_reviewed,
        count(*) filter (where rated_refusals > refusals or reviewed_events > refusals)
            as rows_over_refusals

    from today
    group by user_segment

)

select *
from by_segment
where all_refusals <> type_refusals
    or all_rated <> type_rated
    or all_reviewed <> type_reviewed
    or rows_over_refusals > 0
