-- Parts and a stated total in one clause agree: "中国眼谷、中国基因药谷新入驻企业分别为20家、25家，共45家"
-- or "两地共新入驻企业45家，分别为20家、25家". A stated total: a level figure right after a total word
-- (total_marker_re: 共/合计/总计/共计 …). Its parts: two or more level figures with its unit, status and
-- period in the same sentence and clause, before it, or after it past 分别. Fails when the parts' sum and
-- the total do not meet (as intervals).
with

obs as (select * from {batch}),

documents as (select document_id, body from marts.dim_document),

-- no body here: a document's body joins only the few pairs (carried by every figure it costs memory)
figures as (

    select * from obs
    where measure = 'level' and char_start is not null and char_end is not null

),

totals as (

    select figures.*
    from (select * from figures where regexp_matches(sentence, ${total_word_re})) as figures
    inner join documents on documents.document_id = figures.document_id
    where regexp_matches(substr(documents.body, greatest(1, figures.char_start - 5), least(6, figures.char_start)),
        ${total_marker_re})

),

candidates as (

    select
        total.observation_id as total_id,
        part.observation_id as part_id,
        total.value_base as total_value,
        total.value_base_lo as total_lo,
        total.value_base_hi as total_hi,
        total.unit_base,
        part.value_base as part_value,
        part.value_base_lo as part_lo,
        part.value_base_hi as part_hi,
        case
            when part.char_end <= total.char_start
                then substr(documents.body, part.char_end + 1, total.char_start - part.char_end)
            else substr(documents.body, total.char_end + 1, part.char_start - total.char_end)
        end as between_text,
        part.char_start >= total.char_end as is_after,
    from totals as total
    inner join documents on documents.document_id = total.document_id
    inner join figures as part
        on part.document_id = total.document_id
        and part.sentence = total.sentence
        and part.observation_id <> total.observation_id
        and (part.char_end <= total.char_start or part.char_start >= total.char_end)
        and part.unit_base = total.unit_base
        and part.status = total.status
        and part.period_start is not distinct from total.period_start
        and part.period_end is not distinct from total.period_end

),

listed as (

    select * from candidates
    where not regexp_matches(between_text, ${clause_end_re})
        and (not is_after or contains(between_text, ${respectively_marker}))

),

sums as (

    select
        total_id,
        any_value(total_value) as total_value,
        any_value(total_lo) as total_lo,
        any_value(total_hi) as total_hi,
        any_value(unit_base) as unit_base,
        sum(part_value) as parts_value,
        sum(part_lo) as parts_lo,
        sum(part_hi) as parts_hi,
        list(part_id order by part_id) as part_ids,
    from listed
    group by total_id
    having count(*) >= 2

),

violations as (

    select
        *,
        'listed parts add up to ' || parts_value::varchar || ' ' || unit_base || ', the stated total is '
            || total_value::varchar as detail,
    from sums
    where parts_lo > total_hi or parts_hi < total_lo

),

final as (

    select total_id as observation_id, 'total: ' || detail as detail from violations
    union all
    select unnest(part_ids) as observation_id, 'part: ' || detail as detail from violations

)

select * from final
