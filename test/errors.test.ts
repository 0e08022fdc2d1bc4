// The one error type and its table (src/core/errors.ts): every code has a status and an exit code,
// the server answers each error by its code with the same body, and anything unknown is a 500
// that says nothing of what went wrong inside.
import { describe, expect, it, vi } from 'vitest';
import { ERROR_STATUS, LandfallError, describeError, errorBody, exitCodeOf, statusOf, toLandfallError, type ErrorCode } from '../src/core/errors.ts';
import { createApp, toErrorAnswer } from '../src/server/app.ts';
import { PdfExportError } from '../src/render/pdf-browser-pool.ts';
import { StorageError } from '../src/store/storage-errors.ts';
import { ConflictError } from '../src/store/workspace-store.ts';
import { InvalidInputError } from '../src/cli/command.ts';
import type { AuthStore } from '../src/store/auth-store.ts';
import type { WorkspaceStore } from '../src/store/workspace-store.ts';

const CODES = Object.keys(ERROR_STATUS) as ErrorCode[];
const INTERNAL_BODY = { error: { code: 'internal', message: 'Something went wrong on our side.' } };

/** An app whose health check throws `failure`: the one route that reaches the error boundary without a login. */
function appFailingWith(failure: unknown) {
  const store = { branding: {}, lawBook: {}, book: {}, memberships: {} } as unknown as WorkspaceStore;
  const auth = { userCount: async () => { throw failure; } } as unknown as AuthStore;
  return createApp({ store, auth, today: () => '2026-11-22', secureCookies: false });
}

describe('the error table', () => {
  it('gives every code an HTTP error status and an exit code', () => {
    expect(CODES.length).toBeGreaterThan(30);
    for (const code of CODES) {
      const status = statusOf(code);
      expect(Number.isInteger(status), code).toBe(true);
      expect(status >= 400 && status <= 599, `${code}: ${status}`).toBe(true);
      expect(exitCodeOf(code), code).toBe(status < 500 ? 2 : 1);
    }
  });

  it('keeps the statuses the API has always answered with', () => {
    expect(statusOf('invalid_request')).toBe(400);
    expect(statusOf('unauthenticated')).toBe(401);
    expect(statusOf('forbidden')).toBe(403);
    expect(statusOf('not_found')).toBe(404);
    expect(statusOf('stale_version')).toBe(409);
    expect(statusOf('last_owner')).toBe(409);
    expect(statusOf('name_mismatch')).toBe(422);
    expect(statusOf('invalid_profile')).toBe(422);
    expect(statusOf('rate_limited')).toBe(429);
    expect(statusOf('busy')).toBe(503);
    expect(statusOf('insufficient_storage')).toBe(507);
  });

  it('makes the subclasses LandfallErrors with their code and their own data', () => {
    const conflict = new ConflictError(7);
    expect(conflict).toBeInstanceOf(LandfallError);
    expect(errorBody(conflict)).toEqual({ error: { code: 'stale_version', message: 'Someone changed this first; the current version is 7. Reload and try again.' } });
    const busy = new PdfExportError('busy', 'Every PDF printer is busy.', 4);
    expect([busy.code, busy.retryAfterSeconds, busy.headers['retry-after']]).toEqual(['busy', 4, '4']);
    const full = new StorageError('disk_full', 'The disk is full.');
    expect([full.code, full.condition, statusOf(full.code)]).toEqual(['insufficient_storage', 'disk_full', 507]);
    const input = new InvalidInputError([{ path: '--as-of', message: 'not a date' }], 'arguments');
    expect([input.code, input.subject, exitCodeOf(input.code)]).toEqual(['invalid_input', 'arguments', 2]);
    expect(describeError(input)).toBe('invalid arguments\n  --as-of: not a date');
  });

  it('turns anything that is not a LandfallError into the internal error', () => {
    const secret = new Error('password=hunter2 at /var/lib/landfall');
    const internal = toLandfallError(secret);
    expect(internal.code).toBe('internal');
    expect(internal.message).not.toContain('hunter2');
    expect(toLandfallError(new ConflictError(2)).code).toBe('stale_version');
  });
});

describe('the error boundary of the API', () => {
  it('answers an unknown error 500 with the fixed body, logging the details but leaking none', async () => {
    const logged = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    try {
      const failure = Object.assign(new TypeError('cannot read row of undefined: SELECT password_digest FROM users'), { detail: 'hunter2' });
      const response = await appFailingWith(failure).request('/api/health');
      expect(response.status).toBe(500);
      const text = await response.text();
      expect(JSON.parse(text)).toEqual(INTERNAL_BODY);
      for (const leak of ['password_digest', 'hunter2', 'TypeError', 'at ', 'errors.test']) expect(text).not.toContain(leak);
      expect(logged.mock.calls.flat().join(' ')).toContain('password_digest');
    } finally {
      logged.mockRestore();
    }
  });

  it('answers a thrown string or a LandfallError coded internal the same way', async () => {
    const log: string[] = [];
    expect(errorBody(toErrorAnswer('boom', (line) => log.push(line)))).toEqual(INTERNAL_BODY);
    expect(errorBody(toErrorAnswer(new LandfallError('internal', 'stack: /srv/secret.ts:12'), (line) => log.push(line)))).toEqual(INTERNAL_BODY);
    expect(log.join('\n')).toContain('/srv/secret.ts');
  });

  it('answers every code with its status, its body and its headers', async () => {
    const logged = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    try {
      for (const code of CODES) {
        const problems = [{ path: 'a.b', message: 'wrong' }];
        const response = await appFailingWith(new LandfallError(code, `because ${code}`, { problems, headers: { 'retry-after': '9' } })).request('/api/health');
        if (code === 'internal') {
          expect(response.status).toBe(500);
          continue;
        }
        expect(response.status, code).toBe(ERROR_STATUS[code]);
        expect(response.headers.get('retry-after'), code).toBe('9');
        // Problems are the caller's to fix: a 4xx lists them, a 5xx keeps them in the log.
        expect(await response.json()).toEqual({ error: { code, message: `because ${code}`, ...(ERROR_STATUS[code] < 500 ? { problems } : {}) } });
      }
    } finally {
      logged.mockRestore();
    }
  });

  it('answers a database that went away 503 with Retry-After, and a full disk 507', async () => {
    const logged = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    try {
      const gone = await appFailingWith(Object.assign(new Error('connect ECONNREFUSED 10.0.0.5:5432'), { code: 'ECONNREFUSED' })).request('/api/health');
      expect(gone.status).toBe(503);
      expect(gone.headers.get('retry-after')).toBe('5');
      const body = (await gone.json()) as { error: { code: string; message: string } };
      expect(body.error.code).toBe('database_unavailable');
      expect(body.error.message).not.toContain('10.0.0.5');
      const full = await appFailingWith(Object.assign(new Error('No space left on device'), { code: 'ENOSPC' })).request('/api/health');
      expect([full.status, ((await full.json()) as { error: { code: string } }).error.code]).toEqual([507, 'insufficient_storage']);
    } finally {
      logged.mockRestore();
    }
  });
});
