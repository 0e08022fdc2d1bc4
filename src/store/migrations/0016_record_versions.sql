-- The record version of each stored JSON record (src/store/records/): assessments.result,
-- profile_versions.profile and annex_items.data. Every row stored before this migration is
-- version 1; reads migrate a record up to the current version, writes stamp the current one.
alter table assessments add column record_version integer not null default 1;
alter table profile_versions add column record_version integer not null default 1;
alter table annex_items add column record_version integer not null default 1
