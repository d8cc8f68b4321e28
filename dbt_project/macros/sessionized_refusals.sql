{#-
    Each refusal with its next action: the logged one, else derived from the same session's
    next request, first matching rule wins (the rule is kept in next_action_rule):
    feedback text -> feedback; the very next turn, within retry_window_minutes and with cosine
    similarity >= retry_similarity -> rephrase_retry; a later refusal after a gap in turn_index
    (the turns between were answered, and a refusal log holds no answered turn) -> continued;
    another later request -> abandon; none -> session_end.

    `landed_by` (a SQL date) keeps only events landed by that day: a window mart derives next
    actions from what had landed by its window's last day, so a turn that lands late changes
    the later windows, never a re-run of an earlier one.
-#}
{% macro sessionized_refusals(landed_by=none) %}
{%- set retry_window_seconds = var('retry_window_minutes') | float * 60 -%}
with events as (

    select * from {{ ref('stg_refusal_events') }}
    {%- if landed_by is not none %}
    where batch_day <= {{ landed_by }}
    {%- endif %}

),

embeddings as (

    select * from {{ ref('stg_request_embeddings') }}

),

events_with_embeddings as (

    select
        events.*,
        embeddings.embedding

    from events
    left join embeddings
        on events.request_text_hash = embeddings.text_hash

),

with_next_event as (

    select
        *,
        lead(event_id) over session_order as next_event_id,
        lead(occurred_at) over session_order as next_occurred_at,
        lead(embedding) over session_order as next_embedding,
        lead(turn_index) over session_order as next_turn_index

    from events_with_embeddings
    window session_order as (
        partition by session_pseudonym
        order by occurred_at, turn_index nulls last, event_id
    )

),

measured as (

    select
        *,
        epoch(next_occurred_at) - epoch(occurred_at) as seconds_to_next,
        next_turn_index - turn_index as turns_to_next,
        list_cosine_similarity(
            cast(embedding as double[]), cast(next_embedding as double[])
        ) as similarity_to_next,
        coalesce(refusal_category = 'capability', false)
        or coalesce(
            regexp_matches(
                response_text, {{ sql_string_literal(var('capability_response_pattern')) }}, 'i'
            ),
            false
        ) as capability_signal,
        -- blank feedback is not feedback
        nullif(trim(feedback_text), '') is not null as has_feedback

    from with_next_event

),

derived as (

    select
        *,
        case
            when has_feedback then 'feedback_text'
            when next_event_id is not null
                and seconds_to_next <= {{ retry_window_seconds }}
                and coalesce(turns_to_next <= 1, true)
                and similarity_to_next >= {{ var('retry_similarity') | float }}
                then 'similar_next_turn'
            when turns_to_next > 1 then 'turn_gap'
            when next_event_id is not null then 'later_request'
            else 'last_in_session'
        end as derivation_rule

    from measured

),

with_derived_action as (

    select
        *,
        case derivation_rule
            when 'feedback_text' then 'feedback'
            when 'similar_next_turn' then 'rephrase_retry'
            when 'turn_gap' then 'continued'
            when 'later_request' then 'abandon'
            else 'session_end'
        end as derived_next_action

    from derived

),

final as (

    select
        event_id,
        batch_day,
        event_day,
        occurred_at,
        user_pseudonym,
        session_pseudonym,
        pseudonym_key_version,
        turn_index,
        request_text,
        response_text,
        feedback_text,
        request_text_hash,
        refusal_category,
        policy_rule,
        layer,
        surface,
        model_version,
        account_type,
        user_segment,
        locale,
        next_event_id,
        seconds_to_next,
        turns_to_next,
        similarity_to_next,
        capability_signal,
        next_action as next_action_logged,
        coalesce(next_action, derived_next_action) as next_action,
        next_action is null as next_action_derived,
        case when next_action is null then derivation_rule else 'logged' end as next_action_rule

    from with_derived_action

)

select * from final
{% endmacro %}
