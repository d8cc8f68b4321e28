with source as (

    select * from {{ source('analytics', 'minimized_refusal_events') }}

),

renamed as (

    select
        cast(event_id as varchar) as event_id,
        cast(batch_day as date) as batch_day,
        cast(event_day as date) as event_day,
        cast(occurred_at as timestamp) as occurred_at,
        cast(user_pseudonym as varchar) as user_pseudonym,
        cast(session_pseudonym as varchar) as session_pseudonym,
        cast(pseudonym_key_version as varchar) as pseudonym_key_version,
        cast(turn_index as integer) as turn_index,
        cast(request_text as varchar) as request_text,
        cast(response_text as varchar) as response_text,
        cast(feedback_text as varchar) as feedback_text,
        cast(request_text_hash as varchar) as request_text_hash,
        cast(refusal_category as varchar) as refusal_category,
        cast(policy_rule as varchar) as policy_rule,
        cast(layer as varchar) as layer,
        cast(surface as varchar) as surface,
        cast(model_version as varchar) as model_version,
        cast(account_type as varchar) as account_type,
        cast(user_segment as varchar) as user_segment,
        cast(locale as varchar) as locale,
        cast(next_action as varchar) as next_action

    from source

)

select * from renamed
