{#-
    The review counts of today's window partition the reviewed events: reviewed_events =
    should_help_events + should_refuse_events + tied_review_events; a majority reason needs a
    majority verdict; every tie is a disagreement; review_status says whether any was reviewed.
    Selects the violating rows (one per broken identity).
-#}
with today as (

    select * from {{ ref('cluster_metrics') }}
    where window_end_day = cast('{{ var("run_day") }}' as date)

),

checks as (

    select
        cluster_id,
        reviewed_events,
        [
            case when reviewed_events
                    <> should_help_events + should_refuse_events + tied_review_events
                then 'reviewed_events <> should_help + should_refuse + tied' end,
            case when over_refusal_events + capability_gap_events + policy_mismatch_events
                    + policy_events > should_help_events + should_refuse_events
                then 'more majority reasons than majority verdicts' end,
            case when reviewers_disagree_events < tied_review_events
                    or reviewers_disagree_events > reviewed_events
                then 'reviewers_disagree_events outside [tied, reviewed]' end,
            case when review_status
                    is distinct from if(reviewed_events > 0, 'reviewed', 'not reviewed')
                then 'review_status disagrees with reviewed_events' end
        ] as broken

    from today

)

select *
from (
    select cluster_id, reviewed_events, unnest(broken) as broken
    from checks
)
where broken is not null
