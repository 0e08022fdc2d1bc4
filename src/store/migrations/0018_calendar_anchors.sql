-- The dates an engagement's obligations calendar counts from, as an editor records them: the actual
-- go-live, when the transfer mechanism took effect (the CAC's approval or the standard contract's
-- effective date) and each system's last MLPS assessment. The calendar and its feed use them; what
-- is not recorded is still taken from the plan or estimated, and each entry says which.
alter table engagements add column calendar_anchors jsonb not null default '{}'::jsonb
