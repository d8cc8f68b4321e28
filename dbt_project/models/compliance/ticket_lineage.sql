{#-
    Ticket -> route -> event -> source file and SHA-256, with the verbatim row's deadline.
    A ticket traces the events of its route (marts.route_events) on its updated_day: the events
    its current evidence and example requests were drawn from. The compliance models run after
    the day's ticket sync (their own dbt asset), so this mart traces the tickets as the run left
    them; `refusal-backlog lineage` reads it. On a warehouse without the pipeline's own tables
    (dbt run on a bare analytics file) the mart is empty.
-#}
{{ config(materialized='table', schema='compliance') }}

{%- set raw_days = var('retention')['raw_days'] -%}
{%- set minimized_days = var('retention')['minimized_days'] -%}
{%- set inputs = [
    source('compliance_tracker', 'tickets'),
    ref('route_events'),
    source('compliance_audit', 'event_sources'),
    source('compliance_raw', 'ingest_batches'),
] -%}
{%- set missing = [] -%}
{%- if execute -%}
    {%- for relation in inputs -%}
        {%- if adapter.get_relation(database=relation.database, schema=relation.schema,
                                    identifier=relation.identifier) is none -%}
            {%- do missing.append(relation) -%}
        {%- endif -%}
    {%- endfor -%}
{%- endif %}

{% if missing %}

select
    cast(null as varchar) as ticket_id,
    cast(null as varchar) as cluster_id,
    cast(null as varchar) as segment,
    cast(null as varchar) as event_id,
    cast(null as varchar) as user_pseudonym,
    cast(null as date) as batch_day,
    cast(null as timestamp) as occurred_at,
    cast(null as varchar) as source_file,
    cast(null as integer) as source_line,
    cast(null as varchar) as content_sha256,
    cast(null as bigint) as size_bytes,
    cast(null as integer) as lines_loaded,
    cast(null as timestamp) as ingested_at,
    cast(null as timestamp) as raw_retention_deadline,
    cast(null as timestamp) as minimized_retention_deadline,
    cast(null as boolean) as raw_purged,
    cast(null as timestamp) as raw_purged_at,
    cast(null as boolean) as minimized_purged
where false

{% else %}

with tickets as (

    select ticket_id, cluster_id, segment, updated_day
    from {{ source('compliance_tracker', 'tickets') }}

),

route_events as (

    select batch_day, cluster_id, segment, event_id from {{ ref('route_events') }}

),

minimized as (

    select event_id, batch_day, occurred_at, user_pseudonym from {{ ref('stg_refusal_events') }}

),

event_sources as (

    select event_id, batch_day, occurred_at, source_file, source_line, raw_purged_at
    from {{ source('compliance_audit', 'event_sources') }}

),

event_batches as (

    select batch_day, source_file, content_sha256, size_bytes, loaded, ingested_at
    from {{ source('compliance_raw', 'ingest_batches') }}
    where source_kind = 'events'

),

traced as (

    select
        tickets.ticket_id,
        tickets.cluster_id,
        tickets.segment,
        route_events.event_id,
        minimized.user_pseudonym,
        coalesce(minimized.batch_day, event_sources.batch_day) as batch_day,
        event_sources.source_file,
        event_sources.source_line,
        coalesce(minimized.occurred_at, event_sources.occurred_at) as occurred_at,
        event_sources.raw_purged_at,
        minimized.event_id is null as minimized_purged

    from tickets
    inner join route_events
        on route_events.batch_day = tickets.updated_day
        and route_events.cluster_id = tickets.cluster_id
        and route_events.segment = tickets.segment
    left join minimized
        on minimized.event_id = route_events.event_id
    left join event_sources
        on event_sources.event_id = route_events.event_id

)

select
    traced.ticket_id,
    traced.cluster_id,
    traced.segment,
    traced.event_id,
    traced.user_pseudonym,
    traced.batch_day,
    traced.occurred_at,
    traced.source_file,
    traced.source_line,
    event_batches.content_sha256,
    event_batches.size_bytes,
    event_batches.loaded as lines_loaded,
    event_batches.ingested_at,
    traced.occurred_at + to_days({{ raw_days }}) as raw_retention_deadline,
    traced.occurred_at + to_days({{ minimized_days }}) as minimized_retention_deadline,
    traced.raw_purged_at is not null as raw_purged,
    traced.raw_purged_at,
    traced.minimized_purged

from traced
left join event_batches
    on event_batches.batch_day = traced.batch_day
    and event_batches.source_file = traced.source_file

{% endif %}
