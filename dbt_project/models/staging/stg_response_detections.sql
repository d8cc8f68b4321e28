with source as (

    select * from {{ source('analytics', 'response_detections') }}

),

renamed as (

    select
        cast(batch_day as date) as batch_day,
        cast(event_id as varchar) as event_id,
        cast(detected_refusal as varchar) as detected_refusal,
        cast(refusal_score as double) as refusal_score

    from source

)

select * from renamed
