{#-
    Each *_counts JSON object of today's window counts every event once (nulls as "unknown"),
    so its values sum to volume; top_refusal_category is a key of category_counts and its share
    is that key's count / volume (0 when no event has a category). Selects the violating rows.
-#}
with today as (

    select * from {{ ref('cluster_metrics') }}
    where window_end_day = cast('{{ var("run_day") }}' as date)

),

{% set dimensions = ['category_counts', 'layer_counts', 'segment_counts', 'account_type_counts'] %}
parsed as (

    select
        cluster_id,
        volume,
        top_refusal_category,
        top_refusal_category_share,
        {% for column in dimensions -%}
        json_transform({{ column }}, '"MAP(VARCHAR, BIGINT)"') as {{ column }},
        {% endfor -%}

    from today

),

checks as (

    select
        cluster_id,
        volume,
        [
            {% for column in dimensions -%}
            case when list_sum(map_values({{ column }})) is distinct from volume
                then '{{ column }} does not sum to volume' end,
            {% endfor -%}
            case when top_refusal_category is not null
                    and abs(top_refusal_category_share
                        - coalesce(category_counts[top_refusal_category], 0) / volume) >= 1e-12
                then 'top_refusal_category_share <> its count in category_counts / volume' end,
            case when top_refusal_category is null and top_refusal_category_share <> 0
                then 'a share without a top_refusal_category' end
        ] as broken

    from parsed

)

select *
from (
    select cluster_id, volume, unnest(broken) as broken
    from checks
)
where broken is not null
