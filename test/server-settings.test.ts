// Settings for a server behind HTTPS and proxies: the cookie's Secure flag and the trusted proxies.
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createApp } from '../src/server/app.ts';
import { readProxySettings } from '../src/server/server-settings.ts';
import { AuthStore, hashPassword } from '../src/store/auth-store.ts';
import { openDatabase } from '../src/store/database.ts';
import { migrate } from '../src/store/migrate.ts';
import { WorkspaceStore } from '../src/store/workspace-store.ts';
import { book } from './helpers.ts';

describe('proxy and cookie settings', () => {
  it('sets the Secure flag by default only when the public URL is https, and lets LANDFALL_SECURE_COOKIES decide', () => {
    const secure = (env: Record<string, string>) => readProxySettings(env).settings.secureCookies;
    expect(secure({})).toBe(false);
    expect(secure({ LANDFALL_PUBLIC_URL: 'http://landfall.internal:4310' })).toBe(false);
    expect(secure({ LANDFALL_PUBLIC_URL: 'https://landfall.example.com' })).toBe(true);
    expect(secure({ LANDFALL_PUBLIC_URL: 'https://landfall.example.com', LANDFALL_SECURE_COOKIES: 'false' })).toBe(false);
    expect(secure({ LANDFALL_SECURE_COOKIES: 'true' })).toBe(true);
    expect(secure({ LANDFALL_SECURE_COOKIES: 'ON' })).toBe(true);
  });

  it('reads trusted proxies as addresses and CIDR blocks, and names each bad setting', () => {
    expect(readProxySettings({ LANDFALL_TRUSTED_PROXIES: '10.0.0.0/8, 192.168.1.5 fd00::/8' })).toEqual({ settings: { trustedProxies: ['10.0.0.0/8', '192.168.1.5', 'fd00::/8'], secureCookies: false }, problems: [] });
    const { problems } = readProxySettings({ LANDFALL_TRUSTED_PROXIES: '10.0.0.0/8,proxy.example.com', LANDFALL_PUBLIC_URL: 'landfall', LANDFALL_SECURE_COOKIES: 'maybe' });
    expect(problems.map((problem) => problem.path)).toEqual(['LANDFALL_TRUSTED_PROXIES', 'LANDFALL_PUBLIC_URL', 'LANDFALL_SECURE_COOKIES']);
    expect(problems[0]!.message).toContain('proxy.example.com');
  });

  it('refuses to start with a bad setting: exit 2, the problem listed', () => {
    const run = spawnSync(process.execPath, ['bin/landfall.js', 'serve', '--port', '0'], { encoding: 'utf8', cwd: join(import.meta.dirname, '..'), env: { ...process.env, LANDFALL_TRUSTED_PROXIES: 'not-an-address' } });
    expect(run.status).toBe(2);
    expect(run.stderr).toContain('LANDFALL_TRUSTED_PROXIES');
  });

  it('marks the session cookie Secure when told to, on login and on logout', async () => {
    const db = await openDatabase();
    await migrate(db);
    const store = new WorkspaceStore(db, book);
    await store.createUser('sec@example.com', 'Sec', await hashPassword('secure cookie pass'));
    for (const secureCookies of [true, false]) {
      const app = createApp({ store, auth: new AuthStore(db), today: () => '2026-11-22', secureCookies });
      const login = await app.request('/api/session', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email: 'sec@example.com', password: 'secure cookie pass' }) });
      const cookie = login.headers.get('set-cookie')!;
      expect(/;\s*Secure/i.test(cookie)).toBe(secureCookies);
      const { csrfToken } = (await login.json()) as { csrfToken: string };
      const logout = await app.request('/api/session', { method: 'DELETE', headers: { cookie: cookie.split(';')[0]!, 'x-csrf-token': csrfToken } });
      expect(logout.status).toBe(204);
      expect(/;\s*Secure/i.test(logout.headers.get('set-cookie')!)).toBe(secureCookies);
    }
    await db.close();
  });
});
