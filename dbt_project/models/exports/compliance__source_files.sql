{{ config(schema='export_compliance', alias='source_files') }}
select
    batch_day, source_kind, source_file, content_sha256, size_bytes, lines_read, loaded,
    quarantined, duplicates, ingested_at
from {{ source('compliance_raw', 'ingest_batches') }}
