-- Login throttling by bucket, one-time passwords, and API tokens that expire.
-- A bucket is one counter of failed attempts in a fixed window: 'account:<email>|<address>' or
-- 'address:<address>'. A login reserves an attempt in each of its buckets with one upsert that
-- returns the new counts, so concurrent guesses cannot all pass the check.
create table login_buckets (
  bucket text primary key,
  attempts integer not null,
  window_ends timestamptz not null
);
create index login_buckets_window_ends on login_buckets (window_ends);
drop table login_attempts;

-- Set for accounts whose password someone else chose (a one-time password): until it is changed,
-- the account can only read its session, change the password and log out.
alter table users add column must_change_password boolean not null default false;
alter table users add column password_changed_at timestamptz;

alter table api_tokens add column expires_at timestamptz;
-- The Account page lists a user's tokens newest first.
create index api_tokens_user_created on api_tokens (user_id, created_at);
