{#-
    Every refusal's weights follow its review: review_weight is null exactly when unreviewed;
    should_help_weight is review_weight when the majority verdict is should_help, 0.0 for any
    other reviewed event (a tie included), null when unreviewed; an unreviewed event has no
    verdict and no disagreement. Selects the violating events.
-#}
with checks as (

    select
        event_id,
        is_reviewed,
        majority_verdict,
        review_weight,
        should_help_weight,
        [
            case when is_reviewed <> (review_weight is not null)
                then 'review_weight null <> not reviewed' end,
            case when should_help_weight is distinct from case
                    when majority_verdict = 'should_help' then review_weight
                    when is_reviewed then 0.0
                end
                then 'should_help_weight is not the should_help share of review_weight' end,
            case when not is_reviewed and (majority_verdict is not null or reviewers_disagree)
                then 'a verdict on an unreviewed event' end
        ] as broken

    from {{ ref('int_refusal_verdicts') }}

)

select *
from (
    select
        event_id, is_reviewed, majority_verdict, review_weight, should_help_weight,
        unnest(broken) as broken
    from checks
)
where broken is not null
