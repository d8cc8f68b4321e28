{#- Fails for every non-null value below min_value (or equal to it when strict). -#}
{% test at_least(model, column_name, min_value, strict=false) %}

select {{ column_name }}
from {{ model }}
where {{ column_name }} {{ '<=' if strict else '<' }} {{ min_value }}

{% endtest %}
