with source as (

    select * from {{ source('analytics', 'cluster_snapshots') }}

),

renamed as (

    select
        cast(batch_day as date) as batch_day,
        cast(cluster_id as varchar) as cluster_id,
        cast(label as varchar) as label,
        cast(top_terms as varchar[]) as top_terms,
        cast(size as integer) as size

    from source

)

select * from renamed
