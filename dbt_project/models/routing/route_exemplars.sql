{#-
    The run day's example requests per route (cluster and segment), from that route's own
    events only, so an over-refusal ticket never quotes its cluster's harmful half. A text
    qualifies when two or more users wrote it, or when it carries no redaction placeholder
    (nothing identifying was near it); shared texts first. Whether a route may show text at all
    is its k-anonymity (cluster_metrics, route_segments), which the ticket sync applies.
-#}
{{ config(materialized='table') }}

{%- set run_day = "cast('" ~ var('run_day') ~ "' as date)" -%}

with members as (

    select cluster_id, segment, event_id
    from {{ ref('route_events') }}
    where batch_day = {{ run_day }}

),

texts as (

    select
        members.cluster_id,
        members.segment,
        events.request_text,
        count(distinct events.user_pseudonym) as writers,
        max(clusters.membership_probability) as membership_probability

    from members
    inner join {{ ref('stg_refusal_events') }} as events
        on members.event_id = events.event_id
    inner join {{ ref('stg_cluster_assignments') }} as clusters
        on members.event_id = clusters.event_id
    group by members.cluster_id, members.segment, events.request_text

),

ranked as (

    select
        {{ run_day }} as batch_day,
        cluster_id,
        segment,
        request_text,
        writers,
        row_number() over (
            partition by cluster_id, segment
            order by writers desc, membership_probability desc, request_text
        ) as exemplar_rank

    from texts
    where writers >= 2
        or not regexp_matches(request_text, '<[A-Z_]+>')

)

select * from ranked
where exemplar_rank <= {{ var('exemplars') | int }}
