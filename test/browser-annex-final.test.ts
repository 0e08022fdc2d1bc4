// An engagement from a blank intake to a Final annex in a real browser (Debian's Chromium through
// playwright-core, the real server on PGlite, the workbench as built), then every download opened
// and checked: DOCX (a PAGE field in the footer), XLSX (data validations, human labels), PDF (its
// text), Markdown, HTML and the gap register (XLSX, CSV); each file named after the engagement and
// the date, and the same open-question count in every format and on screen. Around it, the
// workbench: defaults seen in the intake kept as answers and a pre-ticked default never saved
// beside the user's own choice, compare against today, a refused date, the status select and its
// undo, the profile history before and after, focus after navigation, and the pages at 390 px.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import type { Browser, BrowserContext, Download, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningServer } from '../src/server/serve.ts';
import { CHROMIUM_AVAILABLE, workbenchInBrowser } from './browser-harness.ts';

const ADMIN = { email: 'consultant@example.com', password: 'annex final passphrase' };
const TODAY = '2026-12-01';
/**
 * The file names: the organisation's slug (legal form dropped), the document and the date. The
 * annex is named after its last update, which this test's own edits make on the real clock's day
 * (UTC), not the server's assessment date; the gap register after the assessment date.
 */
const annexBase = () => `pulsewave-health-china-architecture-${new Date().toISOString().slice(0, 10)}`;
const GAPS_BASE = `pulsewave-health-gap-register-${TODAY}`;

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

describe.skipIf(!CHROMIUM_AVAILABLE)('from a blank intake to a Final annex, in Chromium', () => {
  const session = workbenchInBrowser({ admin: ADMIN, today: () => TODAY, name: 'browser-final', viewport: { width: 1440, height: 900 } });
  let downloads: string;
  let server: RunningServer;
  let browser: Browser;
  let consultant: BrowserContext;
  let page: Page;
  let engagementUrl: string;
  let engagementId: string;
  /** The open-question count the annex shows on screen once it is Final. */
  let openQuestions: number;

  beforeAll(() => {
    ({ server, browser, context: consultant, page } = session);
    downloads = mkdtempSync(join(tmpdir(), 'landfall-final-'));
    page.on('dialog', (dialog) => void dialog.accept());
  });

  afterAll(() => {
    if (downloads) rmSync(downloads, { recursive: true, force: true });
  });

  const api = async (path: string): Promise<Json> => {
    const response = await page.request.get(`${server.url}${path}`);
    expect(response.status()).toBe(200);
    return (await response.json()) as Json;
  };
  const tab = async (target: Page, name: string) => {
    await target.locator('.tabs a', { hasText: name }).click();
    await target.waitForURL(`**/${name === 'MLPS gaps' ? 'gaps' : name.toLowerCase()}`);
  };
  const save = async (download: Download) => {
    const path = join(downloads, download.suggestedFilename());
    await download.saveAs(path);
    return readFileSync(path);
  };
  /** Every count a text gives of the open questions ("4 open questions", "**4** open questions", "4 questions need an answer"). */
  const questionCounts = (text: string) => [...text.matchAll(/(\d+)(?:\*\*)?\s+(?:open questions?\b|questions? needs? an answer)/g)].map((match) => Number(match[1]));
  const fetchDownload = async (target: Page, testId: string) => {
    const [download] = await Promise.all([target.waitForEvent('download'), target.getByTestId(testId).click()]);
    return { name: download.suggestedFilename(), bytes: await save(download) };
  };

  it('creates an engagement from a blank profile and walks the intake: seen defaults become answers, a pre-ticked default is replaced by the choice', async () => {
    await page.goto(server.url);
    await page.getByLabel('Email').fill(ADMIN.email);
    await page.getByLabel('Password').fill(ADMIN.password);
    await page.getByRole('button', { name: 'Log in' }).click();
    await page.getByRole('heading', { name: 'Engagements', level: 1 }).waitFor();

    await page.getByRole('button', { name: 'New engagement' }).click();
    await page.getByLabel('A blank profile').check();
    await page.locator('input[name=organisation]').fill('Pulsewave Health GmbH');
    await page.locator('input[name=name]').fill('Pulsewave China entry');
    await page.getByRole('button', { name: 'Create engagement' }).click();
    await page.getByRole('heading', { name: 'Pulsewave China entry', level: 1 }).waitFor();
    engagementUrl = page.url();
    engagementId = /\/e\/([0-9a-f-]{36})$/.exec(engagementUrl)![1]!;

    await tab(page, 'Intake');
    await page.getByRole('button', { name: '+ Add a system' }).click();
    await page.locator('[name="systems[0].id"]').fill('pulsewave-app');
    await page.locator('[name="systems[0].name"]').fill('Pulsewave app and API');
    // Channels: Website is ticked as Landfall's assumption; choosing the app and the API replaces it.
    const channel = (value: string) => page.locator(`input[name="systems[0].channels"][value="${value}"]`);
    expect(await channel('website').isChecked()).toBe(true);
    await channel('app').check();
    await expect.poll(() => channel('website').isChecked()).toBe(false);
    await channel('api').check();
    expect(await channel('app').isChecked()).toBe(true);
    await page.locator('[name="systems[0].hosting"]').selectOption('overseas');

    await page.getByRole('button', { name: '+ Add a transfer' }).click();
    await page.locator('[name="transfers[0].id"]').fill('member-sync');
    await page.locator('[name="transfers[0].fromSystem"]').selectOption('pulsewave-app');
    await page.locator('[name="transfers[0].destination"]').fill('DE');
    await page.locator('[name="transfers[0].nonSensitiveIndividuals"]').fill('150000');
    await page.locator('[name="plan.start"]').fill('2027-01-15');
    await page.locator('[name="plan.goLive"]').fill('2027-09-01');

    // The user reads the system's card: each default shown there has been seen.
    const card = page.locator('#intake-systems-0');
    for (const note of await card.locator('.intake-default').all()) await note.scrollIntoViewIfNeeded();
    await expect.poll(() => card.locator('[data-default-seen]').count()).toBeGreaterThan(4);
    await expect.poll(() => page.locator('.intake-status').textContent()).toMatch(/assumed answers seen, kept as answers/);
    await page.getByTestId('intake-save').click();
    await expect.poll(() => page.locator('.engagement-head').textContent()).toContain('Profile version 2');

    const saved = (await api(`/api/engagements/${engagementId}`)).profile as Json;
    expect(saved.systems[0].channels).toEqual(['app', 'api']);
    // Seen and left as offered: saved as answers, so no open question asks them.
    expect(saved.systems[0].servesMainlandUsers).toBe(true);
    expect(saved.systems[0].internetFacing).toBe(true);
    expect(saved.systems[0].collectsMainlandPersonalInformation).toBe(true);
    const annex = await api(`/api/engagements/${engagementId}/annex`);
    const titles = (annex.items as Json[]).filter((item) => item.data.section === 'open_question').map((item) => item.title as string);
    expect(titles.some((title) => /serve users in the mainland/.test(title))).toBe(false);
    expect(titles.some((title) => /reach Pulsewave app/.test(title))).toBe(false);

    // A second save changes one answer: the history shows it before and after.
    await page.locator('[name="systems[0].hosting"]').selectOption('mainland');
    await page.getByTestId('intake-save').click();
    await expect.poll(() => page.locator('.engagement-head').textContent()).toContain('Profile version 3');
    await tab(page, 'History');
    const changes = page.getByTestId('profile-changes').first();
    await expect.poll(() => changes.innerText()).toMatch(/Pulsewave app and API › Hosting\s+Overseas\s+Mainland China/);
    // Focus moved to the page's heading with the navigation.
    expect(await page.evaluate<string>('document.activeElement?.tagName')).toBe('H1');
  }, 180_000);

  it('compares today against the chosen date, never one date twice, and refuses a date before 2022-09-01 without stale cards', async () => {
    await tab(page, 'Overview');
    await page.getByTestId('card-cbdt').waitFor();
    await page.locator('input[name=asOf]').fill('2024-01-10');
    await page.getByLabel('Compare with another date').check();
    await expect.poll(() => page.getByTestId('compare-summary').textContent()).toContain(`between 2024-01-10 and ${TODAY}`);
    expect(await page.locator('input[name=asOf]').inputValue()).toBe(TODAY);
    await page.locator('input[name=compareDate]').fill(TODAY);
    await expect.poll(() => page.getByTestId('compare-date-error').textContent()).toContain('pick another date');
    expect(await page.getByTestId('compare-summary').count()).toBe(0);
    await page.getByLabel('Compare with another date').uncheck();
    await page.locator('input[name=asOf]').fill('2021-05-01');
    await expect.poll(() => page.getByTestId('date-error').textContent()).toContain('2022-09-01');
    expect(await page.locator('.determination').count()).toBe(0);
    await page.getByRole('button', { name: 'Today' }).click();
    await expect.poll(() => page.locator('.determination').count()).toBeGreaterThan(3);
  });

  it('saves a status stepped with the arrow keys only on Enter, and undoes it from the toast', async () => {
    await tab(page, 'Annex');
    const item = page.locator('[data-testid=annex-item][data-key="org.cbdt.route"]');
    const select = item.getByTestId('item-status');
    const before = await select.inputValue();
    let patches = 0;
    const count = (request: { method: () => string }) => void (request.method() === 'PATCH' && (patches += 1));
    page.on('request', count);
    await select.focus();
    await page.keyboard.press('ArrowDown');
    await expect.poll(() => item.locator('.annex-status-hint').count()).toBe(1);
    await page.waitForTimeout(400);
    expect(patches).toBe(0);
    const chosen = await select.inputValue();
    expect(chosen).not.toBe(before);
    await page.keyboard.press('Enter');
    await expect.poll(() => item.getByTestId('item-toast').textContent()).toContain('Status saved');
    expect(patches).toBe(1);
    await item.getByTestId('item-undo').click();
    await expect.poll(() => item.getByTestId('item-toast').textContent()).toContain('Change undone');
    expect(await select.inputValue()).toBe(before);
    page.off('request', count);
  });

  it('sets the document state as an editor, Final after a confirmation listing what is unconfirmed', async () => {
    await page.reload();
    const state = page.getByTestId('annex-state');
    await state.selectOption('Under review');
    await expect.poll(() => state.inputValue()).toBe('Under review');
    await state.selectOption('Final');
    const confirm = page.getByTestId('annex-final-confirm');
    await expect.poll(() => confirm.textContent()).toMatch(/still unconfirmed/);
    await page.getByTestId('annex-final-yes').click();
    await expect.poll(() => page.getByTestId('annex-final-confirm').count()).toBe(0);
    await expect.poll(async () => (await api(`/api/engagements/${engagementId}/annex`)).documentState).toBe('Final');
    await page.reload();
    await expect.poll(() => page.getByTestId('annex-state').inputValue()).toBe('Final');
    const stat = page.locator('.annex-stats li', { hasText: 'Open questions' }).locator('.annex-stat-value');
    openQuestions = Number(await stat.textContent());
    expect(openQuestions).toBeGreaterThan(0);
    const badge = page.locator('#annex-open_question-title .annex-count-badge');
    expect(Number((await badge.textContent())!.replace(/\D/g, ''))).toBe(openQuestions);
    expect(await page.locator('#annex-open_question .annex-item:not(.is-superseded)').count()).toBe(openQuestions);
    // The confidence line and the framing say the same number.
    const onScreen = questionCounts((await page.locator('.annex-header').innerText()).replace(/\s+/g, ' '));
    expect(onScreen.length).toBeGreaterThan(1);
    expect(new Set(onScreen)).toEqual(new Set([openQuestions]));
    // One derivation: the overview counts what the annex counts.
    await tab(page, 'Overview');
    await expect.poll(() => page.getByTestId('overview-open-questions').textContent()).toMatch(new RegExp(`^${openQuestions} open questions? in the annex`));
  });

  it('downloads every format, named after the engagement and the date, each Final with the same open-question count', async () => {
    await tab(page, 'Annex');
    const questions = new RegExp(`\\b${openQuestions}\\s*(\\*\\*)?\\s*open questions?\\b`);
    const FILE_BASE = annexBase();

    const markdown = await fetchDownload(page, 'export-md');
    expect(markdown.name).toBe(`${FILE_BASE}.md`);
    const md = markdown.bytes.toString('utf8');
    expect(md).toMatch(new RegExp(`\\*\\*${openQuestions}\\*\\* open questions?`));
    expect(md).toContain('**Final**');
    expect(new Set(questionCounts(md))).toEqual(new Set([openQuestions]));
    expect(md).not.toMatch(/systems\[\d+\]|Confirm [a-z]+\.[a-zA-Z]+:/);

    const html = await fetchDownload(page, 'export-html');
    expect(html.name).toBe(`${FILE_BASE}.html`);
    const htmlText = html.bytes.toString('utf8').replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ');
    expect(htmlText).toMatch(questions);
    expect(new Set(questionCounts(htmlText))).toEqual(new Set([openQuestions]));
    expect(htmlText).toContain('Final');
    expect(html.bytes.toString('utf8')).toMatch(/<main[\s>]/);

    const docx = await fetchDownload(page, 'export-docx');
    expect(docx.name).toBe(`${FILE_BASE}.docx`);
    const zip = await JSZip.loadAsync(docx.bytes);
    const footers = await Promise.all(Object.keys(zip.files).filter((name) => /^word\/footer\d*\.xml$/.test(name)).map((name) => zip.file(name)!.async('string')));
    expect(footers.some((xml) => /<w:instrText[^>]*>\s*PAGE\s*<\/w:instrText>/.test(xml) || /w:instr="\s*PAGE\s*"/.test(xml))).toBe(true);
    expect(footers.some((xml) => xml.includes('Final'))).toBe(true);
    const documentText = (await zip.file('word/document.xml')!.async('string')).replace(/<[^>]+>/g, '');
    expect(documentText).toMatch(questions);
    expect(new Set(questionCounts(documentText))).toEqual(new Set([openQuestions]));

    const xlsx = await fetchDownload(page, 'export-xlsx');
    expect(xlsx.name).toBe(`${FILE_BASE}.xlsx`);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(xlsx.bytes as unknown as ArrayBuffer);
    expect(workbook.worksheets.length).toBeGreaterThan(3);
    const validations = workbook.worksheets.flatMap((sheet) => Object.values((sheet as unknown as { dataValidations: { model: Record<string, { type: string }> } }).dataValidations.model));
    expect(validations.some((validation) => validation.type === 'list')).toBe(true);
    expect(validations.some((validation) => validation.type === 'date')).toBe(true);
    const cells: string[] = [];
    let summaryCount: number | undefined;
    for (const sheet of workbook.worksheets) {
      sheet.eachRow((row) => {
        const values = (row.values as unknown[]).slice(1).map((value) => (value == null ? '' : typeof value === 'object' ? JSON.stringify(value) : String(value)));
        cells.push(...values);
        if (values[0] === 'Open questions' && values[1] !== undefined && /^\d+$/.test(values[1])) summaryCount ??= Number(values[1]);
      });
    }
    expect(cells).not.toContain('decision_needed');
    expect(cells).not.toContain('in_progress');
    expect(cells.some((cell) => ['Draft', 'Open', 'Decision needed', 'Proposed'].includes(cell))).toBe(true);
    expect(summaryCount).toBe(openQuestions);

    const pdf = await fetchDownload(page, 'export-pdf');
    expect(pdf.name).toBe(`${FILE_BASE}.pdf`);
    expect(pdf.bytes.subarray(0, 5).toString()).toBe('%PDF-');
    const { getDocument } = await import('pdfjs-dist/legacy/build/pdf.mjs');
    const document = await getDocument({ data: new Uint8Array(pdf.bytes), useSystemFonts: false }).promise;
    let pdfText = '';
    for (let number = 1; number <= document.numPages; number += 1) {
      const content = await (await document.getPage(number)).getTextContent();
      pdfText += ` ${content.items.map((entry) => ('str' in entry ? entry.str : '')).join(' ')}`;
    }
    pdfText = pdfText.normalize('NFKC').replace(/\s+/g, ' ');
    expect(pdfText).toContain('Pulsewave');
    expect(pdfText).toContain('Final');
    expect(pdfText).toMatch(questions);
    expect(new Set(questionCounts(pdfText))).toEqual(new Set([openQuestions]));

    // The gap register, from the Gaps tab, as XLSX and CSV.
    await tab(page, 'MLPS gaps');
    const gapsXlsx = await fetchDownload(page, 'gaps-xlsx');
    expect(gapsXlsx.name).toBe(`${GAPS_BASE}.xlsx`);
    const gapBook = new ExcelJS.Workbook();
    await gapBook.xlsx.load(gapsXlsx.bytes as unknown as ArrayBuffer);
    expect(gapBook.worksheets[0]!.rowCount).toBeGreaterThan(10);
    const gapsCsv = await fetchDownload(page, 'gaps-csv');
    expect(gapsCsv.name).toBe(`${GAPS_BASE}.csv`);
    expect(gapsCsv.bytes.toString('utf8').split('\n').length).toBeGreaterThan(10);
  }, 180_000);

  it('fits a 390 px screen: no sideways scrolling, a tab bar that shows it scrolls, determinations in reach from the intake, the go-live marker in view', async () => {
    const phoneContext = await browser.newContext({ viewport: { width: 390, height: 844 }, storageState: await consultant.storageState(), locale: 'en-US' });
    const phone = await phoneContext.newPage();
    phone.setDefaultTimeout(45_000);
    const fits = () => phone.evaluate<boolean>('document.scrollingElement.scrollWidth <= window.innerWidth');
    try {
      await phone.goto(server.url);
      await phone.locator('.engagement-card').first().waitFor();
      expect(await fits()).toBe(true);
      await phone.goto(engagementUrl);
      await phone.getByTestId('card-cbdt').waitFor();
      expect(await fits()).toBe(true);
      // The tabs are wider than the screen: an arrow says so and scrolls to the hidden ones.
      const more = phone.getByTestId('tabs-more');
      expect(await more.isVisible()).toBe(true);
      expect(await phone.locator('.tabs').evaluate((bar) => bar.scrollWidth > bar.clientWidth)).toBe(true);
      await more.click();
      await expect.poll(() => phone.locator('.tabs').evaluate((bar) => bar.scrollLeft)).toBeGreaterThan(0);

      for (const name of ['Annex', 'MLPS gaps', 'Calendar', 'Filings', 'Incidents', 'History', 'Members']) {
        await tab(phone, name);
        await expect.poll(() => phone.locator('.tab-body').evaluate((body) => body.childElementCount > 0 && body.querySelector('.loading') === null)).toBe(true);
        expect(await fits(), name).toBe(true);
      }

      await tab(phone, 'Intake');
      const volume = phone.locator('[name="transfers[0].nonSensitiveIndividuals"]');
      await volume.scrollIntoViewIfNeeded();
      await volume.fill('1200000');
      expect(await fits()).toBe(true);
      await phone.getByTestId('intake-live-toggle').click();
      const live = phone.getByTestId('intake-live');
      await expect.poll(() => phone.getByTestId('preview-route').getAttribute('data-value')).toBe('security_assessment');
      const inView = await live.evaluate((panel, height) => {
        const box = panel.getBoundingClientRect();
        return box.top >= 0 && box.top < height && box.height > 100;
      }, 844);
      expect(inView).toBe(true);
      // The field being edited is still on screen above the sheet.
      expect(await volume.evaluate((input) => input.getBoundingClientRect().bottom > 0)).toBe(true);
      await phone.getByRole('button', { name: /Close/ }).click();
      await phone.getByRole('button', { name: 'Discard changes' }).click();

      await tab(phone, 'Timeline');
      await phone.locator('svg.gantt .golive line').waitFor({ state: 'attached' });
      expect(await fits()).toBe(true);
      const marker = await phone.getByTestId('gantt-wrap').evaluate((wrap) => {
        const frame = wrap.getBoundingClientRect();
        const line = wrap.querySelector('.golive line')!.getBoundingClientRect();
        return { inside: line.left >= frame.left && line.right <= frame.right, scrolls: wrap.scrollWidth > wrap.clientWidth };
      });
      expect(marker.inside).toBe(true);
    } finally {
      await phoneContext.close();
    }
  }, 180_000);
});
