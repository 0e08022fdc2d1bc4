import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openDatabase, type OpenOptions } from '../src/store/database.ts';

const ROOT = join(import.meta.dirname, '..');

/** Runs the writer until it has created `after` engagements, then kills it with SIGKILL. */
function runAndKill(env: Record<string, string>, after: number): Promise<number> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'test/fixtures/crash-writer.ts'], { cwd: ROOT, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let created = 0;
    let errors = '';
    child.stderr.on('data', (chunk: Buffer) => (errors += chunk.toString()));
    child.stdout.on('data', (chunk: Buffer) => {
      created += chunk.toString().split('\n').filter((line) => line.startsWith('created')).length;
      // Kill a few milliseconds into the next engagement's transaction.
      if (created >= after) setTimeout(() => child.kill('SIGKILL'), 5 + Math.floor(Math.random() * 40));
    });
    child.on('exit', (_code, signal) => (signal === 'SIGKILL' ? resolve(created) : reject(new Error(`writer exited on its own: ${errors}`))));
  });
}

/** Every engagement is whole: an owner, a profile version, an assessment and its annex. */
async function partialEngagements(options: OpenOptions): Promise<number> {
  const db = await openDatabase(options);
  try {
    const { rows } = await db.query<{ n: number }>(`
      select count(*)::int as n from engagements e
       where not exists (select 1 from memberships m where m.engagement_id = e.id and m.role = 'owner')
          or not exists (select 1 from profile_versions p where p.engagement_id = e.id)
          or not exists (select 1 from assessments a where a.engagement_id = e.id)
          or not exists (select 1 from annex_items i where i.engagement_id = e.id)`);
    const total = await db.query<{ n: number }>('select count(*)::int as n from engagements');
    expect(total.rows[0]!.n).toBeGreaterThanOrEqual(3);
    return rows[0]!.n;
  } finally {
    if (options.url && options.schema) await db.query(`drop schema if exists ${options.schema} cascade`);
    await db.close();
  }
}

describe('a crash mid-write', () => {
  it('leaves no partial engagement in PGlite', async () => {
    const dataDir = join(mkdtempSync(join(tmpdir(), 'landfall-crash-')), 'data');
    await runAndKill({ CRASH_DATA_DIR: dataDir }, 3);
    expect(await partialEngagements({ dataDir })).toBe(0);
  }, 120_000);

  it.runIf(process.env.TEST_DATABASE_URL)('leaves no partial engagement in PostgreSQL', async () => {
    const schema = `landfall_crash_${randomBytes(5).toString('hex')}`;
    await runAndKill({ CRASH_DATABASE_URL: process.env.TEST_DATABASE_URL!, CRASH_SCHEMA: schema }, 3);
    expect(await partialEngagements({ url: process.env.TEST_DATABASE_URL, schema })).toBe(0);
  }, 120_000);
});
