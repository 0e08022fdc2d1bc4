-- Landfall workspace schema, version 1.
create table users (
  id uuid primary key default gen_random_uuid(),
  email text not null unique,
  name text not null,
  password_hash text not null,
  created_at timestamptz not null default now()
);

create table api_tokens (
  id uuid primary key default gen_random_uuid(),
  user_id uuid not null references users (id) on delete cascade,
  name text not null,
  token_hash text not null unique,
  created_at timestamptz not null default now(),
  last_used_at timestamptz,
  revoked_at timestamptz
);

create table sessions (
  token_hash text primary key,
  user_id uuid not null references users (id) on delete cascade,
  csrf_token text not null,
  created_at timestamptz not null default now(),
  expires_at timestamptz not null
);

create table engagements (
  id uuid primary key default gen_random_uuid(),
  name text not null,
  client text,
  version integer not null default 1,
  created_by uuid references users (id),
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);

create table memberships (
  engagement_id uuid not null references engagements (id) on delete cascade,
  user_id uuid not null references users (id) on delete cascade,
  role text not null check (role in ('owner', 'editor', 'viewer')),
  primary key (engagement_id, user_id)
);

-- Profile versions are immutable: a new upload is a new row.
create table profile_versions (
  id uuid primary key default gen_random_uuid(),
  engagement_id uuid not null references engagements (id) on delete cascade,
  number integer not null,
  profile jsonb not null,
  source_text text,
  created_by uuid references users (id),
  created_at timestamptz not null default now(),
  unique (engagement_id, number)
);

-- An assessment is pinned to its asOf date and to the content and engine versions it used.
create table assessments (
  id uuid primary key default gen_random_uuid(),
  engagement_id uuid not null references engagements (id) on delete cascade,
  profile_version_id uuid not null references profile_versions (id) on delete cascade,
  as_of date not null,
  content_version text not null,
  engine_version text not null,
  result jsonb not null,
  created_by uuid references users (id),
  created_at timestamptz not null default now()
);

create table annex_items (
  id uuid primary key default gen_random_uuid(),
  engagement_id uuid not null references engagements (id) on delete cascade,
  key text not null,
  section text not null,
  provenance text not null check (provenance in ('derived', 'person')),
  status text not null,
  title text not null,
  statement text not null,
  data jsonb not null default '{}'::jsonb,
  edited_fields text[] not null default '{}',
  superseded boolean not null default false,
  version integer not null default 1,
  assessment_id uuid references assessments (id) on delete set null,
  updated_by uuid references users (id),
  updated_at timestamptz not null default now(),
  unique (engagement_id, key)
);

create table audit_log (
  id bigserial primary key,
  engagement_id uuid references engagements (id) on delete cascade,
  user_id uuid references users (id),
  action text not null,
  entity text not null,
  entity_id text,
  before jsonb,
  after jsonb,
  at timestamptz not null default now()
);
create index audit_log_engagement on audit_log (engagement_id, id);
