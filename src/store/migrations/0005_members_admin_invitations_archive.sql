-- Administrators, invitations and archived engagements.
--
-- Only administrators create accounts and may learn whether an address has one. Until now every
-- account could do both, so this flag is new: the server has always created exactly one account on
-- its first start (the administrator of LANDFALL_ADMIN_EMAIL, or admin@landfall.local), and that is
-- the oldest account, so the oldest account becomes the administrator. Accounts owners created for
-- members afterwards stay ordinary accounts.
alter table users add column is_admin boolean not null default false;
update users set is_admin = true where id = (select id from users order by created_at, id limit 1);

-- An owner invites an address, not an account, so the answer is the same whether or not the
-- address has an account. The invitation becomes a membership when that person next logs in.
create table invitations (
  id uuid primary key default gen_random_uuid(),
  engagement_id uuid not null references engagements (id) on delete cascade,
  email text not null,
  role text not null check (role in ('owner', 'editor', 'viewer')),
  invited_by uuid references users (id) on delete set null,
  created_at timestamptz not null default now(),
  unique (engagement_id, email)
);
create index invitations_email on invitations (email);

-- An archived engagement is read-only and left out of the default list; restoring clears these.
alter table engagements add column archived_at timestamptz;
alter table engagements add column archived_by uuid references users (id) on delete set null
