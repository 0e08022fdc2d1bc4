-- Incidents of an engagement and their audit trail (the incident clock, issue 14 §3). An incident
-- keeps its current facts (validated by incidentFactsSchema when read) and status; every change is
-- an event in an append-only log: created, facts changed (before and after), each report made to
-- an authority (or notice to the people affected) with when it was made, and closed.
create table incidents (
  id uuid primary key default gen_random_uuid(),
  engagement_id uuid not null references engagements (id) on delete cascade,
  number integer not null,
  title text not null,
  facts jsonb not null,
  status text not null default 'open' check (status in ('open', 'reported', 'closed')),
  version integer not null default 1,
  created_by uuid references users (id) on delete set null,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  closed_at timestamptz,
  unique (engagement_id, number)
);
create index incidents_engagement on incidents (engagement_id, number desc);

create table incident_events (
  id bigserial primary key,
  incident_id uuid not null references incidents (id) on delete cascade,
  engagement_id uuid not null references engagements (id) on delete cascade,
  kind text not null check (kind in ('created', 'facts_changed', 'report_made', 'closed')),
  actor_id uuid references users (id) on delete set null,
  at timestamptz not null default now(),
  detail jsonb not null
);
create index incident_events_incident on incident_events (incident_id, id);

-- The log is append-only: an update of an event changes nothing (events go only when their
-- engagement is deleted, by the cascade).
create rule incident_events_append_only as on update to incident_events do instead nothing
