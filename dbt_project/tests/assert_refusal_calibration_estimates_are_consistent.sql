{#-
    Every calibration row's estimates agree: estimated false + true refusals = refusals; the
    true-refusal rate and its bounds mirror the false-refusal ones (1 − rate, 1 − high,
    1 − low); low <= false_refusal_rate <= high; the rate, its bounds and the estimates are
    null exactly when nothing was reviewed; reviewed_events <= refusals and so are the detected
    full + partial refusals and answers (events without a response have none); the Kish size
    lies in [1, reviewed_events]; compounded_gating only on gateway rows of grain cell or layer.
    Selects the violating rows.
-#}
{%- set eps = 1e-9 -%}
with checks as (

    select
        event_day,
        grain,
        group_value,
        [
            case when abs(estimated_false_refusals + estimated_true_refusals - refusals)
                    > {{ eps }} * greatest(1, refusals)
                then 'estimated false + true refusals <> refusals' end,
            case when abs(true_refusal_rate - (1 - false_refusal_rate)) > {{ eps }}
                    or abs(true_refusal_rate_low - (1 - false_refusal_rate_high)) > {{ eps }}
                    or abs(true_refusal_rate_high - (1 - false_refusal_rate_low)) > {{ eps }}
                then 'true-refusal rate or bounds do not mirror the false-refusal ones' end,
            case when false_refusal_rate < false_refusal_rate_low - {{ eps }}
                    or false_refusal_rate > false_refusal_rate_high + {{ eps }}
                then 'false_refusal_rate outside [low, high]' end,
            case when (false_refusal_rate is null) <> (reviewed_events = 0)
                    or (false_refusal_rate_low is null) <> (reviewed_events = 0)
                    or (false_refusal_rate_high is null) <> (reviewed_events = 0)
                    or (estimated_false_refusals is null) <> (reviewed_events = 0)
                then 'rate, bounds or estimates null <> nothing reviewed' end,
            case when not reviewed_events <= refusals then 'reviewed_events > refusals' end,
            case when full_refusals + partial_refusals + read_as_compliance > refusals
                then 'detected full + partial refusals + answers > refusals' end,
            case when effective_reviewed_events < 1 - {{ eps }}
                    or effective_reviewed_events > reviewed_events + {{ eps }}
                then 'effective_reviewed_events outside [1, reviewed_events]' end,
            case when compounded_gating
                    and not (layer = 'gateway' and grain in ('cell', 'layer'))
                then 'compounded_gating off a gateway cell or layer row' end
        ] as broken

    from {{ ref('refusal_calibration') }}

)

select *
from (
    select event_day, grain, group_value, unnest(broken) as broken
    from checks
)
where broken is not null
