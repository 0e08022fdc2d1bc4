-- The engagement list reads one row per engagement. Until now each row's headline was computed
-- from the latest assessment's JSON (a lateral join and a walk of its systems per engagement); it is
-- now written with every assessment, as a column of the engagement. `revision` counts every change
-- to what an engagement shows (its profile, assessment, annex items, archived state): responses
-- derived from an engagement are cached and tagged (ETag) by it.
alter table engagements add column headline jsonb;
alter table engagements add column revision bigint not null default 1;
update engagements e set headline = (
  select jsonb_build_object(
           'organisation', a.result->'profile'->>'organisation',
           'asOf', a.result->>'asOf',
           'transferRoute', a.result->'organisation'->'cbdt'->>'mechanism',
           'cii', a.result->'organisation'->'cii'->>'status',
           'systems', jsonb_array_length(a.result->'systems'),
           'highestMlps', (select max((system->'mlps'->>'level')::int) from jsonb_array_elements(a.result->'systems') system),
           'needsLegalReview', (a.result->>'needsLegalReview')::boolean)
    from profile_versions p join assessments a on a.profile_version_id = p.id
   where p.engagement_id = e.id
   order by p.number desc, a.created_at desc limit 1
);
-- The list is paged by (updated_at, id), newest first, active and archived apart: a page is an
-- index range, whatever the number of engagements.
create index engagements_listing on engagements ((archived_at is not null), updated_at desc, id desc)
