-- The retainer's regulatory-change review across a portfolio, run as a background job.
--
-- Past content versions stay loadable: the law book of every content version a server has run
-- with is kept, so a review on the content axis can re-evaluate what an earlier answer rested on.
create table content_snapshots (
  content_version text primary key,
  fingerprint text not null,
  snapshot text not null,
  stored_at timestamptz not null default now()
);

-- One review of many engagements. `before_content` is the content version of the earlier side
-- (null: each engagement's stored assessment is the earlier side, as it was made).
create table review_runs (
  id uuid primary key default gen_random_uuid(),
  created_by uuid references users (id) on delete set null,
  axis text not null check (axis in ('date', 'content', 'both')),
  from_date date,
  to_date date not null,
  after_content text not null,
  status text not null default 'running' check (status in ('running', 'done', 'cancelled')),
  total integer not null,
  done integer not null default 0,
  failed integer not null default 0,
  created_at timestamptz not null default now(),
  finished_at timestamptz
);
create index review_runs_created_by on review_runs (created_by, created_at desc);

-- One row per engagement in a run: the work queue and the result. A worker claims pending rows
-- (or rows whose claim has expired: the worker died) with FOR UPDATE SKIP LOCKED, so several server
-- processes share the queue and a restart resumes where the last one stopped.
create table review_results (
  run_id uuid not null references review_runs (id) on delete cascade,
  engagement_id uuid not null references engagements (id) on delete cascade,
  state text not null default 'pending' check (state in ('pending', 'claimed', 'done', 'failed')),
  attempts integer not null default 0,
  claimed_by text,
  claimed_until timestamptz,
  review jsonb,
  substantive integer,
  citation_only integer,
  highest_impact text,
  by_kind jsonb,
  error text,
  accepted_at timestamptz,
  accepted_by uuid references users (id) on delete set null,
  primary key (run_id, engagement_id)
);
create index review_results_queue on review_results (state, claimed_until) where state in ('pending', 'claimed');
create index review_results_engagement on review_results (engagement_id)
