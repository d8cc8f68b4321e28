with source as (

    select * from {{ source('analytics', 'request_embeddings') }}

),

renamed as (

    select
        cast(text_hash as varchar) as text_hash,
        cast(model_name as varchar) as model_name,
        cast(embedding as float[]) as embedding,
        cast(created_at as timestamp) as created_at

    from source
    where model_name = {{ sql_string_literal(var('embedding_model')) }}

)

select * from renamed
