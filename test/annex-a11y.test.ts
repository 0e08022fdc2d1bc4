// The HTML annex (and so the PDF printed from it) passes axe-core's WCAG 2.1 A and AA rules and
// its best practices, for every example: landmarks, headings in order, tables with headers,
// diagrams with text alternatives, links with discernible names, enough contrast.
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { engineText } from '../src/i18n/messages.ts';
import { join } from 'node:path';
import axe from 'axe-core';
import { chromium, type Browser } from 'playwright-core';
import { parse as parseYaml } from 'yaml';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { deriveAnnex } from '../src/core/annex/derive-annex.ts';
import { assessProfile } from '../src/core/assess/assess-profile.ts';
import { annexView, derivedItems, renderAnnexHtml } from '../src/render/render-annex.ts';
import { CHROMIUM_PATH } from '../src/render/render-annex-pdf.ts';
import { book } from './helpers.ts';

const available = existsSync(CHROMIUM_PATH);
if (!available && process.env.CI) throw new Error(`Chromium is not at ${CHROMIUM_PATH}; .ci/run installs Debian's chromium package`);
const EXAMPLES = join(import.meta.dirname, '..', 'examples');

interface Violation {
  id: string;
  impact: string | null;
  help: string;
  nodes: string[];
}

describe.skipIf(!available)('the HTML annex under axe-core', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: ['--no-sandbox'] });
  }, 60_000);
  afterAll(async () => {
    await browser?.close();
  });

  for (const file of readdirSync(EXAMPLES).filter((name) => name.endsWith('.yaml'))) {
    it(`has no violations for ${file}`, async () => {
      const annex = deriveAnnex(assessProfile(book, parseYaml(readFileSync(join(EXAMPLES, file), 'utf8')), '2026-12-01', engineText()), { integrations: book.integrations });
      const html = renderAnnexHtml(annexView(annex, derivedItems(annex), '2026-12-01', { state: 'Under review' }));
      const page = await browser.newPage();
      try {
        await page.setContent(html, { waitUntil: 'load' });
        await page.addScriptTag({ content: axe.source });
        // A string, evaluated in the page: the test's own TypeScript has no DOM types.
        const violations = await page.evaluate<Violation[]>(`axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'] } })
          .then((result) => result.violations.map((violation) => ({ id: violation.id, impact: violation.impact ?? null, help: violation.help, nodes: violation.nodes.slice(0, 3).map((node) => node.target.join(' ')) })))`);
        expect(violations).toEqual([]);
      } finally {
        await page.close();
      }
    }, 60_000);
  }
});
