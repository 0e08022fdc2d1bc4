// The workbench in a real browser: Debian's Chromium driven by playwright-core against the real
// server (PGlite, demo engagements) and the bundle Vite builds. One consultant's session end to
// end, then a client invited as a viewer whose account the administrator creates, then archiving.
// Screenshots go to LANDFALL_SCREENSHOTS when it is set (`npm run screenshots` refreshes
// docs/screenshots), otherwise to a temporary folder.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CHROMIUM_PATH } from '../src/render/render-annex-pdf.ts';
import { startServer, type RunningServer } from '../src/server/serve.ts';

const ROOT = join(import.meta.dirname, '..');
const ADMIN = { email: 'consultant@example.com', password: 'browser test passphrase' };
/** Budget for the JavaScript the first page loads (gzip). The intake and its YAML view load on demand. */
const INITIAL_JS_BUDGET_GZIP = 90 * 1024;
const available = existsSync(CHROMIUM_PATH);
if (!available && process.env.CI) throw new Error(`Chromium is not at ${CHROMIUM_PATH}; .ci/run installs Debian's chromium package`);

describe.skipIf(!available)('the workbench in Chromium', () => {
  let webDir: string;
  let dataDir: string;
  let server: RunningServer;
  let browser: Browser;
  let consultant: BrowserContext;
  let page: Page;
  let engagementUrl: string;
  let viewerPassword: string;
  const shots = process.env.LANDFALL_SCREENSHOTS ? join(ROOT, process.env.LANDFALL_SCREENSHOTS) : mkdtempSync(join(tmpdir(), 'landfall-shots-'));

  const shot = async (target: Page, name: string) => {
    mkdirSync(shots, { recursive: true });
    await target.screenshot({ path: join(shots, `${name}.png`), fullPage: false });
  };

  beforeAll(async () => {
    webDir = mkdtempSync(join(tmpdir(), 'landfall-web-'));
    const vite = join(dirname(createRequire(import.meta.url).resolve('vite/package.json')), 'bin', 'vite.js');
    execFileSync(process.execPath, [vite, 'build', '--config', join(ROOT, 'web', 'vite.config.ts'), '--outDir', webDir, '--emptyOutDir', '--logLevel', 'warn'], { cwd: ROOT, stdio: 'pipe' });
    dataDir = mkdtempSync(join(tmpdir(), 'landfall-browser-'));
    server = await startServer({ port: 0, host: '127.0.0.1', dataDir, adminEmail: ADMIN.email, adminPassword: ADMIN.password, today: () => '2026-11-22', log: () => {}, webDir });
    browser = await chromium.launch({
      executablePath: CHROMIUM_PATH,
      args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    });
    consultant = await browser.newContext({ viewport: { width: 1440, height: 900 }, acceptDownloads: true, locale: 'en-US' }); // English: the steps find elements by their English text
    page = await consultant.newPage();
    page.setDefaultTimeout(45_000);
    page.on('dialog', (dialog) => void dialog.accept()); // "leave with unsaved changes?" and confirmations
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await server?.close();
    rmSync(dataDir, { recursive: true, force: true });
    rmSync(webDir, { recursive: true, force: true });
    if (!process.env.LANDFALL_SCREENSHOTS) rmSync(shots, { recursive: true, force: true });
  });

  async function login(target: Page, email: string, password: string) {
    await target.goto(server.url);
    await target.getByLabel('Email').fill(email);
    await target.getByLabel('Password').fill(password);
    await target.getByRole('button', { name: 'Log in' }).click();
    await target.getByRole('heading', { name: 'Engagements', level: 1 }).waitFor();
  }

  /** A first login with a one-time password: the workbench asks for a new password before anything else. */
  async function firstLogin(target: Page, email: string, oneTimePassword: string, chosen: string) {
    await target.goto(server.url);
    await target.getByLabel('Email').fill(email);
    await target.getByLabel('Password').fill(oneTimePassword);
    await target.getByRole('button', { name: 'Log in' }).click();
    await target.getByRole('heading', { name: 'Choose your password' }).waitFor();
    await target.getByLabel('One-time password').fill(oneTimePassword);
    await target.getByLabel('New password', { exact: true }).fill(chosen);
    await target.getByLabel('Repeat the new password').fill(chosen);
    await target.getByRole('button', { name: 'Set my password' }).click();
    await target.getByRole('heading', { name: 'Engagements', level: 1 }).waitFor();
  }

  it('ships a lean bundle: the first page loads little JavaScript, the intake and its YAML parser on demand', () => {
    const manifest = JSON.parse(readFileSync(join(webDir, '.vite', 'manifest.json'), 'utf8')) as Record<string, { file: string; isEntry?: boolean; imports?: string[] }>;
    const entry = Object.values(manifest).find((chunk) => chunk.isEntry)!;
    const initial = new Set<string>();
    const visit = (key: string) => {
      const chunk = manifest[key]!;
      if (initial.has(chunk.file)) return;
      initial.add(chunk.file);
      for (const imported of chunk.imports ?? []) visit(imported);
    };
    visit(Object.keys(manifest).find((key) => manifest[key] === entry)!);
    const gzip = [...initial].reduce((sum, file) => sum + gzipSync(readFileSync(join(webDir, file))).length, 0);
    expect(gzip).toBeLessThan(INITIAL_JS_BUDGET_GZIP);
    const all = readdirSync(join(webDir, 'assets')).filter((file) => file.endsWith('.js'));
    expect(all.length).toBeGreaterThan(initial.size); // something is split off and loaded on demand
    expect(all.every((file) => statSync(join(webDir, 'assets', file)).size > 0)).toBe(true);
  });

  it('logs a consultant in and lists the demo engagements', async () => {
    await page.goto(server.url);
    await page.getByLabel('Email').waitFor();
    await shot(page, 'login');
    await page.getByLabel('Email').fill(ADMIN.email);
    await page.getByLabel('Password').fill('not the password');
    await page.getByRole('button', { name: 'Log in' }).click();
    await expect.poll(() => page.getByRole('alert').textContent()).toContain('Wrong email or password');
    await login(page, ADMIN.email, ADMIN.password);
    await expect.poll(() => page.locator('.engagement-card').count()).toBe(6);
    await shot(page, 'engagements');
  });

  it('creates an engagement from the automotive example and shows its determinations', async () => {
    await page.getByRole('button', { name: 'New engagement' }).click();
    await page.getByLabel('An example profile').check();
    const option = page.locator('select[name=example] option', { hasText: 'Automotive' }).first();
    await page.locator('select[name=example]').selectOption({ value: (await option.getAttribute('value'))! });
    await page.locator('input[name=name]').fill('Valmont China entry');
    await page.getByRole('button', { name: 'Create engagement' }).click();
    await page.getByRole('heading', { name: 'Valmont China entry', level: 1 }).waitFor();
    engagementUrl = page.url();
    expect(engagementUrl).toMatch(/\/e\/[0-9a-f-]{36}$/);
    const route = page.getByTestId('card-cbdt');
    await expect.poll(() => route.textContent()).toContain('Standard contract or certification');
    await shot(page, 'overview');
    await route.getByText(/Decision path/).click();
    await expect.poll(() => route.locator('.decision-path li').count()).toBeGreaterThan(3);
    expect(await route.locator('.citation-list, .decision-path').first().textContent()).toContain('CBDT Provisions 2024');
    await route.getByText(/Decision path/).click();
  });

  it('compares the law on two dates', async () => {
    await page.getByLabel('Compare with another date').check();
    const summary = page.getByTestId('compare-summary');
    await expect.poll(() => summary.textContent()).toContain('between 2023-06-15 and 2026-11-22');
    expect(await summary.textContent()).toMatch(/Cross-border transfer route: .* → Standard contract or certification/);
    await shot(page, 'compare');
    await page.getByLabel('Compare with another date').uncheck();
  });

  it('changes a transfer volume in the intake and watches the route change live, then saves', async () => {
    await page.goto(`${engagementUrl}/intake`);
    const route = page.getByTestId('preview-route');
    const volume = page.locator('[name="transfers[0].nonSensitiveIndividuals"]');
    await volume.waitFor();
    expect(await volume.inputValue()).toBe('120000');
    await expect.poll(() => route.getAttribute('data-value')).toBe('standard_contract_or_certification');
    await volume.fill('1200000');
    await expect.poll(() => route.getAttribute('data-value')).toBe('security_assessment');
    await shot(page, 'intake');
    await volume.fill('-3');
    await expect.poll(() => page.locator('.field-error').count()).toBeGreaterThan(0);
    expect(await volume.getAttribute('aria-invalid')).toBe('true');
    await volume.fill('1200000');
    await expect.poll(() => volume.getAttribute('aria-invalid')).not.toBe('true');
    await page.getByTestId('intake-save').click();
    await expect.poll(() => page.locator('.engagement-head').textContent()).toContain('Profile version 2');
    await page.goto(engagementUrl);
    await expect.poll(() => page.getByTestId('card-cbdt').textContent()).toContain('CAC security assessment');
  });

  it('edits a register item, and the edit survives a re-assessment', async () => {
    await page.goto(`${engagementUrl}/annex`);
    const item = page.locator('[data-testid=annex-item][data-key="org.cbdt.route"]');
    await item.getByTestId('item-edit').click();
    await item.locator('textarea[name=statement]').fill('Security assessment filed with the CAC on 2026-11-20; reference to follow.');
    await item.getByTestId('item-save').click();
    await expect.poll(() => item.textContent()).toContain('filed with the CAC on 2026-11-20');
    await item.getByTestId('item-status').selectOption('confirmed');
    await expect.poll(() => item.getByTestId('item-status').inputValue()).toBe('confirmed');
    await shot(page, 'annex');

    // Re-assess: a new profile version from the intake.
    await page.goto(`${engagementUrl}/intake`);
    const volume = page.locator('[name="transfers[0].nonSensitiveIndividuals"]');
    await volume.fill('1300000');
    await page.getByTestId('intake-save').click();
    await expect.poll(() => page.locator('.engagement-head').textContent()).toContain('Profile version 3');

    await page.goto(`${engagementUrl}/annex`);
    await expect.poll(() => item.textContent()).toContain('filed with the CAC on 2026-11-20');
    expect(await item.getByTestId('item-status').inputValue()).toBe('confirmed');
    await item.getByRole('button', { name: /History/ }).click();
    await expect.poll(() => item.textContent()).toMatch(/consultant@example\.com|Administrator/);
  });

  it('refuses a stale edit, says so, and offers to reload without losing the text', async () => {
    const other = await consultant.newPage();
    other.setDefaultTimeout(45_000);
    other.on('dialog', (dialog) => void dialog.accept());
    await page.goto(`${engagementUrl}/annex`);
    await other.goto(`${engagementUrl}/annex`);
    const mine = page.locator('[data-testid=annex-item][data-key="org.cbdt.route"]');
    const theirs = other.locator('[data-testid=annex-item][data-key="org.cbdt.route"]');
    await mine.getByTestId('item-edit').click();
    await theirs.getByTestId('item-edit').click();
    await theirs.locator('textarea[name=statement]').fill('Changed in another tab first.');
    await theirs.getByTestId('item-save').click();
    await expect.poll(() => theirs.textContent()).toContain('Changed in another tab first.');
    await mine.locator('textarea[name=statement]').fill('Security assessment filed with the CAC on 2026-11-20; reference CAC-2026-118.');
    await mine.getByTestId('item-save').click();
    await expect.poll(() => mine.textContent()).toContain('Someone changed this item since you opened it');
    expect(await mine.locator('textarea[name=statement]').inputValue()).toContain('filed with the CAC on 2026-11-20');
    await shot(page, 'stale-edit');
    await mine.getByRole('button', { name: 'Reload the item' }).click();
    await expect.poll(() => mine.textContent()).toContain('Changed in another tab first.');
    await mine.locator('textarea[name=statement]').fill('Security assessment filed with the CAC on 2026-11-20; reference CAC-2026-118.');
    await mine.getByTestId('item-save').click();
    await expect.poll(() => mine.textContent()).not.toContain('Someone changed this item');
    await expect.poll(() => mine.textContent()).toContain('filed with the CAC on 2026-11-20');

    // The same for the profile: another tab saved a newer version first.
    await page.goto(`${engagementUrl}/intake`);
    await other.goto(`${engagementUrl}/intake`);
    await other.locator('[name="transfers[0].nonSensitiveIndividuals"]').fill('1400000');
    await other.getByTestId('intake-save').click();
    await expect.poll(() => other.locator('.engagement-head').textContent()).toContain('Profile version 4');
    await page.locator('[name="transfers[0].nonSensitiveIndividuals"]').fill('1350000');
    await page.getByTestId('intake-save').click();
    await page.getByRole('button', { name: 'Reload the latest version' }).waitFor();
    await page.getByRole('button', { name: 'Reload the latest version' }).click();
    await expect.poll(() => page.locator('.engagement-head').textContent()).toContain('Profile version 4');
    await expect.poll(() => page.locator('[name="transfers[0].nonSensitiveIndividuals"]').inputValue()).toBe('1400000');
    await other.close();
  }, 120_000);

  it('exports the annex as DOCX with the edit in it', async () => {
    await page.goto(`${engagementUrl}/annex`);
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-docx').click()]);
    const path = join(mkdtempSync(join(tmpdir(), 'landfall-docx-')), 'annex.docx');
    await download.saveAs(path);
    const bytes = readFileSync(path);
    expect(bytes.subarray(0, 2).toString()).toBe('PK');
    const { default: JSZip } = await import('jszip');
    const xml = await (await JSZip.loadAsync(bytes)).file('word/document.xml')!.async('string');
    expect(xml).toContain('filed with the CAC on 2026-11-20');
  });

  it('shows the gap register, the timeline and the diagrams', async () => {
    await page.goto(`${engagementUrl}/gaps`);
    await page.getByRole('heading', { name: /: level \d \(graded\)/ }).waitFor();
    await expect.poll(() => page.locator('table.gap-table tbody tr').count()).toBeGreaterThan(10);
    expect(await page.locator('.gaps-summary').textContent()).toContain('Extensions: Cloud');
    await shot(page, 'gaps');
    await page.goto(`${engagementUrl}/timeline`);
    await page.locator('svg.gantt').waitFor();
    expect(await page.locator('svg.gantt .fast').count()).toBeGreaterThan(3);
    await shot(page, 'timeline');
    await page.goto(`${engagementUrl}/annex`);
    const diagram = page.locator('img[src*="/annex/diagrams/topology"]');
    await diagram.scrollIntoViewIfNeeded();
    await expect.poll(() => diagram.evaluate((image) => (image as unknown as { naturalWidth: number }).naturalWidth)).toBeGreaterThan(100);
  });

  it('invites the client as a viewer, and the administrator creates their account', async () => {
    await page.goto(`${engagementUrl}/members`);
    await page.locator('input[name=email]').fill('client@example.com');
    await page.locator('select[name=role]').selectOption('viewer');
    await page.getByRole('button', { name: 'Invite', exact: true }).click();
    const invitation = page.locator('[data-testid=invitation-row][data-email="client@example.com"]');
    await expect.poll(() => invitation.textContent()).toContain('Pending until they log in');
    // The consultant started the server, so they are the administrator and see that no account exists yet.
    expect(await invitation.textContent()).toContain('no account yet');
    await invitation.getByRole('button', { name: /Create account/ }).click();
    const form = page.getByTestId('create-account');
    expect(await form.locator('input[name=account-email]').inputValue()).toBe('client@example.com');
    await form.locator('input[name=account-name]').fill('Chen Wei');
    await form.getByRole('button', { name: 'Create account' }).click();
    const secret = page.getByTestId('one-time-password');
    await secret.waitFor();
    viewerPassword = (await secret.textContent())!.trim();
    expect(viewerPassword).toMatch(/^[A-Za-z0-9_-]{20}$/);
    await shot(page, 'members');
    await page.getByRole('button', { name: /handed it over/ }).click();
    await expect.poll(() => page.getByTestId('one-time-password').count()).toBe(0);
    await expect.poll(() => invitation.textContent()).toContain('has an account');
  });

  it('lets a viewer, after choosing a password at first login, read everything and change nothing', async () => {
    const client = await browser.newContext({ viewport: { width: 390, height: 844 }, locale: 'en-US' });
    const phone = await client.newPage();
    phone.setDefaultTimeout(45_000);
    await firstLogin(phone, 'client@example.com', viewerPassword, 'the client chose this one');
    await phone.goto(`${engagementUrl}/annex`);
    const item = phone.locator('[data-testid=annex-item][data-key="org.cbdt.route"]');
    await expect.poll(() => item.textContent()).toContain('filed with the CAC on 2026-11-20');
    expect(await phone.getByTestId('item-edit').count()).toBe(0);
    expect(await phone.getByTestId('item-status').count()).toBe(0);
    await shot(phone, 'viewer-annex-mobile');
    await phone.goto(`${engagementUrl}/intake`);
    const volume = phone.locator('[name="transfers[0].nonSensitiveIndividuals"]');
    await volume.waitFor();
    expect(await volume.isDisabled()).toBe(true);
    expect(await phone.getByTestId('intake-save').count()).toBe(0);
    await client.close();
  });

  it('shows the accepted invitation as a member, explains the last-owner rule, and removes a member after a confirmation', async () => {
    await page.goto(`${engagementUrl}/members`);
    const client = page.locator('[data-testid=member-row][data-email="client@example.com"]');
    await client.waitFor();
    expect(await page.locator('[data-testid=invitation-row]').count()).toBe(0);
    expect(await client.textContent()).toContain('Chen Wei');
    const me = page.locator('[data-testid=member-row][data-email="consultant@example.com"]');
    expect(await me.locator('select').isDisabled()).toBe(true);
    expect(await me.getByRole('button', { name: /Remove/ }).isDisabled()).toBe(true);
    expect(await me.textContent()).toContain('The only owner');
    const questions: string[] = [];
    const record = (dialog: { message: () => string }) => void questions.push(dialog.message());
    page.on('dialog', record);
    await client.getByRole('button', { name: /Remove/ }).click();
    await expect.poll(() => client.count()).toBe(0);
    page.off('dialog', record);
    expect(questions).toEqual([expect.stringContaining('Remove Chen Wei from this engagement?')]);
    await expect.poll(() => page.locator('.notice-good').textContent()).toContain('Removed Chen Wei');
  });

  it('archives an engagement, leaves it out of the list, keeps it read-only, and restores it', async () => {
    await page.goto(engagementUrl);
    await page.getByTestId('archive').click();
    await page.getByTestId('archived-banner').waitFor();
    await page.goto(`${engagementUrl}/intake`);
    const volume = page.locator('[name="transfers[0].nonSensitiveIndividuals"]');
    await volume.waitFor();
    expect(await volume.isDisabled()).toBe(true);
    expect(await page.getByTestId('intake-save').count()).toBe(0);
    await page.goto(server.url);
    await expect.poll(() => page.locator('.engagement-card').count()).toBe(6);
    expect(await page.locator('.engagement-card', { hasText: 'Valmont China entry' }).count()).toBe(0);
    await page.getByRole('button', { name: 'Show archived' }).click();
    const card = page.locator('.engagement-card', { hasText: 'Valmont China entry' });
    await expect.poll(() => card.textContent()).toContain('Archived');
    await card.getByRole('button', { name: /Restore/ }).click();
    await expect.poll(() => card.count()).toBe(0);
    await page.getByRole('button', { name: 'Show active engagements' }).click();
    await expect.poll(() => page.locator('.engagement-card', { hasText: 'Valmont China entry' }).count()).toBe(1);
  });

  it('works from the keyboard: tabbing reaches the tabs with a visible focus ring', async () => {
    await page.goto(engagementUrl);
    await page.getByTestId('card-cbdt').waitFor();
    let reached = false;
    for (let press = 0; press < 30 && !reached; press += 1) {
      await page.keyboard.press('Tab');
      reached = await page.evaluate<boolean>("document.activeElement?.textContent === 'Annex' && document.activeElement.closest('.tabs') !== null");
    }
    expect(reached).toBe(true);
    const outline = await page.evaluate<string>('getComputedStyle(document.activeElement).outlineStyle');
    expect(outline).not.toBe('none');
    await page.keyboard.press('Enter');
    await page.waitForURL(/\/annex$/);
  });

  it('manages the account: creates an API token shown once, revokes it, and changes the password, ending other sessions', async () => {
    const elsewhere = await browser.newContext({ locale: 'en-US' });
    const other = await elsewhere.newPage();
    other.setDefaultTimeout(45_000);
    await login(other, ADMIN.email, ADMIN.password);
    expect((await elsewhere.request.get(`${server.url}/api/session`)).status()).toBe(200);

    await page.goto(server.url);
    await page.getByRole('link', { name: 'Account' }).click();
    await page.getByRole('heading', { name: 'Account', level: 1 }).waitFor();
    await page.getByLabel('Token name').fill('CI deploy');
    await page.getByLabel('Expires after').selectOption({ label: '30 days' });
    await page.getByRole('button', { name: 'Create token' }).click();
    const shown = page.getByTestId('new-token');
    await shown.waitFor();
    const token = (await shown.textContent())!.trim();
    expect(token).toMatch(/^lf_[A-Za-z0-9_-]{43}$/);
    const bearer = () => fetch(`${server.url}/api/engagements`, { headers: { authorization: `Bearer ${token}` } }).then((response) => response.status);
    expect(await bearer()).toBe(200);
    const row = page.locator('[data-testid=token-row][data-name="CI deploy"]');
    await expect.poll(() => row.textContent()).toContain('Active');
    await shot(page, 'account');
    await page.getByRole('button', { name: /stored it/ }).click();
    await expect.poll(() => page.getByTestId('new-token').count()).toBe(0);
    expect(await page.locator('main').textContent()).not.toContain(token);

    await page.getByRole('button', { name: 'Revoke CI deploy' }).click(); // the confirmation is accepted
    await expect.poll(() => row.textContent()).toContain('Revoked');
    expect(await bearer()).toBe(401);

    await page.getByLabel('Current password').fill('not my password');
    await page.getByLabel('New password', { exact: true }).fill('a new browser passphrase');
    await page.getByLabel('Repeat the new password').fill('a new browser passphrase');
    await page.getByRole('button', { name: 'Change password' }).click();
    await expect.poll(() => page.locator('.field-error').textContent()).toContain('not your current password');
    await page.getByLabel('Current password').fill(ADMIN.password);
    await page.getByRole('button', { name: 'Change password' }).click();
    await expect.poll(() => page.getByRole('status').filter({ hasText: 'password is changed' }).textContent()).toContain('logged out everywhere else (1 session)');
    expect((await elsewhere.request.get(`${server.url}/api/session`)).status()).toBe(401);
    await page.goto(server.url);
    await page.getByRole('heading', { name: 'Engagements', level: 1 }).waitFor();
    await elsewhere.close();
  });
});
