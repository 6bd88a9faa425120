-- The parts listed after 其中 add up to no more than the figure before it:
-- "引进招商引资项目9个，其中进入孵化中心、科创园项目4个，新增用地、新增投入项目3个" → 4 + 3 ≤ 9.
-- A part: a level figure after the marker in the same sentence and clause (no 。；!? between), with the
-- total's unit, status and period; its total: the nearest such figure before the marker. Parts need not be
-- exhaustive, so only "more than the total" fails.
with

obs as (select * from {batch}),

documents as (select document_id, body from marts.dim_document),

-- no body here: a document's body joins only the few pairs (carried by every figure it costs memory)
figures as (

    select * from obs
    where measure = 'level' and char_start is not null and char_end is not null

),

pairs as (

    select
        total.observation_id as total_id,
        part.observation_id as part_id,
        total.char_start as total_start,
        total.value_base as total_value,
        total.value_base_hi as total_hi,
        total.unit_base,
        part.value_base as part_value,
        part.value_base_lo as part_lo,
        substr(documents.body, total.char_end + 1, part.char_start - total.char_end) as between_text,
    -- only a sentence with the marker can list parts (a cheap filter before the body is read)
    from (select * from figures where contains(sentence, ${subset_marker})) as total
    inner join documents on documents.document_id = total.document_id
    inner join figures as part
        on part.document_id = total.document_id
        and part.sentence = total.sentence
        and part.char_start >= total.char_end
        and part.unit_base = total.unit_base
        and part.status = total.status
        and part.period_start is not distinct from total.period_start
        and part.period_end is not distinct from total.period_end

),

listed as (

    select * from pairs
    where contains(between_text, ${subset_marker})
        and not regexp_matches(between_text, ${clause_end_re})
    qualify row_number() over (partition by part_id order by total_start desc) = 1

),

totals as (

    select
        total_id,
        any_value(total_value) as total_value,
        any_value(total_hi) as total_hi,
        any_value(unit_base) as unit_base,
        sum(part_lo) as parts_lo,
        sum(part_value) as parts_value,
        list(part_id order by part_id) as part_ids,
    from listed
    group by total_id

),

violations as (

    select
        *,
        'parts after ' || ${subset_marker} || ' add up to ' || parts_value::varchar || ' ' || unit_base
            || ', more than the total ' || total_value::varchar as detail,
    from totals
    where parts_lo > total_hi

),

final as (

    select total_id as observation_id, 'total: ' || detail as detail from violations
    union all
    select unnest(part_ids) as observation_id, 'part: ' || detail as detail from violations

)

select * from final
