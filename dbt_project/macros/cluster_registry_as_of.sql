{#-
    The cluster registry as the run of `day` left it: each cluster seen on or before `day`,
    its label from its latest snapshot by then. The window marts read this rather than the
    current registry, so re-running an earlier day gives that day's labels and first-seen days.
-#}
{% macro cluster_registry_as_of(day) %}
    select
        cluster_id,
        arg_max(label, batch_day) as label,
        min(batch_day) as first_seen_day,
        max(batch_day) as last_seen_day

    from {{ ref('stg_cluster_snapshots') }}
    where batch_day <= {{ day }}
    group by cluster_id
{% endmacro %}
