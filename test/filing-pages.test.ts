// The first page of each filing pack, in both languages, as Chromium lays out the A4 print page
// (src/render/render-filing-html.ts, the Word file's model and layout). Checks the fonts and sizes
// Chromium applies come from the layout content, that untrusted text stays text, and writes the
// pages to LANDFALL_SCREENSHOTS/filings when set (`npm run screenshots`; the README shows them).
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { engineText } from '../src/i18n/messages.ts';
import { join } from 'node:path';
import { chromium, type Browser } from 'playwright-core';
import { parse } from 'yaml';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { lawBook } from '../src/content/load-content.ts';
import { assessNormalised } from '../src/core/assess/assess-profile.ts';
import { draftFiling } from '../src/core/filings/draft-filing.ts';
import { normaliseProfile } from '../src/core/profile/normalise-profile.ts';
import { CHROMIUM_PATH } from '../src/render/render-annex-pdf.ts';
import { filingDocument } from '../src/render/render-filing.ts';
import { renderFilingHtml } from '../src/render/render-filing-html.ts';
import type { Locale } from '../src/i18n/messages.ts';

const ROOT = join(import.meta.dirname, '..');
const AS_OF = '2026-12-01';
const available = existsSync(CHROMIUM_PATH);
if (!available && process.env.CI) throw new Error(`Chromium is not at ${CHROMIUM_PATH}`);
const shots = process.env.LANDFALL_SCREENSHOTS ? join(ROOT, process.env.LANDFALL_SCREENSHOTS, 'filings') : null;
const book = lawBook();

const CASES = [
  ['pipia', 'automotive-oem.yaml', {}],
  ['standard-contract', 'automotive-oem.yaml', { contractEffective: '2026-02-10' }],
  ['security-assessment', 'fintech-cii.yaml', {}],
  ['mlps-grading', 'automotive-oem.yaml', { systemId: 'telematics' }],
  ['mlps-filing', 'automotive-oem.yaml', { systemId: 'telematics' }],
] as const;

function pageHtml(kind: (typeof CASES)[number][0], input: unknown, request: { systemId?: string; contractEffective?: string }, locale: Locale) {
  const normalised = normaliseProfile(input, AS_OF);
  if (!normalised.ok) throw new Error(JSON.stringify(normalised.problems));
  const assessment = assessNormalised(book, normalised.profile, normalised.defaultsUsed, AS_OF, engineText());
  const document = filingDocument(book, draftFiling(book, normalised.profile, assessment, { kind, ...request }), locale);
  return { document, html: renderFilingHtml(document, locale) };
}

describe.skipIf(!available)('the first page of each filing pack in Chromium', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: ['--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking'] });
  }, 60_000);
  afterAll(async () => browser?.close());

  it.each(CASES.flatMap(([kind, file, request]) => (['zh-CN', 'en'] as const).map((locale) => [kind, locale, file, request] as const)))('%s in %s', async (kind, locale, file, request) => {
    const { document: filing, html } = pageHtml(kind, parse(readFileSync(join(ROOT, 'examples', file), 'utf8')), request, locale);
    // A4 at 96 dpi.
    const page = await browser.newPage({ viewport: { width: 794, height: 1123 } });
    try {
      await page.setContent(html);
      await page.evaluate('document.fonts.ready.then(() => true)');
      expect(await page.locator('h1').innerText()).toBe(filing.title);
      const style = await page.evaluate<{ family: string; size: string; line: string; heading: string }>(`(() => {
        const text = getComputedStyle(document.querySelector('p.text'));
        return { family: text.fontFamily, size: text.fontSize, line: text.lineHeight, heading: getComputedStyle(document.querySelector('h2')).fontFamily };
      })()`);
      const layout = filing.layout;
      if (locale === 'zh-CN') {
        expect(layout).toBeTruthy();
        // CSS px = pt × 4/3; the layout's font first after the Latin one, then its Noto CJK alternative.
        expect(style.family).toBe(`"${layout!.body.latinFont}", ${layout!.body.font.name}, "${layout!.body.font.fallback}", serif`);
        expect(parseFloat(style.size)).toBeCloseTo((layout!.body.sizePt * 4) / 3, 1);
        expect(parseFloat(style.line)).toBeCloseTo((layout!.body.lineSpacingPt * 4) / 3, 1);
        expect(style.heading).toContain(layout!.headings[0]!.font.name);
      } else {
        expect(layout).toBeNull();
        expect(style.family).toContain('Calibri');
      }
      if (shots) {
        mkdirSync(shots, { recursive: true });
        await page.screenshot({ path: join(shots, `${kind}-${locale}.png`), clip: { x: 0, y: 0, width: 794, height: 1123 } });
      }
    } finally {
      await page.close();
    }
  });

  it('keeps a hostile organisation name as text', async () => {
    const input = parse(readFileSync(join(ROOT, 'examples', 'automotive-oem.yaml'), 'utf8')) as { organisation: { name: string } };
    input.organisation.name = '<img src=x onerror="window.pwned=1">"</style><script>window.pwned=2</script>';
    const { html } = pageHtml('pipia', input, {}, 'zh-CN');
    const page = await browser.newPage();
    try {
      await page.setContent(html);
      expect(await page.evaluate('window.pwned')).toBeUndefined();
      expect(await page.locator('script, img').count()).toBe(0);
      expect(await page.locator('h1').innerText()).toContain('<img src=x');
    } finally {
      await page.close();
    }
  });
});
