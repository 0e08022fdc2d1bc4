-- Indexes for the foreign keys Landfall looks rows up by. PostgreSQL indexes a primary key or a
-- unique constraint, never the referencing side of a foreign key, so without these every
-- "latest assessment of this engagement" and "engagements of this user" was a sequential scan.
-- The created_by / updated_by / audit user columns are only ever followed towards users, never
-- searched, so they stay unindexed rather than slow every write.
create index assessments_engagement on assessments (engagement_id);
create index assessments_profile_version on assessments (profile_version_id);
create index annex_items_assessment on annex_items (assessment_id);
create index memberships_user on memberships (user_id);
create index api_tokens_user on api_tokens (user_id);
create index sessions_user on sessions (user_id)
