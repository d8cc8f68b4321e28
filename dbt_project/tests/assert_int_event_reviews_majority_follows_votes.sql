{#-
    Every reviewed event's verdict follows its votes: n_reviews = should_help_votes +
    should_refuse_votes (verdicts are one of the two); majority_verdict is the verdict with
    strictly more votes, null on a tie; reviewers_disagree exactly when both got votes; no
    majority reason without a majority verdict. Selects the violating events.
-#}
with checks as (

    select
        event_id,
        should_help_votes,
        should_refuse_votes,
        majority_verdict,
        [
            case when n_reviews <> should_help_votes + should_refuse_votes
                then 'n_reviews <> should_help_votes + should_refuse_votes' end,
            case when majority_verdict is distinct from case
                    when should_help_votes > should_refuse_votes then 'should_help'
                    when should_refuse_votes > should_help_votes then 'should_refuse'
                end
                then 'majority_verdict is not the strict majority' end,
            case when reviewers_disagree <> (should_help_votes > 0 and should_refuse_votes > 0)
                then 'reviewers_disagree <> both verdicts got votes' end,
            case when majority_verdict is null and majority_reason_type is not null
                then 'a majority reason without a majority verdict' end
        ] as broken

    from {{ ref('int_event_reviews') }}

)

select *
from (
    select
        event_id, should_help_votes, should_refuse_votes, majority_verdict,
        unnest(broken) as broken
    from checks
)
where broken is not null
