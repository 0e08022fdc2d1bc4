// Throttling of password guesses (login and password change). Each attempt counts in two buckets:
// one per (account, client address) and one per client address. A guesser fills their own buckets
// only, so the owner of the account, logging in from another address, is never locked out, and
// one address cannot spray guesses over many accounts. The attempt is reserved in the database
// before the password is checked (one upsert that returns the new counts), so N concurrent guesses
// cannot all pass the check; the counts live in the database, so the limits hold across processes.
import type { Queryable } from './database.ts';

export interface BucketLimit {
  attempts: number;
  windowMinutes: number;
}

/** The limits, documented in docs/SECURITY.md. */
export const LOGIN_LIMITS = {
  /** Failed attempts at one account from one address: a mistyping owner has room, a guesser does not. */
  accountAddress: { attempts: 5, windowMinutes: 15 },
  /** Failed attempts from one address over all accounts: room for an office behind one NAT address. */
  address: { attempts: 30, windowMinutes: 15 },
} as const satisfies Record<string, BucketLimit>;

export interface Reservation {
  /** Seconds until the fullest bucket's window ends, when the attempt is over a limit; otherwise null. */
  retryAfterSeconds: number | null;
  accountBucket: string;
  addressBucket: string;
}

const accountBucket = (email: string, address: string) => `account:${email.toLowerCase()}|${address}`;
const addressBucket = (address: string) => `address:${address}`;

/**
 * Counts one attempt in both buckets of (email, address) and says whether it is over a limit.
 * The upsert starts a new window when the old one has ended; rows of long-ended windows are
 * cleared on the way so the table stays small.
 */
export async function reserveAttempt(db: Queryable, email: string, address: string): Promise<Reservation> {
  const buckets = { accountBucket: accountBucket(email, address), addressBucket: addressBucket(address) };
  await db.query("delete from login_buckets where window_ends < now() - interval '1 day'");
  const { rows } = await db.query<{ bucket: string; attempts: number; retry_after: number }>(
    `insert into login_buckets as b (bucket, attempts, window_ends)
       values ($1, 1, now() + make_interval(mins => $2)), ($3, 1, now() + make_interval(mins => $4))
     on conflict (bucket) do update set
       attempts = case when b.window_ends <= now() then 1 else b.attempts + 1 end,
       window_ends = case when b.window_ends <= now() then excluded.window_ends else b.window_ends end
     returning bucket, attempts, ceil(extract(epoch from window_ends - now()))::int as retry_after`,
    [buckets.accountBucket, LOGIN_LIMITS.accountAddress.windowMinutes, buckets.addressBucket, LOGIN_LIMITS.address.windowMinutes],
  );
  const limitOf = (bucket: string) => (bucket === buckets.accountBucket ? LOGIN_LIMITS.accountAddress : LOGIN_LIMITS.address);
  const over = rows.filter((row) => row.attempts > limitOf(row.bucket).attempts);
  return { ...buckets, retryAfterSeconds: over.length === 0 ? null : Math.max(1, ...over.map((row) => row.retry_after)) };
}

/**
 * After a correct password: the (account, address) bucket starts afresh, and the address bucket
 * gives back the attempt reserved for this login, since it was no failure. The address bucket is
 * not emptied: a guesser holding one account of their own must not reset it by logging in.
 */
export async function settleSuccess(db: Queryable, reservation: Reservation): Promise<void> {
  await db.query('delete from login_buckets where bucket = $1', [reservation.accountBucket]);
  await db.query('update login_buckets set attempts = greatest(attempts - 1, 0) where bucket = $1', [reservation.addressBucket]);
}
