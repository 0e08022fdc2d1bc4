// Starts the Landfall server: opens the database (PGlite in a data folder, or DATABASE_URL),
// applies migrations, makes sure there is an administrator, loads the examples as demo
// engagements on first start, serves the app, and shuts down cleanly on SIGINT / SIGTERM.
import { randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { serve, type ServerType } from '@hono/node-server';
import { lawBook } from '../content/load-content.ts';
import { parseProfileText } from '../content/parse-profile-text.ts';
import { AuthStore, hashPassword } from '../store/auth-store.ts';
import { openDatabase, type Database } from '../store/database.ts';
import { migrate } from '../store/migrate.ts';
import { WorkspaceStore } from '../store/workspace-store.ts';
import { createApp } from './app.ts';

const EXAMPLES_DIR = fileURLToPath(new URL('../../examples/', import.meta.url));

export interface ServeOptions {
  port: number;
  host: string;
  databaseUrl?: string | undefined;
  dataDir: string;
  adminEmail?: string | undefined;
  adminPassword?: string | undefined;
  today: () => string;
  log: (line: string) => void;
}

export interface RunningServer {
  url: string;
  db: Database;
  close: () => Promise<void>;
}

/** Creates the first administrator when there is no user; returns the one-time password when one was generated. */
async function ensureAdmin(db: Database, options: ServeOptions): Promise<{ email: string; generatedPassword: string | null } | null> {
  const auth = new AuthStore(db);
  if ((await auth.userCount()) > 0) return null;
  const email = options.adminEmail ?? 'admin@landfall.local';
  const generatedPassword = options.adminPassword ? null : randomBytes(18).toString('base64url');
  const password = options.adminPassword ?? generatedPassword!;
  if (password.length < 12) throw new Error('LANDFALL_ADMIN_PASSWORD must be at least 12 characters');
  await new WorkspaceStore(db, lawBook()).createUser(email, 'Administrator', await hashPassword(password));
  return { email, generatedPassword };
}

/** Loads every example profile as a demo engagement owned by the administrator. */
async function loadDemoEngagements(db: Database, email: string, today: string): Promise<number> {
  const store = new WorkspaceStore(db, lawBook());
  const { rows } = await db.query<{ id: string }>('select id from users where email = lower($1)', [email]);
  const owner = rows[0]!.id;
  let loaded = 0;
  for (const name of readdirSync(EXAMPLES_DIR).filter((file) => file.endsWith('.yaml')).sort()) {
    const text = readFileSync(join(EXAMPLES_DIR, name), 'utf8');
    const parsed = parseProfileText(text, name);
    if (!parsed.ok) throw new Error(`example ${name} does not parse`);
    const organisation = ((parsed.value as { organisation?: { name?: string } }).organisation?.name ?? name).trim();
    await store.createEngagement(owner, `Demo: ${organisation}`, parsed.value, text, today);
    loaded += 1;
  }
  return loaded;
}

export async function startServer(options: ServeOptions): Promise<RunningServer> {
  let dataDir: string | undefined;
  if (!options.databaseUrl) {
    dataDir = resolve(options.dataDir);
    mkdirSync(dataDir, { recursive: true });
  }
  const db = await openDatabase({ url: options.databaseUrl, dataDir });
  const applied = await migrate(db);
  if (applied.length > 0) options.log(`database: applied ${applied.join(', ')}`);
  const admin = await ensureAdmin(db, options);
  if (admin) {
    const demos = await loadDemoEngagements(db, admin.email, options.today());
    options.log(`first start: created the administrator ${admin.email} and ${demos} demo engagements from examples/`);
  }
  const app = createApp({ store: new WorkspaceStore(db, lawBook()), auth: new AuthStore(db), today: options.today, secureCookies: false });
  const server: ServerType = await new Promise((resolveServer) => {
    const started = serve({ fetch: app.fetch, port: options.port, hostname: options.host }, () => resolveServer(started));
  });
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : options.port;
  const url = `http://${options.host === '0.0.0.0' ? 'localhost' : options.host}:${port}`;
  options.log(`Landfall is running at ${url} (database: ${options.databaseUrl ? 'PostgreSQL from DATABASE_URL' : `PGlite in ${dataDir}`})`);
  if (admin?.generatedPassword) options.log(`log in as ${admin.email} with the one-time password ${admin.generatedPassword} (shown once; set LANDFALL_ADMIN_EMAIL and LANDFALL_ADMIN_PASSWORD to choose your own)`);
  else if (admin) options.log(`log in as ${admin.email} with the password from LANDFALL_ADMIN_PASSWORD`);
  else options.log('log in with your account (POST /api/session); the API is described at /api/openapi.json');

  let closing: Promise<void> | undefined;
  const close = () => {
    closing ??= (async () => {
      await new Promise<void>((done) => server.close(() => done()));
      await db.close();
    })();
    return closing;
  };
  return { url, db, close };
}
