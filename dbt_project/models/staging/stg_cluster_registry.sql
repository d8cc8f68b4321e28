with source as (

    select * from {{ source('analytics', 'cluster_registry') }}

),

renamed as (

    select
        cast(cluster_id as varchar) as cluster_id,
        cast(label as varchar) as label,
        cast(top_terms as varchar[]) as top_terms,
        cast(first_seen_day as date) as first_seen_day,
        cast(last_seen_day as date) as last_seen_day,
        cast(last_size as integer) as last_size

    from source

)

select * from renamed
