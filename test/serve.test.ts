import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { startServer } from '../src/server/serve.ts';

describe('landfall serve', () => {
  it('creates the administrator with a one-time password and the demo engagements once, serves the API, and shuts down', async () => {
    const dataDir = join(mkdtempSync(join(tmpdir(), 'landfall-serve-')), 'data');
    const lines: string[] = [];
    const first = await startServer({ port: 0, host: '127.0.0.1', dataDir, today: () => '2026-11-22', log: (line) => lines.push(line) });
    const generated = /one-time password (\S+)/.exec(lines.join('\n'))?.[1];
    expect(generated).toBeDefined();
    expect(lines.join('\n')).toContain('6 demo engagements');
    expect(await (await fetch(`${first.url}/api/health`)).json()).toEqual({ status: 'ok' });
    const login = await fetch(`${first.url}/api/session`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email: 'admin@landfall.local', password: generated }) });
    expect(login.status).toBe(200);
    const cookie = login.headers.get('set-cookie')!.split(';')[0]!;
    const { csrfToken, user } = (await login.json()) as { csrfToken: string; user: { passwordChangeRequired: boolean } };
    // The printed password is one-time: nothing but changing it works until it is changed.
    expect(user.passwordChangeRequired).toBe(true);
    expect((await fetch(`${first.url}/api/engagements`, { headers: { cookie } })).status).toBe(403);
    const changed = await fetch(`${first.url}/api/session/password`, { method: 'POST', headers: { cookie, 'x-csrf-token': csrfToken, 'content-type': 'application/json' }, body: JSON.stringify({ currentPassword: generated, newPassword: 'the administrator chose this' }) });
    expect(changed.status).toBe(200);
    const list = (await (await fetch(`${first.url}/api/engagements`, { headers: { cookie } })).json()) as { engagements: unknown[] };
    expect(list.engagements).toHaveLength(6);
    await first.close();

    const again: string[] = [];
    const second = await startServer({ port: 0, host: '127.0.0.1', dataDir, today: () => '2026-11-22', log: (line) => again.push(line) });
    expect(again.join('\n')).not.toContain('demo engagements');
    expect(again.join('\n')).not.toContain('one-time password');
    const count = await second.db.query<{ n: number }>('select count(*)::int as n from engagements');
    expect(count.rows[0]!.n).toBe(6);
    await second.close();
  }, 180_000);
});
