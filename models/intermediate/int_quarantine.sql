-- depends_on: {{ ref('corpus_load') }}
-- Quarantine (隔离): what the landed rows say that the warehouse cannot take as it stands. One row per
-- landed row and broken rule. `held_back` rows are left out of staging (and so of every mart);
-- `kept_with_null` rows load with the field null. Checks of our own invariants (keys, offsets, ids)
-- are not here: they stay failing dbt tests. Reads raw directly, because staging filters on it.
-- The data rules mirror the data-level dbt tests of the marts (vocabularies, units in the unit table,
-- periods). Plausibility (a share over 100 %, a count where money is meant) is not here: Great
-- Expectations owns it (loaders/data/checks.yml), and its blocking checks fail the build.
with

observations as (

    select * from {{ source('corpus', 'observations') }}

),

mentions as (

    select * from {{ source('corpus', 'programme_mentions') }}

),

documents as (

    select * from {{ source('corpus', 'documents') }}

),

unit_factors as (

    select * from {{ ref('unit_factors') }}

),

regions as (

    select * from {{ ref('regions') }}

),

indicators as (

    select * from {{ ref('indicators') }}

),

sliced as (

    -- the number as the offsets slice it from the body (computed once per body: int_span_quotes), parsed as
    -- tests/dbt/marts/assert_observation_offsets_slice_the_value.sql does
    select
        span_id as observation_id,
        body_chars,
        quoted_text as number_text,
    from {{ ref('int_span_quotes') }}
    where span_kind = 'observation'

),

parsed as (

    select
        observation_id,
        number_text,
        case
            when regexp_full_match(translate(number_text, '０１２３４５６７８９．，', '0123456789.,'), '[0-9][0-9,]*(\.[0-9]+)?')
                then try_cast(replace(translate(number_text, '０１２３４５６７８９．，', '0123456789.,'), ',', '') as double)
            when number_text = '首' then 1
            when regexp_full_match(translate(number_text, '一二两三四五六七八九', '1223456789'), '[1-9]')
                then translate(number_text, '一二两三四五六七八九', '1223456789')::double
            when regexp_full_match(translate(number_text, '一二两三四五六七八九', '1223456789'), '[1-9]?十[1-9]?')
                then 10 * coalesce(nullif(regexp_extract(translate(number_text, '一二两三四五六七八九', '1223456789'), '^([1-9]?)十', 1), '')::double, 1)
                    + coalesce(nullif(regexp_extract(translate(number_text, '一二两三四五六七八九', '1223456789'), '十([1-9]?)$', 1), '')::double, 0)
        end as parsed_value,
        coalesce(regexp_full_match(number_text, '[零〇一二两三四五六七八九十百千万亿]+'), false) as is_chinese_numeral,
        body_chars,
    from sliced

),

observation_rules as (

    select
        observations.*,
        documents.published_on,
        -- an index written without a unit keeps unit and unit_base empty (FACTS.md §8)
        observations.unit is null
            or (observations.unit <> '' and observations.unit not in (select unit from unit_factors)) as unit_unknown,
        observations.unit_base is null
            or (observations.unit_base <> '' and observations.unit_base not in (select unit_base from unit_factors))
            as unit_base_unknown,
        observations.region_code is null
            or observations.region_code not in (select region_code from regions) as region_unresolved,
        observations.indicator_code is not null
            and observations.indicator_code not in (select indicator_code from indicators) as indicator_unknown,
        observations.period_year is null as year_unresolved,
        observations.period_year is not null and observations.period_end is null as period_end_missing,
        observations.period_end is not null and (
            year(observations.period_end) <> observations.period_year
            or observations.period_start > observations.period_end
            or (observations.status = 'actual' and observations.period_start > documents.published_on)
        ) as period_inconsistent,
        observations.measure is null
            or observations.measure not in ('level', 'growth', 'share', 'rank', 'completion', 'difference')
            or observations.status is null or observations.status not in ('actual', 'target')
            or observations.qualifier is null
            or observations.qualifier not in ('exact', 'approx', 'more_than', 'nearly', 'less_than')
            as vocabulary_unknown,
        observations.value is null or observations.value_base is null or observations.indicator_phrase is null
            or observations.sentence is null or observations.is_cumulative is null as value_missing,
        (observations.measure = 'rank' and observations.unit_base not in ('rank', '%'))
            or (observations.measure in ('share', 'completion') and observations.unit_base <> '%')
            or (observations.measure = 'growth' and observations.unit_base not in ('%', 'pp', 'x'))
            as measure_unit_mismatch,
        observations.unit_base <> 'rank'
            and not exists (select 1 from unit_factors
                            where unit_factors.unit = observations.unit
                                and unit_factors.unit_base = observations.unit_base)
            or observations.unit_base = 'rank'
            and observations.unit not in ('位', '名')
            and not exists (select 1 from unit_factors
                            where unit_factors.unit = observations.unit and unit_factors.unit_base = 'rank')
            as unit_does_not_convert,
        -- extractor output that would break the marts' invariants (tested as errors there): held back here
        observations.char_start is null or observations.char_end is null or observations.char_start < 0
            or observations.char_end <= observations.char_start
            or coalesce(observations.char_end > parsed.body_chars, true)
            or not coalesce(regexp_matches(parsed.number_text, '[0-9０-９一二三四五六七八九十百千万亿两零〇首]'), false)
            or coalesce(strpos(observations.sentence, parsed.number_text) = 0, true)
            as offsets_do_not_quote,
        parsed.observation_id is null or coalesce(parsed.number_text, '') = ''
            or (parsed.parsed_value is null and not parsed.is_chinese_numeral)
            or coalesce(abs(parsed.parsed_value - abs(observations.value))
                > 1e-9 * greatest(abs(observations.value), 1), false)
            as offsets_misread_value,
        row_number() over (
            -- one span may carry several facts by design (均居全省第三 after two indicators, 甲县、乙区居前两位:
            -- one row per indicator or region); only a second row that says the same thing again is held back
            -- (the key of the unique test on fct_indicator_observation)
            partition by observations.document_id, observations.char_start, observations.char_end, observations.measure,
                observations.region_code, observations.subject, observations.indicator_phrase
            order by observations.observation_id
        ) > 1 as duplicate_span,
    from observations
    left join documents on observations.document_id = documents.document_id
    left join parsed on observations.observation_id = parsed.observation_id

),

observation_findings as (

    {% set observation_checks = [
        ('unit_unknown', 'unit', 'unit', 'the written unit is not in the unit_factors seed'),
        ('unit_base_unknown', 'unit_base', 'unit_base', 'the base unit is not in the unit_factors seed'),
        ('region_unresolved', 'region_code', 'region_code', 'no region could be resolved (or the code is not in the region seed)'),
        ('indicator_unknown', 'indicator_code', 'indicator_code', 'the indicator code is not in the catalogue'),
        ('year_unresolved', 'period_year', 'period_year', 'no year could be read for the figure'),
        ('period_end_missing', 'period_end', 'period_end', 'the figure has a year but no period end'),
        ('period_inconsistent', 'period_end', "coalesce(cast(period_start as varchar), '') || '..' || cast(period_end as varchar) || ' / ' || cast(period_year as varchar)", 'the period does not lie in its year, runs backwards, or an actual period begins after publication'),
        ('vocabulary_unknown', 'measure', "coalesce(measure, '∅') || '/' || coalesce(status, '∅') || '/' || coalesce(qualifier, '∅')", 'measure, status or qualifier is outside its vocabulary'),
        ('value_missing', 'value', "cast(value as varchar)", 'value, value_base, phrase, sentence or stock/flow flag is missing'),
        ('measure_unit_mismatch', 'unit_base', "measure || ' in ' || unit_base", 'the base unit does not suit the measure'),
        ('unit_does_not_convert', 'unit', "unit || ' -> ' || unit_base", 'the written unit does not convert to this base unit in the unit table'),
        ('offsets_do_not_quote', 'char_start', "cast(char_start as varchar) || '..' || cast(char_end as varchar)", 'the offsets do not quote a number of the sentence in the body (an extractor defect)'),
        ('offsets_misread_value', 'value', "cast(value as varchar)", 'the number the offsets slice from the body is not the value (an extractor defect)'),
        ('duplicate_span', 'char_start', "cast(char_start as varchar) || '..' || cast(char_end as varchar) || ' ' || measure", 'a second figure with the same document, span, measure, region, subject and indicator phrase (an extractor defect): the first is kept'),
    ] %}
    {% for rule, column, value_sql, reason in observation_checks %}
    select
        'observation' as row_kind,
        observation_id as row_id,
        document_id,
        sentence,
        char_start,
        char_end,
        '{{ column }}' as field_name,
        cast({{ value_sql }} as varchar) as field_value,
        '{{ rule }}' as rule,
        '{{ reason }}' as reason,
        'held_back' as action,
    from observation_rules
    where {{ rule }}
    {% if not loop.last %}union all{% endif %}
    {% endfor %}

),

mention_findings as (

    select
        'programme_mention' as row_kind,
        mention_id as row_id,
        document_id,
        sentence,
        char_start,
        char_end,
        case when region_code is null or region_code not in (select region_code from regions)
            then 'region_code' else 'name_zh' end as field_name,
        coalesce(region_code, name_zh) as field_value,
        case when region_code is null or region_code not in (select region_code from regions)
            then 'region_unresolved' else 'name_missing' end as rule,
        case when region_code is null or region_code not in (select region_code from regions)
            then 'no region could be resolved for the mention' else 'the programme has no name' end as reason,
        'held_back' as action,
    from mentions
    where region_code is null or region_code not in (select region_code from regions)
        or name_zh is null or trim(name_zh) = ''

),

document_findings as (

    select
        'document' as row_kind,
        document_id as row_id,
        document_id,
        cast(null as varchar) as sentence,
        cast(null as integer) as char_start,
        cast(null as integer) as char_end,
        'region_code' as field_name,
        region_code as field_value,
        'document_region_unresolved' as rule,
        'neither the manifest nor the text names a known region: the document loads with region_code null' as reason,
        'kept_with_null' as action,
    from documents
    where region_code is null or region_code not in (select region_code from regions)

    union all

    select
        'document', document_id, document_id, null, null, null, 'published_on', null,
        'document_date_unresolved',
        'neither the manifest nor the text gives a publication date: the document loads with published_on null',
        'kept_with_null',
    from documents
    where published_on is null

),

final as (

    select * from observation_findings
    union all
    select * from mention_findings
    union all
    select * from document_findings

)

select * from final
