{#-
    The project's k-anonymity rule, written once: a group may show text (its label, example
    requests, ticket title and body) only when at least var('k_anonymity') distinct users are
    behind it. Models store the result as a `k_anonymous` column; Python and the export views
    read that column instead of comparing counts themselves.
-#}
{% macro k_anonymous(distinct_users) -%}
    coalesce(({{ distinct_users }}) >= {{ var('k_anonymity') | int }}, false)
{%- endmacro %}
