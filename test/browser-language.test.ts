// The workbench's language switch in a real browser (Debian's Chromium through playwright-core,
// the real server with PGlite and its demo engagements): log in, switch to Chinese, see <html
// lang>, the navigation and the pages in Chinese, keep the choice over a reload, and switch back.
// A browser whose language is Chinese starts in Chinese.
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import type { RunningServer } from '../src/server/serve.ts';
import { CHROMIUM_AVAILABLE, logIn, workbenchInBrowser } from './browser-harness.ts';

const ADMIN = { email: 'consultant@example.com', password: 'language browser passphrase' };

describe.skipIf(!CHROMIUM_AVAILABLE)('the workbench in English and Chinese', () => {
  const session = workbenchInBrowser({ admin: ADMIN, today: () => '2026-12-01', name: 'browser-language' });
  let server: RunningServer;
  let page: Page;
  beforeAll(() => {
    ({ server, page } = session);
  });

  const lang = () => page.evaluate<string>('document.documentElement.lang');
  /** `npm run screenshots` keeps the Chinese workbench's pages for the README. */
  const shot = async (name: string) => {
    if (process.env.LANDFALL_SCREENSHOTS) await page.screenshot({ path: join(import.meta.dirname, '..', process.env.LANDFALL_SCREENSHOTS, `${name}.png`), fullPage: false });
  };

  it('switches to Chinese without a reload, keeps the choice, and switches back', async () => {
    await logIn(page, server.url, ADMIN);
    expect(await lang()).toBe('en');
    const switcher = page.getByRole('group', { name: 'Language' });
    await expect.poll(() => switcher.getByRole('button', { name: 'English' }).getAttribute('aria-pressed')).toBe('true');

    // No reload: a value set on the page survives the switch.
    await page.evaluate("window.marker = 'same page'");
    await switcher.getByRole('button', { name: '中文' }).click();
    await page.getByRole('heading', { name: '项目', level: 1 }).waitFor();
    expect(await lang()).toBe('zh-CN');
    expect(await page.evaluate<string>('window.marker')).toBe('same page');
    const nav = page.getByRole('navigation', { name: '主导航' });
    await nav.getByRole('link', { name: '项目' }).waitFor();
    await nav.getByRole('link', { name: '法规复核' }).waitFor();
    await page.getByRole('button', { name: '退出登录' }).waitFor();
    await page.getByRole('button', { name: '新建项目' }).waitFor();

    // An engagement, in Chinese: its tabs and their pages.
    await page.locator('.engagement-card h2 a').first().click();
    const tabs = page.getByRole('navigation', { name: '项目标签页' });
    await tabs.getByRole('link', { name: '概览' }).waitFor();
    // The determinations come from the API in the workbench's language (the engine's own Chinese): checked on the way back below.
    await shot('overview-zh-CN');
    const assessmentRequests: string[] = [];
    page.on('request', (request) => { if (request.url().includes('/assessment')) assessmentRequests.push(request.url()); });
    await tabs.getByRole('link', { name: '等级保护差距' }).click();
    await page.getByRole('heading', { name: '差距清单', level: 2 }).waitFor();
    await tabs.getByRole('link', { name: '备案与申报' }).click();
    await page.getByRole('heading', { name: '备案与申报材料' }).waitFor();

    // Downloads ask for the engagement's language (English here) unless another is chosen; the UI language does not change it.
    await tabs.getByRole('link', { name: '架构附录' }).click();
    await page.getByRole('heading', { name: '要求登记册' }).waitFor();
    expect(await page.getByTestId('export-docx').getAttribute('href')).toMatch(/format=docx&lang=en$/);
    await page.getByTestId('annex-language').selectOption('zh-CN');
    expect(await page.getByTestId('export-docx').getAttribute('href')).toMatch(/format=docx&lang=zh-CN$/);

    // The intake in Chinese: its sections and its questions' words.
    await tabs.getByRole('link', { name: '信息采集' }).click();
    await page.getByRole('heading', { name: '组织', level: 2 }).waitFor();
    await page.getByText('总部所在国家或地区', { exact: true }).waitFor();
    await page.getByRole('heading', { name: '实时判定结论' }).waitFor();
    await shot('intake-zh-CN');

    // Remembered over a reload.
    await tabs.getByRole('link', { name: '概览' }).click();
    await expect.poll(() => assessmentRequests.some((url) => url.includes('lang=zh-CN'))).toBe(true);

    await page.reload();
    await tabs.getByRole('link', { name: '概览' }).waitFor();
    expect(await lang()).toBe('zh-CN');

    // The review page in Chinese.
    await nav.getByRole('link', { name: '法规复核' }).click();
    await page.getByRole('heading', { name: '法规变更复核', level: 1 }).waitFor();

    // And back to English.
    await page.getByRole('group', { name: '语言' }).getByRole('button', { name: 'English' }).click();
    await page.getByRole('heading', { name: 'Regulatory-change review', level: 1 }).waitFor();
    expect(await lang()).toBe('en');
    await page.reload();
    await page.getByRole('heading', { name: 'Regulatory-change review', level: 1 }).waitFor();
    expect(await lang()).toBe('en');


  });

  it('starts in Chinese for a browser whose language is Chinese, on the login page too', async () => {
    const context = await session.browser.newContext({ locale: 'zh-CN' });
    try {
      const chinese = await context.newPage();
      await chinese.goto(server.url);
      await chinese.getByRole('button', { name: '登录' }).waitFor();
      expect(await chinese.evaluate<string>('document.documentElement.lang')).toBe('zh-CN');
      await chinese.getByRole('group', { name: '语言' }).getByRole('button', { name: 'English' }).click();
      await chinese.getByRole('button', { name: 'Log in' }).waitFor();
      expect(await chinese.evaluate<string>('document.documentElement.lang')).toBe('en');

    } finally {
      await context.close();
    }
  });
});
