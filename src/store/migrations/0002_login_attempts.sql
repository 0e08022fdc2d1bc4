-- Failed logins, shared by every server process, for rate limiting.
create table login_attempts (
  id bigserial primary key,
  email text not null,
  address text not null,
  at timestamptz not null default now()
);
create index login_attempts_email_at on login_attempts (email, at);
create index login_attempts_address_at on login_attempts (address, at)
