// Accounts, sessions and API tokens. Passwords are hashed with argon2id; session and API tokens
// are random 256-bit values of which only a SHA-256 digest is stored, so a database leak yields
// no usable credential. Password guesses are throttled per (account, address) and per address
// (login-throttle.ts).
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { hash, verify } from '@node-rs/argon2';
import type { Database } from './database.ts';
import { reserveAttempt, settleSuccess } from './login-throttle.ts';

/** OWASP's argon2id baseline: 19 MiB, 2 iterations, 1 lane. */
// algorithm 2 is Argon2id in @node-rs/argon2's (const enum) Algorithm.
const ARGON2 = { algorithm: 2, memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const;
export const SESSION_HOURS = 12;

export const hashPassword = (password: string): Promise<string> => hash(password, ARGON2);

const digest = (token: string) => createHash('sha256').update(token).digest('hex');
const newSecret = () => randomBytes(32).toString('base64url');

export interface Principal {
  userId: string;
  email: string;
  name: string;
  via: 'session' | 'token';
  csrfToken: string | null;
  /** The account still has a one-time password: it may only read its session, change the password and log out. */
  mustChangePassword: boolean;
}

export type Limited = { kind: 'limited'; retryAfterSeconds: number };
export type LoginResult = { kind: 'ok'; sessionToken: string; csrfToken: string; userId: string } | { kind: 'invalid' } | Limited;
export type PasswordChangeResult = { kind: 'ok'; sessionsEnded: number; tokensKept: number } | { kind: 'wrong_password' } | { kind: 'same_password' } | Limited;

export interface TokenInfo {
  id: string;
  name: string;
  createdAt: string;
  lastUsedAt: string | null;
  expiresAt: string | null;
  revokedAt: string | null;
}

interface TokenRow {
  id: string;
  name: string;
  created_at: Date | string;
  last_used_at: Date | string | null;
  expires_at: Date | string | null;
  revoked_at: Date | string | null;
}

const iso = (value: Date | string | null): string | null => (value == null ? null : new Date(value).toISOString());
const tokenInfo = (row: TokenRow): TokenInfo => ({ id: row.id, name: row.name, createdAt: iso(row.created_at)!, lastUsedAt: iso(row.last_used_at), expiresAt: iso(row.expires_at), revokedAt: iso(row.revoked_at) });

/**
 * Who a session or token belongs to, kept in the process so reading does not ask the database
 * every time. Only for a database no other process writes to (PGlite in its locked folder): each
 * way a credential ends (logout, revocation, a password change ending the other sessions) passes
 * through this process and forgets it at once, and an entry is dropped when its credential expires
 * and after `ttlMs` in any case.
 */
interface KeptPrincipal {
  principal: Principal;
  /** When the credential expires (ms since the epoch), or null for a token without expiry. */
  expiresAt: number | null;
  keptUntil: number;
  tokenId: string | null;
  /** When the token's last use was last written, so it is written once a minute at most. */
  lastUseWritten: number;
}

export interface AuthStoreOptions {
  /** Keep principals in the process (only when no other process writes to the database). */
  keepPrincipals?: boolean;
  /** How long an entry is kept at most (default one minute). */
  ttlMs?: number;
  /** Entries kept at most (default 10,000). */
  maxPrincipals?: number;
  /** The clock, for tests. */
  now?: () => number;
}

const LAST_USE_INTERVAL_MS = 60_000;

export class AuthStore {
  private readonly kept: Map<string, KeptPrincipal> | null;
  private readonly ttlMs: number;
  private readonly maxPrincipals: number;
  private readonly now: () => number;
  /**
   * Moves on whenever something is forgotten: a lookup that began before keeps nothing, since it
   * may have read the credential before it ended.
   */
  private epoch = 0;

  constructor(private readonly db: Database, options: AuthStoreOptions = {}) {
    this.kept = options.keepPrincipals ? new Map() : null;
    this.ttlMs = options.ttlMs ?? 60_000;
    this.maxPrincipals = options.maxPrincipals ?? 10_000;
    this.now = options.now ?? Date.now;
  }

  /** A kept principal still good to use, or null. */
  private keptPrincipal(key: string): KeptPrincipal | null {
    const entry = this.kept?.get(key);
    if (!entry) return null;
    const now = this.now();
    if (now >= entry.keptUntil || (entry.expiresAt != null && now >= entry.expiresAt)) {
      this.kept!.delete(key);
      return null;
    }
    return entry;
  }

  private keep(key: string, epoch: number, entry: Omit<KeptPrincipal, 'keptUntil'>): void {
    if (!this.kept || epoch !== this.epoch) return;
    if (this.kept.size >= this.maxPrincipals) this.kept.delete(this.kept.keys().next().value!);
    this.kept.set(key, { ...entry, keptUntil: this.now() + this.ttlMs });
  }

  /** Forgets every kept principal of a user (or only those matching `which`); called once the change is written. */
  private forgetUser(userId: string, which: (entry: KeptPrincipal) => boolean = () => true): void {
    if (!this.kept) return;
    this.epoch += 1;
    for (const [key, entry] of this.kept) if (entry.principal.userId === userId && which(entry)) this.kept.delete(key);
  }

  async userCount(): Promise<number> {
    return (await this.db.query<{ n: number }>('select count(*)::int as n from users')).rows[0]!.n;
  }

  /**
   * Checks credentials; on success opens a session and returns its token (to set as a cookie) and
   * CSRF token. The attempt is reserved before the password is verified, and a throttled attempt
   * is refused without verifying it, so its answer says nothing about the password.
   */
  async login(email: string, password: string, address: string): Promise<LoginResult> {
    const reservation = await reserveAttempt(this.db, email, address);
    if (reservation.retryAfterSeconds != null) return { kind: 'limited', retryAfterSeconds: reservation.retryAfterSeconds };
    const { rows } = await this.db.query<{ id: string; password_hash: string }>('select id, password_hash from users where email = lower($1)', [email]);
    const user = rows[0];
    // Verify against a fixed hash when the user is unknown, so timing does not reveal accounts.
    const valid = user ? await verify(user.password_hash, password).catch(() => false) : await verify(await dummyHash(), password).then(() => false, () => false);
    if (!user || !valid) return { kind: 'invalid' };
    await settleSuccess(this.db, reservation);
    const sessionToken = newSecret();
    const csrfToken = newSecret();
    await this.db.query("insert into sessions (token_hash, user_id, csrf_token, expires_at) values ($1, $2, $3, now() + make_interval(hours => $4))", [digest(sessionToken), user.id, csrfToken, SESSION_HOURS]);
    return { kind: 'ok', sessionToken, csrfToken, userId: user.id };
  }

  async logout(sessionToken: string): Promise<void> {
    const key = digest(sessionToken);
    await this.db.query('delete from sessions where token_hash = $1', [key]);
    if (this.kept) {
      this.epoch += 1;
      this.kept.delete(`session:${key}`);
    }
  }

  async fromSession(sessionToken: string): Promise<Principal | null> {
    const key = digest(sessionToken);
    const kept = this.keptPrincipal(`session:${key}`);
    if (kept) return kept.principal;
    const epoch = this.epoch;
    const { rows } = await this.db.query<{ id: string; email: string; name: string; csrf_token: string; must_change_password: boolean; expires_at: Date | string }>(
      'select u.id, u.email, u.name, u.must_change_password, s.csrf_token, s.expires_at from sessions s join users u on u.id = s.user_id where s.token_hash = $1 and s.expires_at > now()',
      [key],
    );
    const row = rows[0];
    if (!row) return null;
    const principal: Principal = { userId: row.id, email: row.email, name: row.name, via: 'session', csrfToken: row.csrf_token, mustChangePassword: row.must_change_password };
    this.keep(`session:${key}`, epoch, { principal, expiresAt: new Date(row.expires_at).getTime(), tokenId: null, lastUseWritten: 0 });
    return principal;
  }

  /**
   * Changes the caller's own password. The current password is checked under the same throttle as
   * a login (a stolen session must not become a way around it). Every session of the user but
   * `keepSession` (the caller's own, when it is one) ends; API tokens are kept.
   */
  async changePassword(userId: string, currentPassword: string, newPassword: string, address: string, keepSession: string | null): Promise<PasswordChangeResult> {
    const { rows } = await this.db.query<{ email: string; password_hash: string }>('select email, password_hash from users where id = $1', [userId]);
    const user = rows[0]!;
    const reservation = await reserveAttempt(this.db, user.email, address);
    if (reservation.retryAfterSeconds != null) return { kind: 'limited', retryAfterSeconds: reservation.retryAfterSeconds };
    if (!(await verify(user.password_hash, currentPassword).catch(() => false))) return { kind: 'wrong_password' };
    await settleSuccess(this.db, reservation);
    if (newPassword === currentPassword) return { kind: 'same_password' };
    const newHash = await hashPassword(newPassword);
    const changed = await this.db.transaction(async (tx) => {
      await tx.query('update users set password_hash = $2, must_change_password = false, password_changed_at = now() where id = $1', [userId, newHash]);
      const ended = await tx.query('delete from sessions where user_id = $1 and token_hash <> $2 returning 1', [userId, keepSession == null ? '' : digest(keepSession)]);
      const kept = await tx.query<{ n: number }>('select count(*)::int as n from api_tokens where user_id = $1 and revoked_at is null and (expires_at is null or expires_at > now())', [userId]);
      return { kind: 'ok', sessionsEnded: ended.rows.length, tokensKept: kept.rows[0]!.n } as const;
    });
    // The other sessions ended and the account's one-time flag cleared: nothing kept of the user stays.
    this.forgetUser(userId);
    return changed;
  }

  /** Creates an API token; the token itself is returned once and never stored. */
  async createToken(userId: string, name: string, expiresAt: Date | null = null): Promise<TokenInfo & { token: string }> {
    const token = `lf_${newSecret()}`;
    const { rows } = await this.db.query<TokenRow>(
      'insert into api_tokens (user_id, name, token_hash, expires_at) values ($1, $2, $3, $4) returning id, name, created_at, last_used_at, expires_at, revoked_at',
      [userId, name, digest(token), expiresAt?.toISOString() ?? null],
    );
    return { ...tokenInfo(rows[0]!), token };
  }

  /** The caller's tokens, newest first: what they are called and when they were used, never the token or its digest. */
  async listTokens(userId: string): Promise<TokenInfo[]> {
    const { rows } = await this.db.query<TokenRow>('select id, name, created_at, last_used_at, expires_at, revoked_at from api_tokens where user_id = $1 order by created_at desc, id', [userId]);
    return rows.map(tokenInfo);
  }

  /** The principal of a live token; 'expired' for a token past its expiry, so the caller can say why. */
  async fromToken(token: string): Promise<Principal | 'expired' | null> {
    const key = digest(token);
    const kept = this.keptPrincipal(`token:${key}`);
    if (kept) {
      if (this.now() - kept.lastUseWritten >= LAST_USE_INTERVAL_MS) {
        kept.lastUseWritten = this.now();
        await this.db.query("update api_tokens set last_used_at = now() where id = $1 and (last_used_at is null or last_used_at < now() - interval '1 minute')", [kept.tokenId]);
      }
      return kept.principal;
    }
    const epoch = this.epoch;
    const { rows } = await this.db.query<{ id: string; email: string; name: string; token_id: string; must_change_password: boolean; expires_at: Date | string | null; expired: boolean }>(
      `select u.id, u.email, u.name, u.must_change_password, t.id as token_id, t.expires_at, coalesce(t.expires_at <= now(), false) as expired
         from api_tokens t join users u on u.id = t.user_id where t.token_hash = $1 and t.revoked_at is null`,
      [digest(token)],
    );
    const row = rows[0];
    if (!row) return null;
    if (row.expired) return 'expired';
    // At most one write a minute per token, so reading with a token is not a write per request.
    await this.db.query("update api_tokens set last_used_at = now() where id = $1 and (last_used_at is null or last_used_at < now() - interval '1 minute')", [row.token_id]);
    const principal: Principal = { userId: row.id, email: row.email, name: row.name, via: 'token', csrfToken: null, mustChangePassword: row.must_change_password };
    this.keep(`token:${key}`, epoch, { principal, expiresAt: row.expires_at == null ? null : new Date(row.expires_at).getTime(), tokenId: row.token_id, lastUseWritten: this.now() });
    return principal;
  }

  /** Revokes one of the user's own tokens; false when the user has no token with that id. Revoking twice keeps the first time. */
  async revokeToken(userId: string, tokenId: string): Promise<boolean> {
    const { rows } = await this.db.query('update api_tokens set revoked_at = coalesce(revoked_at, now()) where id = $1 and user_id = $2 returning id', [tokenId, userId]);
    this.forgetUser(userId, (entry) => entry.tokenId === tokenId);
    return rows.length === 1;
  }
}

/** Constant-time comparison of a submitted CSRF token with the session's. */
export function csrfMatches(expected: string | null, submitted: string | null | undefined): boolean {
  if (expected == null || submitted == null) return false;
  const a = Buffer.from(expected);
  const b = Buffer.from(submitted);
  return a.length === b.length && timingSafeEqual(a, b);
}

let dummy: Promise<string> | undefined;
function dummyHash(): Promise<string> {
  dummy ??= hash('landfall-timing-equaliser', ARGON2);
  return dummy;
}
