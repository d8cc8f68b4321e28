{{ config(schema='export_pm', alias='cluster_routes') }}
{{ export_labelled(source('routing_analytics', 'cluster_routes')) }}
