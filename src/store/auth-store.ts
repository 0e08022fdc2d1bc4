// Accounts, sessions and API tokens. Passwords are hashed with argon2id; session and API tokens
// are random 256-bit values of which only a SHA-256 digest is stored, so a database leak yields
// no usable credential. Failed logins are counted in the database, so the limit holds across
// several server processes.
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { hash, verify } from '@node-rs/argon2';
import type { Database } from './database.ts';

/** OWASP's argon2id baseline: 19 MiB, 2 iterations, 1 lane. */
// algorithm 2 is Argon2id in @node-rs/argon2's (const enum) Algorithm.
const ARGON2 = { algorithm: 2, memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const;
export const SESSION_HOURS = 12;
export const LOGIN_LIMIT = { attempts: 5, windowMinutes: 15 } as const;

export const hashPassword = (password: string): Promise<string> => hash(password, ARGON2);

const digest = (token: string) => createHash('sha256').update(token).digest('hex');
const newSecret = () => randomBytes(32).toString('base64url');

export interface Principal {
  userId: string;
  email: string;
  name: string;
  via: 'session' | 'token';
  csrfToken: string | null;
}

export class AuthStore {
  constructor(private readonly db: Database) {}

  async userCount(): Promise<number> {
    return (await this.db.query<{ n: number }>('select count(*)::int as n from users')).rows[0]!.n;
  }

  /** True when the email or the address has used up its failed attempts in the window. */
  async isLimited(email: string, address: string): Promise<boolean> {
    const { rows } = await this.db.query<{ by_email: number; by_address: number }>(
      `select count(*) filter (where email = lower($1))::int as by_email, count(*) filter (where address = $2)::int as by_address
         from login_attempts where at > now() - make_interval(mins => $3)`,
      [email, address, LOGIN_LIMIT.windowMinutes],
    );
    const row = rows[0]!;
    return row.by_email >= LOGIN_LIMIT.attempts || row.by_address >= LOGIN_LIMIT.attempts * 4;
  }

  /** Checks credentials; on success opens a session and returns its token (to set as a cookie) and CSRF token. */
  async login(email: string, password: string, address: string): Promise<{ sessionToken: string; csrfToken: string; userId: string } | 'invalid' | 'limited'> {
    if (await this.isLimited(email, address)) return 'limited';
    const { rows } = await this.db.query<{ id: string; password_hash: string }>('select id, password_hash from users where email = lower($1)', [email]);
    const user = rows[0];
    // Verify against a fixed hash when the user is unknown, so timing does not reveal accounts.
    const valid = user ? await verify(user.password_hash, password).catch(() => false) : await verify(await dummyHash(), password).then(() => false, () => false);
    if (!user || !valid) {
      await this.db.query('insert into login_attempts (email, address) values (lower($1), $2)', [email, address]);
      return 'invalid';
    }
    await this.db.query('delete from login_attempts where email = lower($1)', [email]);
    const sessionToken = newSecret();
    const csrfToken = newSecret();
    await this.db.query("insert into sessions (token_hash, user_id, csrf_token, expires_at) values ($1, $2, $3, now() + make_interval(hours => $4))", [digest(sessionToken), user.id, csrfToken, SESSION_HOURS]);
    return { sessionToken, csrfToken, userId: user.id };
  }

  async logout(sessionToken: string): Promise<void> {
    await this.db.query('delete from sessions where token_hash = $1', [digest(sessionToken)]);
  }

  async fromSession(sessionToken: string): Promise<Principal | null> {
    const { rows } = await this.db.query<{ id: string; email: string; name: string; csrf_token: string }>(
      'select u.id, u.email, u.name, s.csrf_token from sessions s join users u on u.id = s.user_id where s.token_hash = $1 and s.expires_at > now()',
      [digest(sessionToken)],
    );
    const row = rows[0];
    return row ? { userId: row.id, email: row.email, name: row.name, via: 'session', csrfToken: row.csrf_token } : null;
  }

  /** Creates an API token; the token itself is returned once and never stored. */
  async createToken(userId: string, name: string): Promise<{ id: string; token: string }> {
    const token = `lf_${newSecret()}`;
    const { rows } = await this.db.query<{ id: string }>('insert into api_tokens (user_id, name, token_hash) values ($1, $2, $3) returning id', [userId, name, digest(token)]);
    return { id: rows[0]!.id, token };
  }

  async fromToken(token: string): Promise<Principal | null> {
    const { rows } = await this.db.query<{ id: string; email: string; name: string; token_id: string }>(
      'select u.id, u.email, u.name, t.id as token_id from api_tokens t join users u on u.id = t.user_id where t.token_hash = $1 and t.revoked_at is null',
      [digest(token)],
    );
    const row = rows[0];
    if (!row) return null;
    // At most one write a minute per token, so reading with a token is not a write per request.
    await this.db.query("update api_tokens set last_used_at = now() where id = $1 and (last_used_at is null or last_used_at < now() - interval '1 minute')", [row.token_id]);
    return { userId: row.id, email: row.email, name: row.name, via: 'token', csrfToken: null };
  }

  async revokeToken(userId: string, tokenId: string): Promise<boolean> {
    const { rows } = await this.db.query('update api_tokens set revoked_at = now() where id = $1 and user_id = $2 and revoked_at is null returning id', [tokenId, userId]);
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
