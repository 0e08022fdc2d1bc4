-- The consultancy's branding of its deliverables: the name on the annex's cover, running header and
-- document properties, and a logo for the cover. One row for the workspace, set by an administrator;
-- `version` moves on with every change, so annex bodies kept per engagement revision are kept per
-- branding version too.
create table branding (
  id boolean primary key default true check (id),
  consultancy text not null check (length(consultancy) between 1 and 120),
  logo_png bytea,
  version integer not null,
  updated_at timestamptz not null default now(),
  updated_by uuid references users (id) on delete set null
);
