{#- A window mart: its incremental config is in dbt_project.yml, shared with the others. -#}
{%- set window_end_day = "cast('" ~ var('run_day') ~ "' as date)" -%}
{%- set window_start_day = window_end_day ~ " - " ~ (var('window_days') | int - 1) -%}
{#- fixed at 95 %, not var('confidence'): the table keeps history, which must stay comparable -#}
{%- set z = z_score(0.95) -%}

with events as (

    -- next actions as they read on the window's last day
    {{ sessionized_refusals(landed_by=window_end_day) }}

),

event_clusters as (

    select * from {{ ref('fct_event_clusters') }}

),

reviews as (

    select * from {{ ref('int_event_reviews') }}

),

registry as (

    {{ cluster_registry_as_of(window_end_day) }}

),

windowed_events as (

    select
        event_clusters.cluster_id,
        registry.label,
        events.event_id,
        events.user_pseudonym,
        events.refusal_category,
        events.layer,
        events.user_segment,
        events.account_type,
        events.capability_signal,
        events.next_action,
        events.next_action_derived,
        reviews.event_id is not null as is_reviewed,
        reviews.majority_verdict,
        reviews.majority_reason_type,
        coalesce(reviews.reviewers_disagree, false) as reviewers_disagree,
        reviews.sampling_weight as review_weight

    from events
    inner join event_clusters
        on events.event_id = event_clusters.event_id
    inner join registry
        on event_clusters.cluster_id = registry.cluster_id
    left join reviews
        on events.event_id = reviews.event_id
    where not event_clusters.is_noise
        and events.event_day between {{ window_start_day }} and {{ window_end_day }}
        -- what had landed by the window's last day: a re-run of that day sees the same
        and events.batch_day <= {{ window_end_day }}

),

cluster_totals as (

    select
        cluster_id,
        any_value(label) as label,
        count(*) as volume,
        count(distinct user_pseudonym) as distinct_users,
        count(*) filter (where next_action = 'rephrase_retry') as reprompts,
        count(*) filter (where next_action = 'rephrase_retry' and next_action_derived)
            as derived_reprompts,
        count(*) filter (where next_action_derived) as derived_next_actions,
        count(*) filter (where capability_signal) as capability_events,
        count(*) filter (where layer = 'gateway') as gateway_events,
        count(*) filter (where account_type = 'verified_professional') as verified_events,
        count(*) filter (where is_reviewed) as reviewed_events,
        count(*) filter (where majority_verdict = 'should_help') as should_help_events,
        count(*) filter (where majority_verdict = 'should_refuse') as should_refuse_events,
        count(*) filter (where is_reviewed and majority_verdict is null) as tied_review_events,
        count(*) filter (where majority_reason_type = 'over_refusal') as over_refusal_events,
        count(*) filter (where majority_reason_type = 'capability_gap') as capability_gap_events,
        count(*) filter (where majority_reason_type = 'policy_mismatch') as policy_mismatch_events,
        count(*) filter (where majority_reason_type = 'policy') as policy_events,
        count(*) filter (where reviewers_disagree) as reviewers_disagree_events,
        sum(review_weight) as reviewed_weight,
        sum(review_weight) filter (where majority_verdict = 'should_help') as should_help_weight,
        sum(review_weight * review_weight) as reviewed_weight_squares

    from windowed_events
    group by cluster_id

),

dimension_values as (

    select cluster_id, 'refusal_category' as dimension, refusal_category as dimension_value
    from windowed_events
    union all
    select cluster_id, 'layer' as dimension, layer as dimension_value
    from windowed_events
    union all
    select cluster_id, 'user_segment' as dimension, user_segment as dimension_value
    from windowed_events
    union all
    select cluster_id, 'account_type' as dimension, account_type as dimension_value
    from windowed_events

),

dimension_counts as (

    select
        cluster_id,
        dimension,
        dimension_value,
        count(*) as n_events

    from dimension_values
    group by cluster_id, dimension, dimension_value

),

dimension_json as (

    select
        cluster_id,
        dimension,
        {{ counts_json("coalesce(dimension_value, 'unknown')", 'n_events') }} as counts_json

    from dimension_counts
    group by cluster_id, dimension

),

dimension_json_wide as (

    select
        cluster_id,
        max(counts_json) filter (where dimension = 'refusal_category') as category_counts,
        max(counts_json) filter (where dimension = 'layer') as layer_counts,
        max(counts_json) filter (where dimension = 'user_segment') as segment_counts,
        max(counts_json) filter (where dimension = 'account_type') as account_type_counts

    from dimension_json
    group by cluster_id

),

-- ties go to the alphabetically first category; events without a category never win
top_categories as (

    select
        cluster_id,
        dimension_value as top_refusal_category,
        n_events as top_refusal_category_events

    from dimension_counts
    where dimension = 'refusal_category'
        and dimension_value is not null
    qualify row_number() over (
        partition by cluster_id order by n_events desc, dimension_value
    ) = 1

),

measured as (

    select
        {{ window_end_day }} as window_end_day,
        cluster_totals.cluster_id,
        cluster_totals.label,
        {{ window_start_day }} as window_start_day,
        cluster_totals.volume,
        cluster_totals.distinct_users,
        {{ k_anonymous('cluster_totals.distinct_users') }} as k_anonymous,
        cluster_totals.reprompts,
        cluster_totals.reprompts / cluster_totals.volume as reprompt_rate,
        cluster_totals.derived_reprompts,
        cluster_totals.derived_next_actions,
        cluster_totals.capability_events / cluster_totals.volume as capability_share,
        top_categories.top_refusal_category,
        coalesce(top_categories.top_refusal_category_events, 0)
            / cluster_totals.volume as top_refusal_category_share,
        dimension_json_wide.category_counts,
        dimension_json_wide.layer_counts,
        dimension_json_wide.segment_counts,
        dimension_json_wide.account_type_counts,
        cluster_totals.gateway_events / cluster_totals.volume as gateway_share,
        cluster_totals.reviewed_events,
        cluster_totals.should_help_events,
        cluster_totals.should_refuse_events,
        cluster_totals.tied_review_events,
        cluster_totals.over_refusal_events,
        cluster_totals.capability_gap_events,
        cluster_totals.policy_mismatch_events,
        cluster_totals.policy_events,
        cluster_totals.reviewers_disagree_events,
        cluster_totals.verified_events / cluster_totals.volume as account_type_verified_share,
        case
            when cluster_totals.reviewed_events > 0 then 'reviewed' else 'not reviewed'
        end as review_status,
        -- null (unknown, never 0) when nothing was reviewed
        {{ weighted_false_refusal_rate(
            'cluster_totals.reviewed_weight',
            'cluster_totals.should_help_weight',
            'cluster_totals.reviewed_weight_squares',
        ) }}

    from cluster_totals
    left join dimension_json_wide
        on cluster_totals.cluster_id = dimension_json_wide.cluster_id
    left join top_categories
        on cluster_totals.cluster_id = top_categories.cluster_id

),

final as (

    select
        *,
        {{ false_refusal_rate_interval(z) }}

    from measured

)

select * from final
