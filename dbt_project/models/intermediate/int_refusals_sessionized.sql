-- every refusal with its next action, derived from every event landed so far
{{ sessionized_refusals() }}
