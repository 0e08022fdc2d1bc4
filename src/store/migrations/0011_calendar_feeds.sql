-- A subscribable iCalendar feed of an engagement's obligations calendar. The feed's address holds a
-- random 256-bit token; only its SHA-256 digest is stored, so neither the database nor the audit
-- log can give the address back. One live feed per engagement: rotating revokes the old token and
-- makes a new one in the same transaction. A feed answers only while it is not revoked, its
-- engagement is not archived and the member who made it is still a member.
create table calendar_feeds (
  id uuid primary key default gen_random_uuid(),
  engagement_id uuid not null references engagements (id) on delete cascade,
  token_hash text not null unique,
  created_by uuid references users (id) on delete set null,
  created_at timestamptz not null default now(),
  revoked_at timestamptz,
  revoked_by uuid references users (id) on delete set null
);
create unique index calendar_feeds_live on calendar_feeds (engagement_id) where revoked_at is null
