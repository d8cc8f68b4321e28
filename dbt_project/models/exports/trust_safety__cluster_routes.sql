{{ config(schema='export_trust_safety', alias='cluster_routes') }}
{{ export_labelled(source('exports_analytics', 'cluster_routes')) }}
