// The annex as PDF: the print-ready HTML printed by Chromium (Debian's /usr/bin/chromium, driven by
// playwright-core), so the diagrams stay vectors and Chinese text uses the system's CJK fonts.
import { chromium } from 'playwright-core';
import { renderAnnexHtml, type AnnexView } from './render-annex.ts';

export const CHROMIUM_PATH = process.env.LANDFALL_CHROMIUM ?? '/usr/bin/chromium';

export async function renderAnnexPdf(view: AnnexView): Promise<Uint8Array> {
  const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: ['--no-sandbox'] });
  try {
    const page = await browser.newPage();
    // The document is self-contained: no request may leave the page.
    await page.route('**/*', (route) => route.abort());
    await page.setContent(renderAnnexHtml(view), { waitUntil: 'load' });
    const pdf = await page.pdf({ format: 'A4', printBackground: true, margin: { top: '18mm', bottom: '18mm', left: '15mm', right: '15mm' }, displayHeaderFooter: true, headerTemplate: '<span></span>', footerTemplate: '<div style="font-size:8px;width:100%;text-align:center"><span class="pageNumber"></span> / <span class="totalPages"></span></div>' });
    return new Uint8Array(pdf);
  } finally {
    await browser.close();
  }
}
