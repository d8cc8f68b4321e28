{#-
    Every refusal's next action follows the rules of the model description: a logged action is
    kept (next_action_derived = false) and only a missing one is derived; a derived 'continued'
    has a gap in turn_index before the next refusal; the last event of a session derives
    feedback or session_end, any other never session_end; a derived rephrase_retry has its next
    request on the very next turn, within var('retry_window_minutes') and at least
    var('retry_similarity') similar. Selects the violating events.
-#}
with checks as (

    select
        event_id,
        next_action_logged,
        next_action,
        next_event_id,
        [
            case when next_action_derived <> (next_action_logged is null)
                then 'next_action_derived <> nothing logged' end,
            case when not next_action_derived and next_action <> next_action_logged
                then 'a logged next_action was replaced' end,
            case when next_action_derived and next_action = 'continued'
                    and not coalesce(turns_to_next > 1, false)
                then 'continued derived without a turn gap' end,
            case when next_action_derived and next_event_id is null
                    and next_action not in ('feedback', 'session_end')
                then 'the last event of its session derives neither feedback nor session_end' end,
            case when next_action_derived and next_event_id is not null
                    and next_action = 'session_end'
                then 'session_end derived although a next event exists' end,
            case when next_action_derived and next_action = 'rephrase_retry'
                    and not coalesce(
                        seconds_to_next <= {{ var('retry_window_minutes') | float * 60 }}
                        and coalesce(turns_to_next <= 1, true)
                        and similarity_to_next >= {{ var('retry_similarity') | float }},
                        false
                    )
                then 'rephrase_retry derived outside the retry window or similarity' end
        ] as broken

    from {{ ref('int_refusals_sessionized') }}

)

select *
from (
    select event_id, next_action_logged, next_action, next_event_id, unnest(broken) as broken
    from checks
)
where broken is not null
