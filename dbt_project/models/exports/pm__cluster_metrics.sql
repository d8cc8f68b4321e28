{{ config(schema='export_pm', alias='cluster_metrics') }}
{{ export_labelled(ref('cluster_metrics')) }}
