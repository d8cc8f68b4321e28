{#-
    One window per invocation, kept per window_end_day like cluster_metrics (window-mart config in dbt_project.yml).
    A segment's rates use only the refusals of days its traffic covers, so a missing export day
    never inflates a rate.
-#}
{%- set window_days = var('window_days') | int -%}
{%- set window_end_day = "cast('" ~ var('run_day') ~ "' as date)" -%}
{%- set window_start_day = window_end_day ~ " - " ~ (window_days - 1) -%}
{%- set z = z_score(var('confidence')) -%}
{%- set reference_segment = var('reference_segment') or '' -%}

with verdicts as (

    select
        verdicts.event_id,
        verdicts.event_day,
        coalesce(verdicts.user_segment, 'unknown') as user_segment,
        coalesce(verdicts.refusal_category, 'unknown') as refusal_category,
        clusters.cluster_id,
        verdicts.majority_verdict,
        verdicts.majority_reason_type,
        verdicts.is_reviewed,
        verdicts.review_weight,
        verdicts.should_help_weight

    from {{ ref('int_refusal_verdicts') }} as verdicts
    left join {{ ref('fct_event_clusters') }} as clusters
        on verdicts.event_id = clusters.event_id
    where verdicts.event_day between {{ window_start_day }} and {{ window_end_day }}
        -- what had landed by the window's last day: a re-run of that day sees the same
        and verdicts.batch_day <= {{ window_end_day }}

),

traffic_days as (

    select
        day,
        user_segment,
        cast(sum(requests) as bigint) as requests

    from {{ ref('stg_traffic') }}
    where day between {{ window_start_day }} and {{ window_end_day }}
        and batch_day <= {{ window_end_day }}
    group by day, user_segment

),

segment_traffic as (

    select
        user_segment,
        cast(sum(requests) as bigint) as requests,
        count(*) as traffic_days

    from traffic_days
    group by user_segment

),

window_traffic as (

    select
        count(*) > 0 as has_traffic,
        cast(sum(requests) as bigint) as requests

    from segment_traffic

),

-- the configured segment, else the most-served one (ties: alphabetical)
reference as (

    {% if reference_segment -%}
    select {{ sql_string_literal(reference_segment) }} as user_segment
    {%- else -%}
    select user_segment
    from segment_traffic
    order by requests desc, user_segment
    limit 1
    {%- endif %}

),

-- cluster_type: 'all' (the segment overall), the event's refusal_category, its intent
-- ('intent:' || cluster_id), and each should-help reason ('reason:' || reason_type: the same
-- refusals, with only reviews that give that reason counted as false refusals, so that an
-- over-refusal disparity is not diluted by capability gaps)
typed_events as (

    select *, 'all' as cluster_type from verdicts
    union all
    select *, refusal_category as cluster_type from verdicts
    union all
    select *, 'intent:' || cluster_id as cluster_type from verdicts
    where cluster_id is not null
    union all
    select
        * exclude (reason) replace (
            case
                when majority_verdict = 'should_help' and majority_reason_type = reason
                    then should_help_weight
                when is_reviewed then 0.0
            end as should_help_weight
        ),
        'reason:' || reason as cluster_type
    from verdicts
    cross join (
        select unnest(['over_refusal', 'capability_gap', 'policy_mismatch']) as reason
    )

),

refusal_groups as (

    select
        typed_events.user_segment,
        typed_events.cluster_type,
        count(*) as refusals,
        count(traffic_days.day) as rated_refusals,
        count(*) filter (where typed_events.is_reviewed) as reviewed_events,
        sum(typed_events.review_weight) as reviewed_weight,
        sum(typed_events.should_help_weight) as should_help_weight,
        sum(typed_events.review_weight * typed_events.review_weight) as reviewed_weight_squares

    from typed_events
    left join traffic_days
        on typed_events.user_segment = traffic_days.user_segment
        and typed_events.event_day = traffic_days.day
    group by typed_events.user_segment, typed_events.cluster_type

),

-- served segments without a single refusal still get their overall row: a rate of 0
groups as (

    select
        coalesce(refusal_groups.user_segment, segment_traffic.user_segment) as user_segment,
        coalesce(refusal_groups.cluster_type, 'all') as cluster_type,
        coalesce(refusal_groups.refusals, 0) as refusals,
        coalesce(refusal_groups.rated_refusals, 0) as rated_refusals,
        coalesce(refusal_groups.reviewed_events, 0) as reviewed_events,
        refusal_groups.reviewed_weight,
        refusal_groups.should_help_weight,
        refusal_groups.reviewed_weight_squares

    from refusal_groups
    full outer join segment_traffic
        on refusal_groups.user_segment = segment_traffic.user_segment
        and refusal_groups.cluster_type = 'all'

),

rates as (

    select
        groups.user_segment,
        groups.cluster_type,
        groups.refusals,
        groups.refusals / nullif(sum(groups.refusals) over (
            partition by groups.cluster_type
        ), 0) as refusal_share,
        groups.reviewed_events,
        {{ weighted_false_refusal_rate(
            'groups.reviewed_weight', 'groups.should_help_weight', 'groups.reviewed_weight_squares'
        ) }},
        segment_traffic.requests,
        segment_traffic.requests / nullif(window_traffic.requests, 0) as request_share,
        segment_traffic.traffic_days,
        groups.rated_refusals,
        groups.rated_refusals / nullif(segment_traffic.requests, 0) as refusal_rate,
        window_traffic.has_traffic

    from groups
    cross join window_traffic
    left join segment_traffic
        on groups.user_segment = segment_traffic.user_segment

),

-- log-scale variances: Katz's 1/x - 1/n for the refusal rate; the benign rate adds the
-- delta-method variance of the reviewed share, (1 - p) / (p * n_eff), estimated from a sample
variances as (

    select
        *,
        refusal_rate * false_refusal_rate as benign_refusal_rate,
        case
            when rated_refusals > 0 and requests > 0
                then greatest(0.0, 1.0 / rated_refusals - 1.0 / requests)
        end as log_rate_variance,
        case
            when false_refusal_rate > 0
                then (1 - false_refusal_rate) / (false_refusal_rate * effective_reviewed_events)
        end as log_frr_variance

    from rates

),

compared as (

    select
        variances.*,
        reference.user_segment as reference_segment,
        coalesce(variances.user_segment = reference.user_segment, false)
            as is_reference_segment,
        variances.refusal_rate / nullif(ref.refusal_rate, 0) as refusal_rate_ratio,
        variances.log_rate_variance + ref.log_rate_variance as log_rate_ratio_variance,
        variances.benign_refusal_rate / nullif(ref.benign_refusal_rate, 0)
            as benign_refusal_rate_ratio,
        variances.log_rate_variance + variances.log_frr_variance
            + ref.log_rate_variance + ref.log_frr_variance as log_benign_ratio_variance

    from variances
    left join reference
        on true
    left join variances as ref
        on ref.user_segment = reference.user_segment
        and ref.cluster_type = variances.cluster_type

),

reported as (

    select
        {{ window_end_day }} as window_end_day,
        {{ window_start_day }} as window_start_day,
        user_segment,
        cluster_type,
        refusals,
        refusal_share,
        reviewed_events,
        effective_reviewed_events,
        false_refusal_rate,
        requests,
        request_share,
        rated_refusals,
        refusal_rate,
        benign_refusal_rate,
        reference_segment,
        is_reference_segment,
        refusal_rate_ratio,
        case when not is_reference_segment and refusal_rate_ratio > 0 then
            refusal_rate_ratio * exp(-{{ z }} * sqrt(log_rate_ratio_variance))
        end as refusal_rate_ratio_low,
        case when not is_reference_segment and refusal_rate_ratio > 0 then
            refusal_rate_ratio * exp({{ z }} * sqrt(log_rate_ratio_variance))
        end as refusal_rate_ratio_high,
        benign_refusal_rate_ratio,
        case when not is_reference_segment and benign_refusal_rate_ratio > 0 then
            benign_refusal_rate_ratio * exp(-{{ z }} * sqrt(log_benign_ratio_variance))
        end as benign_refusal_rate_ratio_low,
        case when not is_reference_segment and benign_refusal_rate_ratio > 0 then
            benign_refusal_rate_ratio * exp({{ z }} * sqrt(log_benign_ratio_variance))
        end as benign_refusal_rate_ratio_high,
        case
            when not has_traffic then 'no traffic denominators: shares only'
            when requests is null then 'no traffic rows for this segment'
            when requests = 0 then 'no requests served to this segment'
            when traffic_days < {{ window_days }}
                then 'traffic covers ' || traffic_days || ' of {{ window_days }} days; '
                    || 'rates count the refusals of those days'
        end as rates_note,
        cast({{ var('confidence') | float }} as double) as confidence

    from compared

),

final as (

    select
        *,
        coalesce(benign_refusal_rate_ratio_low > 1, false) as flag_significant

    from reported

)

select * from final
