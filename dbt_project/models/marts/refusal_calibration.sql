{#-
    Rebuilt whole on every run over every event day: verdicts keep arriving after a day's
    refusals, so every day's estimates are refreshed with the reviews known now. No run-day
    filter, so re-running an earlier day never drops the later days.
-#}
{%- set z = z_score(var('confidence')) -%}

with verdicts as (

    select
        event_day,
        coalesce(surface, 'unknown') as surface,
        coalesce(model_version, 'unknown') as model_version,
        coalesce(layer, 'unknown') as layer,
        detected_refusal,
        is_reviewed,
        review_weight,
        should_help_weight

    from {{ ref('int_refusal_verdicts') }}

),

-- one level per grain: the full (surface, model_version, layer) cell, each axis alone, the day
grouped as (

    select
        event_day,
        case
            when grouping(surface, model_version, layer) = 0 then 'cell'
            when grouping(surface) = 0 then 'surface'
            when grouping(model_version) = 0 then 'model_version'
            when grouping(layer) = 0 then 'layer'
            else 'day'
        end as grain,
        surface,
        model_version,
        layer,
        count(*) as refusals,
        count(*) filter (where detected_refusal = 'full_refusal') as full_refusals,
        count(*) filter (where detected_refusal = 'partial_refusal') as partial_refusals,
        count(*) filter (where detected_refusal = 'compliance') as read_as_compliance,
        count(*) filter (where is_reviewed) as reviewed_events,
        sum(review_weight) as reviewed_weight,
        sum(should_help_weight) as should_help_weight,
        sum(review_weight * review_weight) as reviewed_weight_squares

    from verdicts
    group by grouping sets (
        (event_day, surface, model_version, layer),
        (event_day, surface),
        (event_day, model_version),
        (event_day, layer),
        (event_day)
    )

),

rates as (

    select
        event_day,
        grain,
        case grain
            when 'cell' then surface || ' / ' || model_version || ' / ' || layer
            when 'surface' then surface
            when 'model_version' then model_version
            when 'layer' then layer
            else 'all'
        end as group_value,
        surface,
        model_version,
        layer,
        refusals,
        full_refusals,
        partial_refusals,
        read_as_compliance,
        reviewed_events,
        -- null when nothing in the group was reviewed
        {{ weighted_false_refusal_rate(
            'reviewed_weight', 'should_help_weight', 'reviewed_weight_squares'
        ) }}

    from grouped

),

bounded as (

    select
        *,
        {{ false_refusal_rate_interval(z) }}

    from rates

),

final as (

    select
        bounded.event_day,
        bounded.grain,
        bounded.group_value,
        bounded.surface,
        bounded.model_version,
        bounded.layer,
        bounded.refusals,
        bounded.full_refusals,
        bounded.partial_refusals,
        bounded.read_as_compliance,
        bounded.reviewed_events,
        bounded.effective_reviewed_events,
        bounded.refusals * bounded.false_refusal_rate as estimated_false_refusals,
        bounded.refusals * (1 - bounded.false_refusal_rate) as estimated_true_refusals,
        bounded.false_refusal_rate,
        bounded.false_refusal_rate_low,
        bounded.false_refusal_rate_high,
        1 - bounded.false_refusal_rate as true_refusal_rate,
        1 - bounded.false_refusal_rate_high as true_refusal_rate_low,
        1 - bounded.false_refusal_rate_low as true_refusal_rate_high,
        model_layer.false_refusal_rate as model_layer_false_refusal_rate,
        -- the gateway blocks, beyond doubt, more of what should be helped than the model does
        coalesce(
            bounded.layer = 'gateway'
            and bounded.false_refusal_rate_low > model_layer.false_refusal_rate,
            false
        ) as compounded_gating,
        cast({{ var('confidence') | float }} as double) as confidence

    from bounded
    left join bounded as model_layer
        on bounded.layer = 'gateway'
        and model_layer.layer = 'model'
        and bounded.event_day = model_layer.event_day
        and bounded.grain = model_layer.grain
        and bounded.surface is not distinct from model_layer.surface
        and bounded.model_version is not distinct from model_layer.model_version

)

select * from final
