{#-
    Two-sided standard-normal critical value for a confidence level in (0, 1), e.g. 0.95 ->
    1.959964, as a constant SQL expression. Acklam's rational approximation of the normal
    quantile (relative error < 1.2e-9): DuckDB has no inverse normal CDF, and Jinja no logarithm.
-#}
{% macro z_score(confidence) -%}
    {%- set p = 1 - (1 - confidence | float) / 2 -%}
    {%- if not (0.5 < p < 1) -%}
        {{ exceptions.raise_compiler_error("confidence must be in (0, 1), got " ~ confidence) }}
    {%- endif -%}
    {%- if p <= 1 - 0.02425 -%}
        {%- set q = p - 0.5 -%}
        {%- set r = q * q -%}
        ((((((-3.969683028665376e+01 * {{ r }} + 2.209460984245205e+02) * {{ r }}
            - 2.759285104469687e+02) * {{ r }} + 1.383577518672690e+02) * {{ r }}
            - 3.066479806614716e+01) * {{ r }} + 2.506628277459239e+00) * {{ q }}
        / (((((-5.447609879822406e+01 * {{ r }} + 1.615858368580409e+02) * {{ r }}
            - 1.556989798598866e+02) * {{ r }} + 6.680131188771972e+01) * {{ r }}
            - 1.328068155288572e+01) * {{ r }} + 1))
    {%- else -%}
        {%- set q = "sqrt(-2 * ln(" ~ (1 - p) ~ "))" -%}
        (-(((((-7.784894002430293e-03 * {{ q }} - 3.223964580411365e-01) * {{ q }}
            - 2.400758277161838e+00) * {{ q }} - 2.549732539343734e+00) * {{ q }}
            + 4.374664141464968e+00) * {{ q }} + 2.938163982698783e+00)
        / ((((7.784695709041462e-03 * {{ q }} + 3.224671290700398e-01) * {{ q }}
            + 2.445134137142996e+00) * {{ q }} + 3.754408661907416e+00) * {{ q }} + 1))
    {%- endif -%}
{%- endmacro %}

{#-
    Wilson score interval bound for a proportion p observed on n (possibly effective,
    non-integer) trials at critical value z; null when n is null or 0, clamped to [0, 1].
-#}
{% macro wilson_bound(p, n, z, side) -%}
    {%- set sign = '-' if side == 'low' else '+' -%}
    case when ({{ n }}) > 0 then least(1.0, greatest(0.0,
        (({{ p }}) + pow({{ z }}, 2) / (2 * ({{ n }}))
            {{ sign }} ({{ z }}) * sqrt(
                ({{ p }}) * (1 - ({{ p }})) / ({{ n }}) + pow({{ z }}, 2) / (4 * pow({{ n }}, 2))
            ))
        / (1 + pow({{ z }}, 2) / ({{ n }}))
    )) end
{%- endmacro %}

{#-
    The sampling-weighted false-refusal rate and Kish's effective sample size, from a group's
    sums of review weights (all, should-help, squared): every false-refusal rate of the project
    is this one estimator. Null when nothing in the group was reviewed.
-#}
{% macro weighted_false_refusal_rate(reviewed_weight, should_help_weight, weight_squares) -%}
    pow({{ reviewed_weight }}, 2) / {{ weight_squares }} as effective_reviewed_events,
    coalesce({{ should_help_weight }}, 0.0) / {{ reviewed_weight }} as false_refusal_rate
{%- endmacro %}

{#- The Wilson interval of the columns weighted_false_refusal_rate names, at critical value z. -#}
{% macro false_refusal_rate_interval(z) -%}
    {{ wilson_bound('false_refusal_rate', 'effective_reviewed_events', z, 'low') }}
        as false_refusal_rate_low,
    {{ wilson_bound('false_refusal_rate', 'effective_reviewed_events', z, 'high') }}
        as false_refusal_rate_high
{%- endmacro %}
