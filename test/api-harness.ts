// An API app over a fresh database for one describe block: users with one password, login that
// checks the cookie's flags, and a call helper that sends the session cookie and CSRF token.
import { afterAll, beforeAll, expect } from 'vitest';
import { PortfolioReviewWorker } from '../src/jobs/portfolio-review.ts';
import { createApp } from '../src/server/app.ts';
import { ReviewStore } from '../src/store/review-store.ts';
import { AuthStore, hashPassword } from '../src/store/auth-store.ts';
import { openDatabase, type Database, type OpenOptions } from '../src/store/database.ts';
import { migrate } from '../src/store/migrate.ts';
import { WorkspaceStore } from '../src/store/workspace-store.ts';
import { dropSchema } from './db-helpers.ts';
import { book } from './helpers.ts';

export const PASSWORD = 'a long and careful passphrase';
export interface Session {
  cookie: string;
  csrf: string;
}

export function apiHarness(makeOptions: () => OpenOptions, users: ReadonlyArray<readonly [email: string, name: string, options?: { isAdmin?: boolean }]>, settings: { now?: () => number } = {}) {
  let db: Database;
  let options: OpenOptions;
  let app: ReturnType<typeof createApp>;
  let worker: PortfolioReviewWorker;

  beforeAll(async () => {
    options = makeOptions();
    db = await openDatabase(options);
    await migrate(db);
    const store = new WorkspaceStore(db, book);
    const hash = await hashPassword(PASSWORD);
    for (const [email, name, userOptions] of users) await store.createUser(email, name, hash, userOptions);
    const reviews = new ReviewStore(db);
    worker = new PortfolioReviewWorker({ store: reviews, lawBook: book });
    app = createApp({ store, auth: new AuthStore(db), today: () => '2026-11-22', secureCookies: false, reviews: { store: reviews, worker, contentVersion: book.contentVersion }, now: settings.now });
  });
  afterAll(async () => {
    await worker.stop();
    await dropSchema(db, options);
  });

  const request = (path: string, init?: RequestInit) => app.request(path, init);

  async function login(email: string, secret = PASSWORD): Promise<Session> {
    const response = await request('/api/session', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email, password: secret }) });
    expect(response.status).toBe(200);
    const cookie = response.headers.get('set-cookie')!;
    expect(cookie).toMatch(/HttpOnly/i);
    expect(cookie).toMatch(/SameSite=Strict/i);
    const body = (await response.json()) as { csrfToken: string };
    return { cookie: cookie.split(';')[0]!, csrf: body.csrfToken };
  }

  const call = (session: Session | null, method: string, path: string, body?: unknown, extra: Record<string, string> = {}) =>
    request(path, {
      method,
      headers: { ...(session ? { cookie: session.cookie, 'x-csrf-token': session.csrf } : {}), ...(body === undefined ? {} : { 'content-type': 'application/json' }), ...extra },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });

  return { request, login, call, db: () => db, database: () => db, worker: () => worker };
}
