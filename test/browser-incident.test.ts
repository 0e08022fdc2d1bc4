// The incident clock in a real browser (Debian's Chromium through playwright-core, the real server
// with PGlite and its demo engagements): grade an incident from its facts with the live preview,
// record it, watch the countdown tick in Beijing time, see an overdue deadline after the facts
// change, download the prefilled initial report in Chinese, record the report as made and close
// the incident; markup in the description stays text on the page.
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import JSZip from 'jszip';
import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import type { RunningServer } from '../src/server/serve.ts';
import { CHROMIUM_AVAILABLE, ROOT, logIn, workbenchInBrowser } from './browser-harness.ts';

const ADMIN = { email: 'responder@example.com', password: 'incident browser passphrase' };

/** Beijing wall-clock time `hoursAgo` hours ago, as a datetime-local input takes it. */
const beijingHoursAgo = (hoursAgo: number) => new Date(Date.now() + 8 * 3_600_000 - hoursAgo * 3_600_000).toISOString().slice(0, 16);

describe.skipIf(!CHROMIUM_AVAILABLE)('the incident clock in Chromium', () => {
  const session = workbenchInBrowser({ admin: ADMIN, today: () => new Date().toISOString().slice(0, 10), name: 'browser-incident' });
  let server: RunningServer;
  let page: Page;
  beforeAll(() => {
    ({ server, page } = session);
  });

  it('grades and records an incident, counts down to its deadlines, and downloads the prefilled report', async () => {
    await logIn(page, server.url, ADMIN);
    await page.getByRole('link', { name: /Example Motors/ }).first().click();
    await page.getByRole('navigation', { name: 'Engagement' }).getByRole('link', { name: 'Incidents' }).click();
    await page.getByRole('button', { name: 'New incident' }).click();

    const form = page.getByRole('form', { name: 'Record an incident' });
    const markup = '<img src=x onerror="window.__incidentXss=1"><b>bold</b>';
    await form.getByLabel('Title').fill('Telematics records exposed');
    await form.getByLabel('Discovered (Beijing time)').fill(beijingHoursAgo(1));
    await form.getByLabel('Citizens whose personal information leaked (or may have)').fill('1200000');
    await form.getByLabel('Personal information', { exact: true }).check();
    await form.getByLabel('What happened').fill(markup);
    // The live preview grades the facts as they are typed.
    const preview = page.getByRole('region', { name: 'Live grade' });
    await expect.poll(() => preview.textContent()).toMatch(/Relatively major \(较大\).*Reportable/);
    await expect.poll(() => preview.textContent()).toMatch(/Initial report to .* by \d{4}-\d{2}-\d{2} \d{2}:\d{2} Beijing time · \d+ h \d\d min \d\d s left/);
    if (process.env.LANDFALL_SCREENSHOTS) await page.screenshot({ path: join(ROOT, process.env.LANDFALL_SCREENSHOTS, 'incident-form.png'), fullPage: false });
    await form.getByRole('button', { name: 'Record the incident' }).click();

    await page.getByRole('heading', { name: 'Incident 1: Telematics records exposed' }).waitFor();
    const deadlines = page.getByTestId('incident-deadlines');
    const initial = deadlines.locator('tr', { hasText: 'Initial report' });
    const timer = initial.getByRole('timer');
    const first = await timer.textContent();
    expect(first).toMatch(/^\d+ h \d\d min \d\d s left$/);
    await expect.poll(() => timer.textContent(), { timeout: 5_000 }).not.toBe(first);
    await expect.poll(() => page.getByTestId('beijing-now').textContent()).toMatch(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/);
    // Markup in the description is text on the page, never an element or a script.
    await expect.poll(() => page.getByTestId('incident-description').textContent()).toBe(markup);
    expect(await page.getByTestId('incident-description').locator('img, b').count()).toBe(0);
    expect(await page.evaluate<string>('typeof window.__incidentXss')).toBe('undefined');

    // Discovered five hours ago: the four-hour initial report is overdue, and says so.
    await page.getByRole('button', { name: 'Change the facts' }).click();
    const edit = page.getByRole('form', { name: 'Change the facts' });
    await edit.getByLabel('Discovered (Beijing time)').fill(beijingHoursAgo(5));
    await edit.getByRole('button', { name: 'Save the facts' }).click();
    await expect.poll(() => initial.getByRole('timer').textContent()).toMatch(/^Overdue by \d+ h \d\d min \d\d s$/);
    expect(await initial.getAttribute('data-overdue')).toBe('true');
    if (process.env.LANDFALL_SCREENSHOTS) await page.screenshot({ path: join(ROOT, process.env.LANDFALL_SCREENSHOTS, 'incident.png'), fullPage: false });

    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: '初次报告，中文 (DOCX)' }).click()]);
    expect(download.suggestedFilename()).toMatch(/^example-motors.*-incident-1-initial-report-zh-CN\.docx$/);
    const path = join(mkdtempSync(join(tmpdir(), 'landfall-incident-')), download.suggestedFilename());
    await download.saveAs(path);
    const xml = await (await JSZip.loadAsync(readFileSync(path))).file('word/document.xml')!.async('string');
    expect(xml).toContain('网络安全事件初次报告');
    expect(xml).toContain('较大网络安全事件');
    expect(xml).toContain('&lt;img src=x');

    await initial.getByRole('button', { name: 'Record as made' }).click();
    await initial.getByRole('button', { name: 'Record', exact: true }).click();
    await expect.poll(() => initial.textContent()).toMatch(/Made \d{4}-\d{2}-\d{2} \d{2}:\d{2} \(after the deadline\)/);
    await page.getByRole('button', { name: 'Close the incident' }).click();
    await page.getByRole('button', { name: 'Close it' }).click();
    await expect.poll(() => page.getByTestId('incident-events').textContent()).toMatch(/Recorded by .*Facts changed by .*discoveredAt.*Report made by .*Closed by/);
    expect(await page.getByRole('button', { name: 'Change the facts' }).count()).toBe(0);

    await page.getByRole('link', { name: 'Incidents', exact: true }).first().click();
    await expect.poll(() => page.getByTestId('incident-list').textContent()).toMatch(/1\. Telematics records exposed.*Closed.*Relatively major/);
    // The engagement's history tells the same story in sentences.
    await page.getByRole('navigation', { name: 'Engagement' }).getByRole('link', { name: 'History' }).click();
    await expect.poll(() => page.getByRole('list', { name: 'Changes, newest first' }).textContent()).toMatch(/Closed an incident.*Recorded the initial report of an incident as made.*Changed the facts of an incident \(discoveredAt\).*Recorded incident 1: 'Telematics records exposed'/);
  }, 240_000);
});
