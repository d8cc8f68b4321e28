{#- Counts only: the quarantined line itself (raw_line) never reaches an export. -#}
{{ config(schema='export_compliance', alias='quarantine_counts') }}
select
    batch_day,
    source_kind,
    source_file,
    split_part(reason, ':', 1) as reason_kind,
    count(*) as lines
from {{ source('exports_raw', 'quarantined_lines') }}
group by all
