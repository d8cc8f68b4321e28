{#-
    Trend of every registered cluster: volume in the window ending var('run_day') against the
    window_days just before it. Disjoint windows, computed from the assignments rather than from
    yesterday's cluster_metrics row, so a status never depends on which days happened to run.
    Kept per window_end_day like cluster_metrics (window-mart config in dbt_project.yml).
-#}
{%- set window_days = var('window_days') | int -%}
{%- set window_end_day = "cast('" ~ var('run_day') ~ "' as date)" -%}
{%- set window_start_day = window_end_day ~ " - " ~ (window_days - 1) -%}
{%- set previous_end_day = window_end_day ~ " - " ~ window_days -%}
{%- set previous_start_day = window_end_day ~ " - " ~ (2 * window_days - 1) -%}
{#- a change of at least a quarter of the previous volume is a trend, less is noise -#}
{%- set trend_change = 0.25 -%}

with registry as (

    {{ cluster_registry_as_of(window_end_day) }}

),

event_clusters as (

    select * from {{ ref('fct_event_clusters') }}

),

volumes as (

    select
        cluster_id,
        count(*) filter (where event_day >= {{ window_start_day }}) as volume,
        count(*) filter (where event_day <= {{ previous_end_day }}) as previous_volume

    from event_clusters
    where not is_noise
        and event_day between {{ previous_start_day }} and {{ window_end_day }}
        and batch_day <= {{ window_end_day }}
    group by cluster_id

),

measured as (

    select
        registry.cluster_id,
        registry.label,
        registry.first_seen_day,
        coalesce(volumes.volume, 0) as volume,
        coalesce(volumes.previous_volume, 0) as previous_volume,
        -- relative change; null when the previous window was empty
        coalesce(volumes.volume, 0) / nullif(volumes.previous_volume, 0) - 1 as volume_change

    from registry
    left join volumes
        on registry.cluster_id = volumes.cluster_id

),

final as (

    select
        {{ window_end_day }} as window_end_day,
        cluster_id,
        label,
        first_seen_day,
        {{ window_start_day }} as window_start_day,
        volume,
        {{ previous_start_day }} as previous_window_start_day,
        previous_volume,
        volume_change,
        case
            when first_seen_day = {{ window_end_day }} then 'new'
            when volume = 0 then 'dormant'
            when previous_volume = 0 or volume_change >= {{ trend_change }} then 'growing'
            when volume_change <= -{{ trend_change }} then 'shrinking'
            else 'stable'
        end as status

    from measured

)

select * from final
