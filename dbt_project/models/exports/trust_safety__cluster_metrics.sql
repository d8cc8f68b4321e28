{{ config(schema='export_trust_safety', alias='cluster_metrics') }}
{{ export_labelled(ref('cluster_metrics')) }}
