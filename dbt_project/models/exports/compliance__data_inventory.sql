{{ config(schema='export_compliance', alias='data_inventory') }}
select * from {{ ref('data_inventory') }}
