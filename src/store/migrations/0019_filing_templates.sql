-- The consultancy's own Word templates for the filing packs, one per output language: its header,
-- footer, styles and page setup, with the pack put where the template says {{filing}}. An
-- administrator uploads one; the server checks it (a bounded DOCX without macros, the placeholder
-- present) before it is kept. The bytes are kept as uploaded; `sha256` names the version.
create table filing_templates (
  locale text primary key check (locale in ('en', 'zh-CN')),
  file_name text not null check (length(file_name) between 1 and 200),
  docx bytea not null,
  sha256 text not null check (sha256 ~ '^[0-9a-f]{64}$'),
  updated_at timestamptz not null default now(),
  updated_by uuid references users (id) on delete set null
);
