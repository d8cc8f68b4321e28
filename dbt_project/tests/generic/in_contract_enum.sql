{#-
    The column holds only values the landing contract allows for `field` (its JSON Schema enum,
    which PipelineConfig.dbt_vars passes as var('contract_enums')), so SQL never restates them.
-#}
{% test in_contract_enum(model, column_name, field) %}

{%- set allowed = var('contract_enums')[field] -%}
select {{ column_name }}
from {{ model }}
where {{ column_name }} is not null
    and {{ column_name }} not in (
        {%- for value in allowed %}{{ sql_string_literal(value) }}{{ ", " if not loop.last }}{% endfor -%}
    )

{% endtest %}
