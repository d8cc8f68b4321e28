{#-
    Today's statuses follow the first-match rules of the model description (new, dormant,
    growing, shrinking, stable at ±25 %), volume_change = volume / previous_volume − 1 (null when
    the previous window was empty), and the two windows are the window_days ending run_day and
    the window_days before. Selects the violating rows.
-#}
{%- set window_days = var('window_days') | int -%}
{%- set run_day = "cast('" ~ var('run_day') ~ "' as date)" -%}
with today as (

    select * from {{ ref('cluster_status') }}
    where window_end_day = {{ run_day }}

),

checks as (

    select
        cluster_id,
        status,
        case
            when first_seen_day = window_end_day then 'new'
            when volume = 0 then 'dormant'
            when previous_volume = 0 or volume >= 1.25 * previous_volume then 'growing'
            when volume <= 0.75 * previous_volume then 'shrinking'
            else 'stable'
        end as expected_status,
        [
            case when previous_volume = 0 and volume_change is not null
                    or previous_volume > 0
                    and not coalesce(
                        abs(volume_change - (volume / previous_volume - 1)) < 1e-12, false
                    )
                then 'volume_change <> volume / previous_volume - 1' end,
            case when window_start_day <> {{ run_day }} - {{ window_days - 1 }}
                    or previous_window_start_day <> {{ run_day }} - {{ 2 * window_days - 1 }}
                then 'windows are not the window_days ending run_day and the ones before' end,
            case when volume < 0 or previous_volume < 0 then 'a negative volume' end
        ] as broken

    from today

)

select cluster_id, status, expected_status, 'status breaks its rules' as broken
from checks
where status is distinct from expected_status
union all
select *
from (
    select cluster_id, status, expected_status, unnest(broken) as broken
    from checks
)
where broken is not null
