// Issue 10, item 10 on a PostgreSQL server: a full disk (SQLSTATE 53100) is a 507, a read-only
// database (25006) and a missing privilege (42501) are 503, and each clears without a restart of
// Landfall and without losing an acknowledged write. The faults are real, on a private cluster:
// the tables live in a tablespace on a small tmpfs, the database is switched to read-only, and a
// privilege of the role Landfall connects as is revoked.
import { execFileSync } from 'node:child_process';
import { chownSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { clusterUnavailable, createCluster, type Cluster } from './pg-cluster.ts';
import { login, startServeProcess, type ServeProcess } from './serve-process.ts';
import { faultsUnavailable, smallDisk, type SmallDisk } from './storage-faults.ts';

const unavailable = clusterUnavailable() ?? faultsUnavailable();

describe.skipIf(unavailable)(`storage faults on a PostgreSQL server${unavailable ? ` (skipped: ${unavailable})` : ''}`, () => {
  let cluster: Cluster;
  let disk: SmallDisk;
  let server: ServeProcess;
  let write: (name: string) => Promise<{ status: number; code?: string; retryAfter: string | null }>;
  const acknowledged: string[] = [];
  const refused: string[] = [];

  beforeAll(async () => {
    cluster = await createCluster();
    const uid = Number(execFileSync('id', ['-u', 'postgres'], { encoding: 'utf8' }).trim());
    const gid = Number(execFileSync('id', ['-g', 'postgres'], { encoding: 'utf8' }).trim());
    disk = smallDisk(24, { uid, gid });
    const location = join(disk.path, 'tablespace');
    mkdirSync(location);
    chownSync(location, uid, gid);
    cluster.psql(`create tablespace small location '${location}'`);
    cluster.psql('create role landfall login');
    cluster.psql('create schema landfall authorization landfall');
    cluster.psql('grant create on tablespace small to landfall');
    cluster.psql('alter role landfall set search_path = landfall');
    cluster.psql('alter role landfall set default_tablespace = small');
    server = await startServeProcess({ DATABASE_URL: cluster.url.replace('postgres@', 'landfall@') });
    const { cookie, csrf } = await login(server.url);
    write = async (name) => {
      const response = await fetch(`${server.url}/api/tokens`, { method: 'POST', headers: { cookie, 'x-csrf-token': csrf, 'content-type': 'application/json' }, body: JSON.stringify({ name }) });
      const body = (await response.json()) as { error?: { code: string } };
      if (response.status === 201) acknowledged.push(name);
      else refused.push(name);
      return { status: response.status, code: body.error?.code, retryAfter: response.headers.get('retry-after') };
    };
  }, 240_000);
  afterAll(async () => {
    await server?.stop();
    await cluster?.remove();
    disk?.remove();
  });

  /** Writes until one succeeds (the fault has cleared); every answer meanwhile is `allowed`. */
  const untilWritten = async (label: string, allowed: number[]) => {
    for (let attempt = 0; attempt < 20; attempt++) {
      const result = await write(`${label} ${attempt}`);
      expect([201, ...allowed]).toContain(result.status);
      if (result.status === 201) return;
      await new Promise((resolve) => setTimeout(resolve, 500));
    }
    throw new Error(`${label}: writes did not work again`);
  };

  it('answers 507 insufficient_storage while the tablespace disk is full', async () => {
    expect((await write('before full')).status).toBe(201);
    disk.fill();
    let full: Awaited<ReturnType<typeof write>> | undefined;
    for (let i = 0; i < 3_000 && !full; i++) {
      const result = await write(`while full ${i} ${'y'.repeat(60)}`);
      expect([201, 507]).toContain(result.status);
      if (result.status === 507) full = result;
    }
    expect(full?.code).toBe('insufficient_storage');
    disk.free();
    await untilWritten('after full', [507]);
  }, 240_000);

  it('answers 503 storage_read_only while the database is read-only', async () => {
    cluster.psql('alter system set default_transaction_read_only = on');
    cluster.psql('select pg_reload_conf()');
    await new Promise((resolve) => setTimeout(resolve, 500));
    const result = await write('while read-only');
    expect(result.status).toBe(503);
    expect(result.code).toBe('storage_read_only');
    expect(Number(result.retryAfter)).toBeGreaterThan(0);
    cluster.psql('alter system reset default_transaction_read_only');
    cluster.psql('select pg_reload_conf()');
    await untilWritten('after read-only', [503]);
  }, 120_000);

  it('answers 503 storage_permission_denied while a privilege is missing', async () => {
    cluster.psql('revoke insert on landfall.api_tokens from landfall');
    const result = await write('while revoked');
    expect(result.status).toBe(503);
    expect(result.code).toBe('storage_permission_denied');
    cluster.psql('grant insert on landfall.api_tokens to landfall');
    await untilWritten('after revoked', [503]);
  }, 120_000);

  it('kept every acknowledged write and none of the refused ones, with Landfall still the same process', async () => {
    expect(server.child.exitCode).toBeNull();
    const stored = cluster.psql('select name from landfall.api_tokens').split('\n').filter(Boolean);
    expect(stored).toEqual(expect.arrayContaining(acknowledged));
    for (const name of refused) expect(stored).not.toContain(name);
    expect(acknowledged.length).toBeGreaterThan(3);
  });
});
