with source as (

    select * from {{ source('analytics', 'review_labels') }}

),

renamed as (

    select
        cast(event_id as varchar) as event_id,
        cast(reviewer as varchar) as reviewer,
        cast(verdict as varchar) as verdict,
        cast(reason_type as varchar) as reason_type,
        cast(reviewed_at as timestamp) as reviewed_at,
        cast(note as varchar) as note,
        cast(batch_day as date) as batch_day

    from source

)

-- labels land in daily batches: a later batch's verdict by the same reviewer supersedes
select * from renamed
qualify row_number() over (
    partition by event_id, coalesce(reviewer, '')
    order by reviewed_at desc, batch_day desc
) = 1
