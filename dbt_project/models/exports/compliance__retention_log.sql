{{ config(schema='export_compliance', alias='retention_log') }}
select * from {{ source('compliance_audit', 'retention_log') }}
