{{ config(schema='export_compliance', alias='ticket_lineage') }}
select * from {{ ref('ticket_lineage') }}
