with source as (

    select * from {{ source('analytics', 'cluster_assignments') }}

),

renamed as (

    select
        cast(event_id as varchar) as event_id,
        cast(batch_day as date) as batch_day,
        cast(event_day as date) as event_day,
        cast(cluster_id as varchar) as cluster_id,
        cast(membership_probability as double) as membership_probability

    from source

)

select * from renamed
