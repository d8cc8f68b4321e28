{#-
    Aggregate (key, count) rows into a JSON object string with keys in ascending order,
    formatted like Python's json.dumps: {"a": 1, "b": 2}. Use inside a group by.
-#}
{% macro counts_json(key_column, count_column) -%}
    '{' || string_agg(to_json({{ key_column }})::varchar || ': ' || {{ count_column }}, ', ' order by {{ key_column }}) || '}'
{%- endmacro %}
