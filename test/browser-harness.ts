// What the browser suites share: the real server (PGlite, its demo engagements, the built
// workbench) and Debian's Chromium through playwright-core, started once per suite, and logging in.
// The workbench is the one build in dist/web that the global setup makes when it is stale, so the
// suites do not each run Vite.
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, beforeAll } from 'vitest';
import { CHROMIUM_PATH } from '../src/render/render-annex-pdf.ts';
import { startServer, type RunningServer } from '../src/server/serve.ts';

export const ROOT = join(import.meta.dirname, '..');
export const WEB_DIR = join(ROOT, 'dist', 'web');
export const CHROMIUM_AVAILABLE = existsSync(CHROMIUM_PATH);
if (!CHROMIUM_AVAILABLE && process.env.CI) throw new Error(`Chromium is not at ${CHROMIUM_PATH}; .ci/run installs Debian's chromium package`);

export const CHROMIUM_FLAGS = ['--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

export interface Admin {
  email: string;
  password: string;
}

export interface WorkbenchSession {
  readonly server: RunningServer;
  readonly browser: Browser;
  readonly context: BrowserContext;
  readonly page: Page;
}

/**
 * Starts the server and the browser before the suite's tests and stops both after them. The
 * returned object's fields are set once `beforeAll` has run.
 */
export function workbenchInBrowser(options: { admin: Admin; today: () => string; name: string; viewport?: { width: number; height: number }; locale?: string }): WorkbenchSession {
  const session = {} as { server: RunningServer; browser: Browser; context: BrowserContext; page: Page };
  let dataDir: string | undefined;
  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), `landfall-${options.name}-`));
    session.server = await startServer({ port: 0, host: '127.0.0.1', dataDir, adminEmail: options.admin.email, adminPassword: options.admin.password, today: options.today, log: () => {}, webDir: WEB_DIR });
    session.browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_FLAGS });
    // English whatever the machine's language: the suites find elements by their English text.
    session.context = await session.browser.newContext({ viewport: options.viewport ?? { width: 1280, height: 900 }, acceptDownloads: true, locale: options.locale ?? 'en-US' });
    session.page = await session.context.newPage();
    session.page.setDefaultTimeout(45_000);
  }, 180_000);
  afterAll(async () => {
    await session.browser?.close();
    await session.server?.close();
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  });
  return session;
}

/** Logs in through the login page and waits for the engagements list. */
export async function logIn(page: Page, url: string, admin: Admin): Promise<void> {
  await page.goto(url);
  await page.getByLabel('Email').fill(admin.email);
  await page.getByLabel('Password').fill(admin.password);
  await page.getByRole('button', { name: 'Log in' }).click();
  await page.getByRole('heading', { name: 'Engagements', level: 1 }).waitFor();
}
