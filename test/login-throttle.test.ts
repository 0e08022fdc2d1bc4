// Login throttling against a real server, where the client address comes from the socket: each
// client below connects from its own loopback address (127.0.0.0/8 is all on the loopback
// interface). Each test reproduces one attack on the old design: a shared bucket that let anyone
// lock everyone out, X-Forwarded-For believed from anyone, an account locked for its owner by a
// guesser, and concurrent guesses that all passed the check before any failure was counted.
import { request as httpRequest } from 'node:http';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { lawBook } from '../src/content/load-content.ts';
import { startServer, type RunningServer } from '../src/server/serve.ts';
import { hashPassword } from '../src/store/auth-store.ts';
import { LOGIN_LIMITS } from '../src/store/login-throttle.ts';
import { WorkspaceStore } from '../src/store/workspace-store.ts';

const PASSWORD = 'the owner\'s own passphrase';
const PROXY = '127.0.0.10';

interface Answer {
  status: number;
  retryAfter: string | undefined;
}

describe('login throttling on a real server', () => {
  let dataDir: string;
  let server: RunningServer;
  let port: number;

  /** Logs in from `from` (the socket's local address), with extra headers. */
  const login = (from: string, email: string, password: string, headers: Record<string, string> = {}) =>
    new Promise<Answer>((resolve, reject) => {
      const body = JSON.stringify({ email, password });
      const sent = httpRequest({ host: '127.0.0.1', port, path: '/api/session', method: 'POST', localAddress: from, agent: false, headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body), ...headers } }, (response) => {
        response.resume();
        response.on('end', () => resolve({ status: response.statusCode!, retryAfter: response.headers['retry-after'] }));
      });
      sent.on('error', reject);
      sent.end(body);
    });
  const statuses = (answers: Answer[]) => answers.map((answer) => answer.status);

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'landfall-throttle-'));
    server = await startServer({ port: 0, host: '127.0.0.1', dataDir, adminEmail: 'admin@example.com', adminPassword: 'administrator passphrase', trustedProxies: [PROXY], today: () => '2026-11-22', log: () => {} });
    port = Number(new URL(server.url).port);
    const store = new WorkspaceStore(server.db, lawBook());
    const hash = await hashPassword(PASSWORD);
    for (const name of ['victim', 'owner', 'target', 'proxied']) await store.createUser(`${name}@example.com`, name, hash);
  }, 120_000);
  afterAll(async () => {
    await server?.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('throttles a flood of failures from one address without locking out anyone else', async () => {
    const flood: Answer[] = [];
    for (let attempt = 0; attempt < LOGIN_LIMITS.address.attempts + 3; attempt += 1) flood.push(await login('127.0.0.2', `nobody${attempt}@example.com`, 'guess'));
    expect(statuses(flood).slice(0, LOGIN_LIMITS.address.attempts).every((status) => status === 401)).toBe(true);
    expect(statuses(flood).slice(LOGIN_LIMITS.address.attempts)).toEqual([429, 429, 429]);
    expect((await login('127.0.0.3', 'victim@example.com', PASSWORD)).status).toBe(200);
  });

  it('does not believe X-Forwarded-For from a client that is not a trusted proxy', async () => {
    const forged: Answer[] = [];
    for (let attempt = 0; attempt < LOGIN_LIMITS.address.attempts + 3; attempt += 1) {
      forged.push(await login('127.0.0.4', `sprayed${attempt}@example.com`, 'guess', { 'x-forwarded-for': `203.0.113.${attempt}` }));
    }
    expect(statuses(forged).slice(LOGIN_LIMITS.address.attempts)).toEqual([429, 429, 429]);
  });

  it('behind a trusted proxy, counts the right-most address the proxy did not forward for itself', async () => {
    const through: Answer[] = [];
    for (let attempt = 0; attempt < LOGIN_LIMITS.accountAddress.attempts + 2; attempt += 1) {
      // The client wrote the left entry; the proxy appended the address it saw.
      through.push(await login(PROXY, 'proxied@example.com', 'guess', { 'x-forwarded-for': `198.18.0.${attempt}, 198.51.100.7` }));
    }
    expect(statuses(through)).toEqual([401, 401, 401, 401, 401, 429, 429]);
    expect((await login(PROXY, 'proxied@example.com', PASSWORD, { 'x-forwarded-for': '198.51.100.8' })).status).toBe(200);
    expect((await login(PROXY, 'proxied@example.com', PASSWORD, { 'x-forwarded-for': '198.51.100.8, 198.51.100.7' })).status).toBe(429);
  });

  it('lets the owner log in from their own address while a guesser of their password is throttled', async () => {
    const guesses: Answer[] = [];
    for (let attempt = 0; attempt < LOGIN_LIMITS.accountAddress.attempts + 2; attempt += 1) guesses.push(await login('127.0.0.5', 'owner@example.com', `guess ${attempt}`));
    expect(statuses(guesses)).toEqual([401, 401, 401, 401, 401, 429, 429]);
    // Even the right password does not get the guesser in during the window.
    expect((await login('127.0.0.5', 'owner@example.com', PASSWORD)).status).toBe(429);
    expect((await login('127.0.0.6', 'owner@example.com', PASSWORD)).status).toBe(200);
    const retryAfter = Number(guesses.at(-1)!.retryAfter);
    expect(retryAfter).toBeGreaterThan(0);
    expect(retryAfter).toBeLessThanOrEqual(LOGIN_LIMITS.accountAddress.windowMinutes * 60);
  });

  it('lets no more concurrent guesses reach the password check than the per-account limit', async () => {
    const burst = await Promise.all(Array.from({ length: 20 }, (_, attempt) => login('127.0.0.7', 'target@example.com', `guess ${attempt}`)));
    expect(statuses(burst).filter((status) => status === 401)).toHaveLength(LOGIN_LIMITS.accountAddress.attempts);
    expect(statuses(burst).filter((status) => status === 429)).toHaveLength(20 - LOGIN_LIMITS.accountAddress.attempts);
  });
});
