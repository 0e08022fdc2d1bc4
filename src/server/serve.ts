// Starts the Landfall server: opens the database (PGlite in a data folder, or DATABASE_URL),
// applies migrations, makes sure there is an administrator, loads the examples as demo
// engagements on first start, serves the app, and shuts down cleanly on SIGINT / SIGTERM.
import { randomBytes } from 'node:crypto';
import { createEngagement } from '../app/engagements.ts';
import { appContext } from '../app/context.ts';
import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { serve, type ServerType } from '@hono/node-server';
import { lawBook } from '../content/load-content.ts';
import { PASSWORD_LENGTH } from '../store/account-rules.ts';
import { AuthStore, hashPassword } from '../store/auth-store.ts';
import { openDatabase, type Database } from '../store/database.ts';
import { migrate } from '../store/migrate.ts';
import { WorkspaceStore } from '../store/workspace-store.ts';
import { PdfPool, pdfPoolOptionsFromEnvironment } from '../render/pdf-browser-pool.ts';
import { createApp } from './app.ts';
import type { ReviewDeps } from './routes/reviews.ts';
import { serialiseLawBook } from '../content/law-book-snapshot.ts';
import { PortfolioReviewWorker } from '../jobs/portfolio-review.ts';
import { ReviewStore } from '../store/review-store.ts';
import { listExamples } from './examples.ts';

export interface ServeOptions {
  port: number;
  host: string;
  databaseUrl?: string | undefined;
  dataDir: string;
  adminEmail?: string | undefined;
  adminPassword?: string | undefined;
  today: () => string;
  log: (line: string) => void;
  /** Where the built workbench is (default dist/web). */
  webDir?: string | undefined;
  /** Proxies whose X-Forwarded-For is believed: addresses or CIDR blocks (LANDFALL_TRUSTED_PROXIES). */
  trustedProxies?: readonly string[] | undefined;
  /** The session cookie's Secure flag (LANDFALL_SECURE_COOKIES, or on when LANDFALL_PUBLIC_URL is https). */
  secureCookies?: boolean | undefined;
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
  if (password.length < PASSWORD_LENGTH.min) throw new Error(`LANDFALL_ADMIN_PASSWORD must be at least ${PASSWORD_LENGTH.min} characters`);
  await new WorkspaceStore(db, lawBook()).createUser(email, 'Administrator', await hashPassword(password), { isAdmin: true, oneTimePassword: generatedPassword != null });
  return { email, generatedPassword };
}

/** Loads every example profile as a demo engagement owned by the administrator. */
async function loadDemoEngagements(db: Database, email: string, today: string): Promise<number> {
  const store = new WorkspaceStore(db, lawBook());
  const { rows } = await db.query<{ id: string }>('select id from users where email = lower($1)', [email]);
  const owner = rows[0]!.id;
  const examples = listExamples();
  const app = appContext(store, { today: () => today });
  for (const example of examples) await createEngagement(app, { userId: owner, name: `Demo: ${example.organisation}`, input: example.value, sourceText: example.text });
  return examples.length;
}

/**
 * The portfolio review's worker, started with the server: it resumes any review a stopped process
 * left half done. The law book this server runs with is kept in the store, so later content
 * versions can still compare against it.
 */
async function startReviews(db: Database, log: (line: string) => void): Promise<ReviewDeps> {
  const book = lawBook();
  const store = new ReviewStore(db);
  await store.keepContent(book.contentVersion, book.contentVersion, () => serialiseLawBook(book, book.contentVersion));
  const worker = new PortfolioReviewWorker({ store, lawBook: book, log: (line) => log(line) });
  worker.start();
  return { store, worker, contentVersion: book.contentVersion };
}

export async function startServer(options: ServeOptions): Promise<RunningServer> {
  // One browser for the server's PDF exports, launched on the first one and closed on shutdown;
  // made first so that bad LANDFALL_PDF_* settings stop the start before anything opens.
  const pdfPool = new PdfPool(pdfPoolOptionsFromEnvironment());
  let dataDir: string | undefined;
  if (!options.databaseUrl) {
    dataDir = resolve(options.dataDir);
    mkdirSync(dataDir, { recursive: true });
  }
  const db = await openDatabase({ url: options.databaseUrl, dataDir, log: options.log });
  let admin: Awaited<ReturnType<typeof ensureAdmin>>;
  let reviews: ReviewDeps;
  try {
    const applied = await migrate(db);
    if (applied.length > 0) options.log(`database: applied ${applied.join(', ')}`);
    admin = await ensureAdmin(db, options);
    if (admin) {
      const demos = await loadDemoEngagements(db, admin.email, options.today());
      options.log(`first start: created the administrator ${admin.email} and ${demos} demo engagements from examples/`);
    }
    reviews = await startReviews(db, options.log);
  } catch (error) {
    // A start that fails lets go of the data folder, so fixing the cause and starting again works.
    await db.close().catch(() => undefined);
    throw error;
  }
  // PGlite's folder is locked to this process, so every logout, revocation and password change
  // passes through it and the principals of live sessions and tokens can be kept in memory.
  const app = createApp({ store: new WorkspaceStore(db, lawBook()), auth: new AuthStore(db, { keepPrincipals: db.kind === 'pglite' }), today: options.today, secureCookies: options.secureCookies ?? false, trustedProxies: options.trustedProxies, webDir: options.webDir, pdfPool, reviews });
  const server: ServerType = await new Promise((resolveServer) => {
    const started = serve({ fetch: app.fetch, port: options.port, hostname: options.host }, () => resolveServer(started));
  });
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : options.port;
  const url = `http://${options.host === '0.0.0.0' ? 'localhost' : options.host}:${port}`;
  options.log(`Landfall is running at ${url} (database: ${options.databaseUrl ? 'PostgreSQL from DATABASE_URL' : `PGlite in ${dataDir}`}); open it in a browser to use the workbench`);
  if (admin?.generatedPassword) options.log(`log in as ${admin.email} with the one-time password ${admin.generatedPassword} (shown once, and to be changed at first login; set LANDFALL_ADMIN_EMAIL and LANDFALL_ADMIN_PASSWORD to choose your own)`);
  else if (admin) options.log(`log in as ${admin.email} with the password from LANDFALL_ADMIN_PASSWORD`);
  else options.log('log in with your account; the API is described at /api/openapi.json');

  let closing: Promise<void> | undefined;
  const close = () => {
    closing ??= (async () => {
      await new Promise<void>((done) => server.close(() => done()));
      await reviews.worker.stop();
      await pdfPool.close();
      await db.close();
    })();
    return closing;
  };
  return { url, db, close };
}
