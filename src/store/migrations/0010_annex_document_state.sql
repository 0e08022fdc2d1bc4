-- The annex's document state (Draft, Under review, Final) is the consultant's: set by an editor,
-- recorded in the audit log, and the same on screen and in every export. Existing engagements
-- start as Draft.
alter table engagements add column annex_state text not null default 'Draft';
alter table engagements add constraint engagements_annex_state check (annex_state in ('Draft', 'Under review', 'Final'))
