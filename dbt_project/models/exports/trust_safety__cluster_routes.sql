{{ config(schema='export_trust_safety', alias='cluster_routes') }}
{{ export_labelled(source('routing_analytics', 'cluster_routes')) }}
