{#-
    Each event_day's 'day' row counts what every other grain of that day counts: its refusals
    and reviewed_events equal the sums over the day's cells, surfaces, model versions and
    layers. Selects the violating (event_day, grain) pairs. The whole table: it is rebuilt whole.
-#}
with calibration as (

    select * from {{ ref('refusal_calibration') }}

),

day_totals as (

    select event_day, refusals, reviewed_events
    from calibration
    where grain = 'day'

),

grain_totals as (

    select
        event_day,
        grain,
        sum(refusals) as refusals,
        sum(reviewed_events) as reviewed_events

    from calibration
    where grain <> 'day'
    group by event_day, grain

),

-- every grain of every day that has a 'day' row, so a missing grain shows as a null total
expected as (

    select day_totals.*, grains.grain
    from day_totals
    cross join (values ('cell'), ('surface'), ('model_version'), ('layer')) as grains (grain)

)

select
    coalesce(expected.event_day, grain_totals.event_day) as event_day,
    coalesce(expected.grain, grain_totals.grain) as grain,
    expected.refusals as day_refusals,
    grain_totals.refusals as grain_refusals,
    expected.reviewed_events as day_reviewed_events,
    grain_totals.reviewed_events as grain_reviewed_events

from expected
full outer join grain_totals
    on expected.event_day = grain_totals.event_day
    and expected.grain = grain_totals.grain
where expected.refusals is distinct from grain_totals.refusals
    or expected.reviewed_events is distinct from grain_totals.reviewed_events
