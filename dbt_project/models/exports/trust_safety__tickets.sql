{{ config(schema='export_trust_safety', alias='tickets') }}
{{ export_tickets(restricted_bodies=false) }}
