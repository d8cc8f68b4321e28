{#-
    The run day's verdict segments of each cluster: volume, users, what reviewers said, and the
    false-refusal rate with the same sampling-weighted Wilson interval as marts.cluster_metrics
    (one estimator, so the column means one thing wherever it appears). Routing splits a
    cluster into these when its reviewers disagree.
-#}
{{ config(materialized='table') }}

{%- set run_day = "cast('" ~ var('run_day') ~ "' as date)" -%}
{#- fixed at 95 %, as in cluster_metrics: routes keep history, which must stay comparable -#}
{%- set z = z_score(0.95) -%}

with members as (

    select cluster_id, segment, event_id, verdict_source
    from {{ ref('route_events') }}
    where batch_day = {{ run_day }}
        and segment <> 'all'

),

events as (

    select event_id, user_pseudonym from {{ ref('stg_refusal_events') }}

),

reviews as (

    select event_id, majority_reason_type, sampling_weight, majority_verdict
    from {{ ref('int_event_reviews') }}

),

segment_totals as (

    select
        members.cluster_id,
        members.segment,
        count(*) as volume,
        count(distinct events.user_pseudonym) as distinct_users,
        count(*) filter (where members.verdict_source = 'review') as reviewed_events,
        count(*) filter (
            where members.verdict_source = 'review'
                and reviews.majority_reason_type = 'over_refusal'
        ) as over_refusal_reviews,
        count(*) filter (
            where members.verdict_source = 'review'
                and reviews.majority_reason_type = 'capability_gap'
        ) as capability_gap_reviews,
        count(*) filter (
            where members.verdict_source = 'review'
                and reviews.majority_reason_type = 'policy_mismatch'
        ) as policy_mismatch_reviews,
        sum(reviews.sampling_weight) filter (where members.verdict_source = 'review')
            as reviewed_weight,
        sum(reviews.sampling_weight) filter (
            where members.verdict_source = 'review' and reviews.majority_verdict = 'should_help'
        ) as should_help_weight,
        sum(reviews.sampling_weight * reviews.sampling_weight) filter (
            where members.verdict_source = 'review'
        ) as reviewed_weight_squares

    from members
    inner join events
        on members.event_id = events.event_id
    left join reviews
        on members.event_id = reviews.event_id
    group by members.cluster_id, members.segment

),

measured as (

    select
        {{ run_day }} as batch_day,
        cluster_id,
        segment,
        volume,
        distinct_users,
        {{ k_anonymous('distinct_users') }} as k_anonymous,
        reviewed_events,
        over_refusal_reviews,
        capability_gap_reviews,
        policy_mismatch_reviews,
        {{ weighted_false_refusal_rate(
            'reviewed_weight', 'should_help_weight', 'reviewed_weight_squares'
        ) }}

    from segment_totals

),

final as (

    select
        *,
        {{ false_refusal_rate_interval(z) }}

    from measured

)

select * from final
