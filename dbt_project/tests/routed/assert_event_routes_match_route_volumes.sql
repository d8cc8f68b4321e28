{#-
    Each of today's routes holds, in marts.event_routes, exactly the events its volume counts:
    routing's numbers and the per-event routes describe the same events. Selects the routes
    whose counts differ. In tests/routed, so the dbt asset that builds event_routes runs it (its
    fqn is the routed folder's), and a check on event_routes in Dagster.
-#}
{{ config(meta={'dagster': {'ref': {'name': 'event_routes'}}}) }}

with routes as (

    select cluster_id, segment, volume
    from {{ source('routing_analytics', 'cluster_routes') }}
    where batch_day = cast('{{ var("run_day") }}' as date)

),

routed as (

    select cluster_id, segment, count(*) as events
    from {{ ref('event_routes') }}
    where batch_day = cast('{{ var("run_day") }}' as date)
        and cluster_id is not null
    group by cluster_id, segment

)

select routes.cluster_id, routes.segment, routes.volume, coalesce(routed.events, 0) as events
from routes
left join routed
    on routed.cluster_id = routes.cluster_id
    and routed.segment = routes.segment
where routes.volume <> coalesce(routed.events, 0)
