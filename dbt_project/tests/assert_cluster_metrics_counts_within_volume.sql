{#-
    Every count of today's window counts the cluster's events: 1 <= distinct_users <= volume,
    reprompts, derived_next_actions and reviewed_events <= volume, derived_reprompts <=
    reprompts, reprompt_rate =
    reprompts / volume. Selects the violating rows (one per broken identity).
-#}
with today as (

    select * from {{ ref('cluster_metrics') }}
    where window_end_day = cast('{{ var("run_day") }}' as date)

),

checks as (

    select
        cluster_id,
        volume,
        [
            case when not volume >= 1 then 'a row without events' end,
            case when not distinct_users between 1 and volume
                then 'distinct_users outside [1, volume]' end,
            case when not reprompts <= volume then 'reprompts > volume' end,
            case when not derived_next_actions <= volume then 'derived_next_actions > volume' end,
            case when not derived_reprompts <= reprompts then 'derived_reprompts > reprompts' end,
            case when not reviewed_events <= volume then 'reviewed_events > volume' end,
            case when not abs(reprompt_rate - reprompts / volume) < 1e-12
                then 'reprompt_rate <> reprompts / volume' end
        ] as broken

    from today

)

select *
from (
    select cluster_id, volume, unnest(broken) as broken
    from checks
)
where broken is not null
