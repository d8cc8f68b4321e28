{{ config(schema='export_pm', alias='cluster_routes') }}
{{ export_labelled(source('exports_analytics', 'cluster_routes')) }}
