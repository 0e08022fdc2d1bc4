-- The engagement's default output language: the language its filing packs are drafted in unless a
-- download asks for another. Set by an editor, recorded in the audit log. Existing engagements
-- start in English.
alter table engagements add column language text not null default 'en';
alter table engagements add constraint engagements_language check (language in ('en', 'zh-CN'))
