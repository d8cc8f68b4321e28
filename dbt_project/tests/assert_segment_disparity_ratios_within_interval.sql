{#-
    In today's window one reference segment is compared with: every row names the same one; its
    rows have a ratio of 1 (when defined) and no interval; every other row's Katz interval holds
    its ratio, for the refusal rate and for the benign refusal rate; flag_significant is
    exactly benign_refusal_rate_ratio_low > 1. Selects the violating rows.
-#}
{%- set eps = 1e-9 -%}
with today as (

    select * from {{ ref('segment_disparity') }}
    where window_end_day = cast('{{ var("run_day") }}' as date)

),

checks as (

    select
        user_segment,
        cluster_type,
        [
            case when count(distinct reference_segment) over () > 1
                then 'more than one reference_segment' end,
            case when is_reference_segment
                    and (abs(refusal_rate_ratio - 1) > {{ eps }}
                        or refusal_rate_ratio_low is not null
                        or benign_refusal_rate_ratio_low is not null)
                then 'reference row with a ratio <> 1 or an interval' end,
            case when refusal_rate_ratio < refusal_rate_ratio_low - {{ eps }}
                    or refusal_rate_ratio > refusal_rate_ratio_high + {{ eps }}
                then 'refusal_rate_ratio outside its interval' end,
            case when benign_refusal_rate_ratio < benign_refusal_rate_ratio_low - {{ eps }}
                    or benign_refusal_rate_ratio > benign_refusal_rate_ratio_high + {{ eps }}
                then 'benign_refusal_rate_ratio outside its interval' end,
            case when flag_significant
                    is distinct from coalesce(benign_refusal_rate_ratio_low > 1, false)
                then 'flag_significant <> benign_refusal_rate_ratio_low > 1' end
        ] as broken

    from today

)

select *
from (
    select user_segment, cluster_type, unnest(broken) as broken
    from checks
)
where broken is not null
