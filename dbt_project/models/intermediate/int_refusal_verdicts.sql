-- every refusal event with its reviewed verdict, weighted for the audit marts
with events as (

    select * from {{ ref('stg_refusal_events') }}

),

reviews as (

    select * from {{ ref('int_event_reviews') }}

),

detections as (

    select * from {{ ref('stg_response_detections') }}

),

final as (

    select
        events.event_id,
        events.batch_day,
        events.event_day,
        events.refusal_category,
        events.layer,
        events.surface,
        events.model_version,
        events.account_type,
        events.user_segment,
        -- what the logged response reads as; null when the event logged no response
        detections.detected_refusal,
        reviews.event_id is not null as is_reviewed,
        coalesce(reviews.reviewers_disagree, false) as reviewers_disagree,
        reviews.majority_verdict,
        reviews.majority_reason_type,
        reviews.sampling_weight as review_weight,
        -- a tie counts as "not should_help" but stays in the denominator
        case
            when reviews.majority_verdict = 'should_help' then reviews.sampling_weight
            when reviews.event_id is not null then 0.0
        end as should_help_weight

    from events
    left join reviews
        on events.event_id = reviews.event_id
    left join detections
        on events.event_id = detections.event_id

)

select * from final
