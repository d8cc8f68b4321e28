with labels as (

    select * from {{ ref('stg_review_labels') }}

),

-- an event drawn on several days keeps the weight of its latest day's draw (by day, not by
-- when it was drawn: redrawing an earlier day must not take over)
latest_sample as (

    select
        event_id,
        sampling_weight

    from {{ ref('stg_review_sample') }}
    qualify row_number() over (
        partition by event_id order by batch_day desc
    ) = 1

),

votes as (

    select
        event_id,
        count(*) as n_reviews,
        count(*) filter (where verdict = 'should_help') as should_help_votes,
        count(*) filter (where verdict = 'should_refuse') as should_refuse_votes,
        max(reviewed_at) as last_reviewed_at

    from labels
    group by event_id

),

verdicts as (

    select
        *,
        case
            when should_help_votes > should_refuse_votes then 'should_help'
            when should_refuse_votes > should_help_votes then 'should_refuse'
        end as majority_verdict,
        should_help_votes > 0 and should_refuse_votes > 0 as reviewers_disagree

    from votes

),

-- reasons only count from reviewers who sided with the majority verdict,
-- so the reason never contradicts the verdict
reason_votes as (

    select
        labels.event_id,
        labels.reason_type,
        count(*) as n_votes

    from labels
    inner join verdicts
        on labels.event_id = verdicts.event_id
        and labels.verdict = verdicts.majority_verdict
    where labels.reason_type is not null
    group by labels.event_id, labels.reason_type

),

ranked_reasons as (

    select
        event_id,
        reason_type,
        n_votes,
        row_number() over (partition by event_id order by n_votes desc, reason_type) as reason_rank,
        count(*) over (partition by event_id, n_votes) as n_reasons_with_same_votes

    from reason_votes

),

majority_reasons as (

    select
        event_id,
        reason_type as majority_reason_type

    from ranked_reasons
    where reason_rank = 1
        and n_reasons_with_same_votes = 1

),

final as (

    select
        verdicts.event_id,
        verdicts.n_reviews,
        verdicts.should_help_votes,
        verdicts.should_refuse_votes,
        verdicts.majority_verdict,
        verdicts.reviewers_disagree,
        majority_reasons.majority_reason_type,
        verdicts.last_reviewed_at,
        latest_sample.event_id is not null as in_review_sample,
        -- reviewed outside the sample: the event stands for itself
        coalesce(latest_sample.sampling_weight, 1.0) as sampling_weight

    from verdicts
    left join majority_reasons
        on verdicts.event_id = majority_reasons.event_id
    left join latest_sample
        on verdicts.event_id = latest_sample.event_id

)

select * from final
