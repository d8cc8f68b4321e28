{#-
    Today's weighted false-refusal rate lies in its Wilson interval, false_refusal_rate_low <=
    false_refusal_rate <= false_refusal_rate_high; it and its interval and effective sample size
    are null exactly when nothing was reviewed; the Kish effective size lies in
    [1, reviewed_events]; the rate is 0 exactly when no reviewed event should have been helped
    and 1 exactly when all should have (weights are > 0). Selects the violating rows.
-#}
{%- set eps = 1e-9 -%}
with today as (

    select * from {{ ref('cluster_metrics') }}
    where window_end_day = cast('{{ var("run_day") }}' as date)

),

checks as (

    select
        cluster_id,
        false_refusal_rate,
        [
            case when false_refusal_rate < false_refusal_rate_low - {{ eps }}
                    or false_refusal_rate > false_refusal_rate_high + {{ eps }}
                then 'false_refusal_rate outside [low, high]' end,
            case when (false_refusal_rate is null) <> (reviewed_events = 0)
                then 'false_refusal_rate null <> nothing reviewed' end,
            case when (false_refusal_rate_low is null) <> (false_refusal_rate is null)
                    or (false_refusal_rate_high is null) <> (false_refusal_rate is null)
                    or (effective_reviewed_events is null) <> (false_refusal_rate is null)
                then 'interval or effective size null <> rate null' end,
            case when effective_reviewed_events < 1 - {{ eps }}
                    or effective_reviewed_events > reviewed_events + {{ eps }}
                then 'effective_reviewed_events outside [1, reviewed_events]' end,
            case when (false_refusal_rate = 0) <> (should_help_events = 0)
                then 'false_refusal_rate = 0 <> no should_help event' end,
            -- 1 up to the rounding of two sums over the same weights
            case when (false_refusal_rate >= 1 - 1e-12) <> (should_help_events = reviewed_events)
                then 'false_refusal_rate = 1 <> every reviewed event should_help' end
        ] as broken

    from today

)

select *
from (
    select cluster_id, false_refusal_rate, unnest(broken) as broken
    from checks
)
where broken is not null
