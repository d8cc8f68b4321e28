{#-
    The role exports' two shapes, shared by the PM and trust-and-safety schemas: a table with its
    label withheld where the row is not k-anonymous, and the tickets joined to the route their
    body was rendered from (its cluster and segment on its updated_day), so a split cluster's two
    tickets each carry their own segment's numbers.
-#}
{% macro export_labelled(relation) -%}
    select * replace (case when k_anonymous then label end as label) from {{ relation }}
{%- endmacro %}

{% macro export_tickets(restricted_bodies) -%}
    {%- set shown = "coalesce(routes.k_anonymous, false)" -%}
    select
        tickets.ticket_id,
        tickets.cluster_id,
        tickets.segment,
        tickets.queue,
        tickets.status,
        tickets.revision,
        tickets.created_day,
        tickets.updated_day,
        routes.volume,
        routes.distinct_users,
        routes.reprompt_rate,
        routes.false_refusal_rate,
        case when {{ shown }} then tickets.title end as title,
        case
            when {{ shown }}
                {%- if restricted_bodies %}
                and tickets.queue not in ('trust_and_safety', 'policy_review')
                {%- endif %}
                then tickets.body_markdown
        end as body_markdown

    from {{ source('compliance_tracker', 'tickets') }} as tickets
    left join {{ source('routing_analytics', 'cluster_routes') }} as routes
        on routes.cluster_id = tickets.cluster_id
        and routes.segment = tickets.segment
        and routes.batch_day = tickets.updated_day
{%- endmacro %}
