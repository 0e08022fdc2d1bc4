// Issue 10, item 4: two processes on one PGlite data folder both acknowledged writes and lost half
// of them. The second opener must refuse, naming the folder and the holder; stale locks are taken over.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { DataDirLockedError, LOCK_FILE } from '../src/store/data-dir-lock.ts';
import { openDatabase } from '../src/store/database.ts';
import { login, serveRefusal, startServeProcess } from './serve-process.ts';

const folders: string[] = [];
const dataFolder = () => {
  const root = mkdtempSync(join(tmpdir(), 'landfall-lock-'));
  folders.push(root);
  return join(root, 'data');
};
afterEach(() => {
  for (const folder of folders.splice(0)) rmSync(folder, { recursive: true, force: true });
});

/** The pid of a process that has already exited. */
function deadPid(): number {
  const child = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], { encoding: 'utf8' });
  return Number(child.stdout);
}

describe('one PGlite data folder, one process', () => {
  it('refuses a second server on the folder while the first keeps working and loses nothing', async () => {
    const dataDir = dataFolder();
    const first = await startServeProcess({}, ['--data-dir', dataDir]);
    try {
      const { cookie, csrf } = await login(first.url);
      const write = (name: string) => fetch(`${first.url}/api/tokens`, { method: 'POST', headers: { cookie, 'x-csrf-token': csrf, 'content-type': 'application/json' }, body: JSON.stringify({ name }) });
      for (const name of ['before 1', 'before 2']) expect((await write(name)).status).toBe(201);
      const lock = JSON.parse(readFileSync(join(dataDir, LOCK_FILE), 'utf8')) as { pid: number; host: string; startedAt: string };
      expect(lock).toMatchObject({ pid: first.child.pid, host: hostname() });

      const second = await serveRefusal({}, ['--data-dir', dataDir]);
      expect(second.exitCode).not.toBe(0);
      expect(second.output).toContain(`The data folder ${dataDir} is in use by process ${first.child.pid} on ${hostname()}`);
      expect(second.output).toContain('DATABASE_URL');
      expect(second.output).not.toMatch(/^\s+at /m);

      for (const name of ['after 1', 'after 2']) expect((await write(name)).status).toBe(201);
    } finally {
      expect(await first.stop()).toBe(0);
    }
    expect(existsSync(join(dataDir, LOCK_FILE))).toBe(false);
    const db = await openDatabase({ dataDir });
    try {
      const { rows } = await db.query<{ name: string }>('select name from api_tokens order by name');
      expect(rows.map((row) => row.name)).toEqual(['after 1', 'after 2', 'before 1', 'before 2']);
    } finally {
      await db.close();
    }
  }, 240_000);

  it('refuses a second opener inside the same process, and lets go on close', async () => {
    const dataDir = dataFolder();
    const first = await openDatabase({ dataDir });
    await expect(openDatabase({ dataDir })).rejects.toThrow(DataDirLockedError);
    await first.close();
    const again = await openDatabase({ dataDir });
    await again.close();
  }, 120_000);

  it('takes over a stale lock whose process is gone, with a log line', async () => {
    const dataDir = dataFolder();
    mkdirSync(dataDir, { recursive: true });
    const pid = deadPid();
    writeFileSync(join(dataDir, LOCK_FILE), JSON.stringify({ pid, host: hostname(), startedAt: '2026-01-01T00:00:00.000Z' }));
    const lines: string[] = [];
    const db = await openDatabase({ dataDir, log: (line) => lines.push(line) });
    try {
      expect(lines.join('\n')).toContain(`taking over a stale lock of process ${pid} on ${hostname()}`);
      expect(JSON.parse(readFileSync(join(dataDir, LOCK_FILE), 'utf8')).pid).toBe(process.pid);
      await db.query('select 1');
    } finally {
      await db.close();
    }
  }, 120_000);

  it('respects a fresh lock from another host and takes over one its holder stopped refreshing', async () => {
    const dataDir = dataFolder();
    mkdirSync(dataDir, { recursive: true });
    const path = join(dataDir, LOCK_FILE);
    writeFileSync(path, JSON.stringify({ pid: 4242, host: 'elsewhere.example', startedAt: '2026-01-01T00:00:00.000Z' }));
    await expect(openDatabase({ dataDir })).rejects.toThrow(`in use by process 4242 on elsewhere.example`);
    const old = new Date(Date.now() - 10 * 60_000);
    utimesSync(path, old, old);
    const lines: string[] = [];
    const db = await openDatabase({ dataDir, log: (line) => lines.push(line) });
    expect(lines.join('\n')).toMatch(/taking over a stale lock of process 4242 on elsewhere\.example .*has not refreshed it/);
    await db.close();
  }, 120_000);

  it('lets exactly one of several processes that find the same stale lock at once take it over', async () => {
    const dataDir = dataFolder();
    mkdirSync(dataDir, { recursive: true });
    writeFileSync(join(dataDir, LOCK_FILE), JSON.stringify({ pid: deadPid(), host: hostname(), startedAt: '2026-01-01T00:00:00.000Z' }));
    const startAt = Date.now() + 5_000;
    const children = Array.from({ length: 4 }, () => spawn(process.execPath, ['--import', 'tsx', 'test/fixtures/lock-taker.ts'], { cwd: join(import.meta.dirname, '..'), env: { ...process.env, LOCK_DIR: dataDir, LOCK_START_AT: String(startAt) }, stdio: ['ignore', 'pipe', 'inherit'] }));
    const outcomes = (await Promise.all(children.map((child) => new Promise<string>((resolve) => {
      let out = '';
      child.stdout.on('data', (chunk: Buffer) => {
        out += chunk.toString();
        if (out.includes('\n')) resolve(out.trim());
      });
      child.on('exit', () => resolve(out.trim()));
    })))).sort();
    await Promise.all(children.map((child) => new Promise((resolve) => (child.exitCode !== null ? resolve(null) : (child.once('exit', resolve), child.kill('SIGTERM'))))));
    expect(outcomes).toEqual(['refused', 'refused', 'refused', 'taken']);
  }, 120_000);
});
