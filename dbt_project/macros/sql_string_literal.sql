{#- Quote a value as a SQL string literal, escaping embedded single quotes (e.g. "can't"). -#}
{% macro sql_string_literal(value) -%}
    '{{ value | string | replace("'", "''") }}'
{%- endmacro %}
