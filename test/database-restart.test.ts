// Issue 10, item 2: a PostgreSQL server that stops or restarts under load must not take the
// Landfall process down; requests meanwhile get 503 with Retry-After, and the server recovers on
// its own once PostgreSQL is back.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { clusterUnavailable, createCluster, type Cluster } from './pg-cluster.ts';
import { login, startServeProcess, type ServeProcess } from './serve-process.ts';

const unavailable = clusterUnavailable();

describe.skipIf(unavailable)(`a PostgreSQL restart under load${unavailable ? ` (skipped: ${unavailable})` : ''}`, () => {
  let cluster: Cluster;
  let server: ServeProcess;
  beforeAll(async () => {
    cluster = await createCluster();
    server = await startServeProcess({ DATABASE_URL: cluster.url });
  }, 180_000);
  afterAll(async () => {
    await server?.stop();
    await cluster?.remove();
  });

  it('answers 2xx or 503 throughout, never crashes, and recovers without a restart of Landfall', async () => {
    const { cookie, csrf } = await login(server.url);
    const statuses: number[] = [];
    const bad: string[] = [];
    let stopLoad = false;
    const call = async (path: string, init: RequestInit = {}) => {
      let response: Response;
      try {
        response = await fetch(`${server.url}${path}`, { ...init, headers: { cookie, 'x-csrf-token': csrf, 'content-type': 'application/json', ...init.headers } });
      } catch (error) {
        bad.push(`${init.method ?? 'GET'} ${path}: no answer (${(error as Error).message}; server exit code ${server.child.exitCode})`);
        stopLoad = true;
        return 0;
      }
      const text = await response.text();
      statuses.push(response.status);
      if (!(response.status >= 200 && response.status < 300) && response.status !== 503) bad.push(`${init.method ?? 'GET'} ${path}: ${response.status} ${text}`);
      if (response.status === 503) {
        expect(JSON.parse(text).error.code).toBe('database_unavailable');
        expect(Number(response.headers.get('retry-after'))).toBeGreaterThan(0);
      }
      return response.status;
    };
    // A bounded load of reads and writes from four clients while the database goes away.
    const worker = async (n: number) => {
      for (let i = 0; i < 2_000 && !stopLoad; i++) {
        if (i % 3 === 0) await call('/api/tokens', { method: 'POST', body: JSON.stringify({ name: `load ${n}.${i}` }) });
        else await call(i % 3 === 1 ? '/api/engagements' : '/api/health');
      }
    };
    const load = Promise.all([0, 1, 2, 3].map(worker));
    const settle = () => new Promise((resolve) => setTimeout(resolve, 1_000));

    await settle();
    await cluster.restart();
    await settle();
    await cluster.stop();
    const during = await fetch(`${server.url}/api/health`);
    expect(during.status).toBe(503);
    expect(during.headers.get('retry-after')).toMatch(/^\d+$/);
    expect(((await during.json()) as { error: { code: string } }).error.code).toBe('database_unavailable');
    const writeDuring = await call('/api/tokens', { method: 'POST', body: JSON.stringify({ name: 'during the outage' }) });
    expect(writeDuring).toBe(503);
    await settle();
    await cluster.start();

    let recovered = false;
    for (let attempt = 0; attempt < 60 && !recovered; attempt++) {
      recovered = (await fetch(`${server.url}/api/health`)).status === 200;
      if (!recovered) await new Promise((resolve) => setTimeout(resolve, 500));
    }
    expect(recovered).toBe(true);
    await settle();
    stopLoad = true;
    await load;

    expect(server.child.exitCode).toBeNull();
    expect(bad).toEqual([]);
    expect(statuses.filter((status) => status === 503).length).toBeGreaterThan(0);
    expect(await call('/api/engagements')).toBe(200);
    expect(await call('/api/tokens', { method: 'POST', body: JSON.stringify({ name: 'after the restart' }) })).toBe(201);
    expect(server.output()).not.toMatch(/unhandled error|Uncaught|ERR_UNHANDLED/);
  }, 240_000);
});

