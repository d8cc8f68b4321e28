with source as (

    select * from {{ source('analytics', 'review_sample') }}

),

-- request_text stays out: the reviewers' copy of the text is not needed to weight verdicts
renamed as (

    select
        cast(batch_day as date) as batch_day,
        cast(event_id as varchar) as event_id,
        cast(cluster_id as varchar) as cluster_id,
        cast(stratum as varchar) as stratum,
        cast(inclusion_probability as double) as inclusion_probability,
        cast(sampling_weight as double) as sampling_weight,
        cast(impact_weight as double) as impact_weight,
        cast(sampled_at as timestamp) as sampled_at

    from source

)

select * from renamed
