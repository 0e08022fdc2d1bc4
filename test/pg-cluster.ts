// A private PostgreSQL cluster for tests that stop, restart or fill the database server: made with
// initdb in a temporary folder on a free port, run as the `postgres` OS user (initdb refuses root),
// and removed afterwards. Other tests keep using the shared server of TEST_DATABASE_URL.
import { execFile, execFileSync } from 'node:child_process';
import { promisify } from 'node:util';
import { chownSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir, userInfo } from 'node:os';
import { join } from 'node:path';

const BIN = '/usr/lib/postgresql/15/bin';

/** Why no private cluster can run here, or null when it can. Under CI a missing binary fails the run instead. */
export function clusterUnavailable(): string | null {
  const missing = ['initdb', 'pg_ctl', 'postgres'].filter((name) => !existsSync(join(BIN, name)));
  const reason = missing.length > 0 ? `PostgreSQL binaries missing in ${BIN}: ${missing.join(', ')}` : null;
  if (reason && process.env.CI === 'true') throw new Error(`${reason} (required under CI)`);
  if (reason) console.warn(`skipped: ${reason}`);
  return reason;
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });
}

export interface Cluster {
  url: string;
  /** The folder the cluster lives in, owned by the postgres user. */
  root: string;
  psql(sql: string): string;
  stop(): Promise<void>;
  start(): Promise<void>;
  restart(): Promise<void>;
  remove(): Promise<void>;
}

/** Runs a PostgreSQL program as the postgres user, without blocking the test's own requests. */
const asPostgres = async (command: string, args: string[]): Promise<void> => {
  const [file, prefix] = userInfo().uid === 0 ? ['runuser', ['-u', 'postgres', '--', join(BIN, command)]] : [join(BIN, command), []];
  await promisify(execFile)(file as string, [...(prefix as string[]), ...args], { encoding: 'utf8', timeout: 120_000 });
};

export async function createCluster(): Promise<Cluster> {
  const root = mkdtempSync(join(tmpdir(), 'landfall-pg-'));
  if (userInfo().uid === 0) chownSync(root, Number(execFileSync('id', ['-u', 'postgres'], { encoding: 'utf8' }).trim()), Number(execFileSync('id', ['-g', 'postgres'], { encoding: 'utf8' }).trim()));
  const data = join(root, 'data');
  const port = await freePort();
  await asPostgres('initdb', ['-D', data, '-A', 'trust', '-U', 'postgres', '-E', 'UTF8', '--no-sync']);
  const options = `-p ${port} -k ${root} -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=40`;
  const cluster: Cluster = {
    url: `postgres://postgres@127.0.0.1:${port}/postgres`,
    root,
    psql: (sql) => execFileSync(join(BIN, 'psql'), ['-h', '127.0.0.1', '-p', String(port), '-U', 'postgres', '-d', 'postgres', '-v', 'ON_ERROR_STOP=1', '-Atc', sql], { encoding: 'utf8', timeout: 60_000 }),
    // The log file keeps the postmaster off pg_ctl's output, which would otherwise stay open.
    start: () => asPostgres('pg_ctl', ['-D', data, '-o', options, '-l', join(root, 'log'), '-w', '-t', '60', 'start']),
    stop: () => asPostgres('pg_ctl', ['-D', data, '-m', 'fast', '-w', '-t', '60', 'stop']),
    restart: () => asPostgres('pg_ctl', ['-D', data, '-o', options, '-l', join(root, 'log'), '-m', 'fast', '-w', '-t', '60', 'restart']),
    remove: async () => {
      try {
        await asPostgres('pg_ctl', ['-D', data, '-m', 'immediate', '-w', 'stop']);
      } catch {
        // Already stopped.
      }
      rmSync(root, { recursive: true, force: true });
    },
  };
  await cluster.start();
  return cluster;
}
