with assignments as (

    select * from {{ ref('stg_cluster_assignments') }}

),

registry as (

    select * from {{ ref('stg_cluster_registry') }}

),

final as (

    select
        assignments.event_id,
        assignments.event_day,
        assignments.batch_day,
        assignments.cluster_id,
        assignments.cluster_id is null as is_noise,
        registry.label,
        assignments.membership_probability

    from assignments
    left join registry
        on assignments.cluster_id = registry.cluster_id

)

select * from final
