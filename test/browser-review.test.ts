// The retainer's portfolio review in a real browser (Debian's Chromium through playwright-core,
// the real server with PGlite and its demo engagements): run a review from 2023-06-15 to
// 2026-12-01 over every engagement, follow it to done, open one engagement's changes, accept them
// into its annex and download its client memo. Then one engagement's obligations calendar: the
// list, the .ics download (parsed), a subscription address that serves the feed, and the duties on
// the timeline. And its filing packs: one downloaded in Chinese as Word, opened.
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ICAL from 'ical.js';
import JSZip from 'jszip';
import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import type { RunningServer } from '../src/server/serve.ts';
import { CHROMIUM_AVAILABLE, logIn, workbenchInBrowser } from './browser-harness.ts';

const ADMIN = { email: 'consultant@example.com', password: 'review browser passphrase' };

describe.skipIf(!CHROMIUM_AVAILABLE)('the portfolio review in Chromium', () => {
  const session = workbenchInBrowser({ admin: ADMIN, today: () => '2026-12-01', name: 'browser-review' });
  let server: RunningServer;
  let page: Page;
  beforeAll(() => {
    ({ server, page } = session);
  });

  it('runs a portfolio review, accepts one engagement and downloads its memo', async () => {
    await logIn(page, server.url, ADMIN);

    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Review' }).click();
    await page.getByRole('heading', { name: 'Regulatory-change review', level: 1 }).waitFor();
    await page.getByLabel('Two dates').check();
    await page.getByLabel('From', { exact: true }).fill('2023-06-15');
    await page.getByLabel('To', { exact: true }).fill('2026-12-01');
    await page.getByRole('button', { name: 'Run the review' }).click();

    // The run page follows the job to the end: six demo engagements, each reviewed.
    await expect.poll(() => page.getByRole('progressbar', { name: 'Review progress' }).getAttribute('aria-valuenow'), { timeout: 90_000 }).toBe('100');
    const table = page.getByTestId('review-portfolio');
    await expect.poll(() => table.locator('tbody th[scope=row]').count()).toBe(6);
    await expect.poll(() => table.getByText('Reviewed', { exact: true }).count()).toBe(6);

    const motors = table.locator('tr', { hasText: 'Example Motors' }).first();
    await motors.getByRole('button', { name: 'Open' }).click();
    const changes = page.getByRole('region', { name: /Changes for .*Example Motors/ });
    await expect.poll(() => changes.textContent()).toMatch(/Transfer route/);

    const [memo] = await Promise.all([page.waitForEvent('download'), changes.getByRole('link', { name: 'Client memo (DOCX)' }).click()]);
    expect(memo.suggestedFilename()).toMatch(/^demo-example-motors.*-regulatory-change-review-2026-12-01\.docx$/);
    const path = join(mkdtempSync(join(tmpdir(), 'landfall-memo-')), memo.suggestedFilename());
    await memo.saveAs(path);
    const xml = await (await JSZip.loadAsync(readFileSync(path))).file('word/document.xml')!.async('string');
    expect(xml).toContain('What changes for the client');

    await changes.getByRole('button', { name: 'Accept into the annex' }).click();
    await expect.poll(() => changes.getByRole('status').textContent()).toMatch(/re-assessed and \d+ annex items are marked for re-review/);
    await expect.poll(() => table.locator('tr', { hasText: 'Example Motors' }).first().textContent()).toContain('Accepted 20');
  }, 240_000);

  it('lists the obligations calendar, downloads it as .ics, makes a subscription address and marks the duties on the timeline', async () => {
    await page.goto(server.url);
    await page.getByRole('heading', { name: 'Engagements', level: 1 }).waitFor();
    await page.locator('.engagement-card', { hasText: 'Example Motors' }).first().getByRole('link').first().click();
    const tabs = page.getByRole('navigation', { name: 'Engagement' });
    await tabs.getByRole('link', { name: 'Calendar' }).click();
    const list = page.getByTestId('calendar-list');
    await expect.poll(() => list.getByTestId('calendar-entry').count()).toBeGreaterThan(3);
    const telematics = list.locator('[data-id="mlps-assessment.telematics"]');
    expect(await telematics.textContent()).toMatch(/MLPS assessment \(level 3\).*telematics.*from the plan/s);

    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('calendar-ics').click()]);
    expect(download.suggestedFilename()).toBe('example-motors-obligations-calendar-2026-12-01.ics');
    const path = join(mkdtempSync(join(tmpdir(), 'landfall-calendar-')), download.suggestedFilename());
    await download.saveAs(path);
    const events = new ICAL.Component(ICAL.parse(readFileSync(path, 'utf8'))).getAllSubcomponents('vevent').map((component) => new ICAL.Event(component));
    expect(events.map((event) => event.summary)).toContain('Connected-car telematics platform: MLPS assessment (level 3)');

    await page.getByRole('button', { name: 'Create subscription URL' }).click();
    const address = await page.getByTestId('calendar-feed-url').inputValue();
    expect(address).toMatch(/\/api\/calendar-feeds\/lfcal_[A-Za-z0-9_-]{43}\.ics$/);
    const feed = await fetch(address); // no cookie: the address is the credential
    expect(feed.status).toBe(200);
    expect(new ICAL.Component(ICAL.parse(await feed.text())).getAllSubcomponents('vevent').length).toBe(events.length);
    await expect.poll(() => page.getByTestId('calendar-feed-status').textContent()).toContain('A subscription address is live');

    // Recording the last MLPS assessment moves the duty: counted from the date given.
    await page.getByTestId('calendar-anchors').locator('input[name="lastMlpsAssessment.telematics"]').fill('2026-05-20');
    await page.getByRole('button', { name: 'Save dates' }).click();
    await page.getByText('Saved; the calendar now counts from these dates.').waitFor();
    await expect.poll(() => telematics.textContent()).toMatch(/2027-05-20.*given/s);

    await tabs.getByRole('link', { name: 'Timeline' }).click();
    await expect.poll(() => page.locator('.gantt .duty-marker').count()).toBeGreaterThan(3);
    expect(await page.locator('.gantt .duty-row').allTextContents()).toEqual(expect.arrayContaining([expect.stringContaining('MLPS assessment')]));
  }, 120_000);

  it('lists the filing packs and downloads the MLPS grading report in Chinese as DOCX', async () => {
    const tabs = page.getByRole('navigation', { name: 'Engagement' });
    await tabs.getByRole('link', { name: 'Filings' }).click();
    await page.getByTestId('filing-mlps-grading').waitFor();
    expect(await page.getByTestId('filing-standard-contract').count()).toBe(1);
    expect(await page.getByTestId('filing-security-assessment').count()).toBe(0);
    await page.getByTestId('filing-language').selectOption('zh-CN');
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('filing-mlps-grading-telematics-docx').click()]);
    expect(download.suggestedFilename()).toBe('example-motors-mlps-grading-telematics-zh-CN-2026-12-01.docx');
    const path = join(mkdtempSync(join(tmpdir(), 'landfall-filing-')), download.suggestedFilename());
    await download.saveAs(path);
    const xml = await (await JSZip.loadAsync(readFileSync(path))).file('word/document.xml')!.async('string');
    expect(xml).toContain('安全保护等级定级报告');
    expect(xml).toContain('业务信息安全保护等级的确定');
  }, 120_000);
});
