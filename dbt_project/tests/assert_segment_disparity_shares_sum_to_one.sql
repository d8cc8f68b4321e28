{#-
    In today's window every cluster_type's refusal_share sums to 1 over the segments (when it has
    refusals), and the segments' request_share sums to 1 over their 'all' rows (when there is
    traffic). Selects the violating cluster types.
-#}
with today as (

    select * from {{ ref('segment_disparity') }}
    where window_end_day = cast('{{ var("run_day") }}' as date)

),

refusal_shares as (

    select
        cluster_type,
        'refusal_share' as share,
        sum(refusal_share) as total

    from today
    group by cluster_type
    having sum(refusals) > 0

),

request_shares as (

    select
        cluster_type,
        'request_share' as share,
        sum(request_share) as total

    from today
    where cluster_type = 'all'
    group by cluster_type
    having sum(requests) > 0

)

select * from refusal_shares
where total is null or abs(total - 1) > 1e-9
union all
select * from request_shares
where total is null or abs(total - 1) > 1e-9
