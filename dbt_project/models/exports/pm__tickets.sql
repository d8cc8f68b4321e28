{#- PMs do not see the bodies of trust-and-safety and policy tickets. -#}
{{ config(schema='export_pm', alias='tickets') }}
{{ export_tickets(restricted_bodies=true) }}
