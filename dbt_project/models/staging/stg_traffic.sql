with source as (

    select * from {{ source('analytics', 'traffic') }}

),

renamed as (

    select
        cast(batch_day as date) as batch_day,
        cast(day as date) as day,
        cast(user_segment as varchar) as user_segment,
        cast(requests as bigint) as requests,
        cast(extra as varchar) as extra,
        cast(source_file as varchar) as source_file,
        cast(source_line as integer) as source_line

    from source

)

select * from renamed
