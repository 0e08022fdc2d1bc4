// The annex as PDF: the print-ready HTML printed by Chromium (Debian's /usr/bin/chromium, driven by
// playwright-core), so the diagrams stay vectors and Chinese text uses the system's CJK fonts. The
// browser is shared: see pdf-browser-pool.ts.
import { stateText } from './annex-parts.ts';
import { renderAnnexHtml, type AnnexView } from './render-annex.ts';
import { PdfPool, pdfPoolOptionsFromEnvironment } from './pdf-browser-pool.ts';

export const CHROMIUM_PATH = process.env.LANDFALL_CHROMIUM ?? '/usr/bin/chromium';

const html = (text: string) => text.replace(/[&<>"']/g, (char) => `&#${char.charCodeAt(0)};`);

/** The running header and footer: the engagement, the document state and the page number (Chromium fills the spans). */
function templates(view: AnnexView): { headerTemplate: string; footerTemplate: string } {
  return {
    headerTemplate: `<div style="font-size:8px;width:100%;padding:0 15mm;color:#555;text-align:right">${html(view.branding.consultancy)} · ${html(view.engagement)} · ${html(stateText(view))}</div>`,
    footerTemplate: `<div style="font-size:8px;width:100%;padding:0 15mm;color:#555;text-align:center">${html(view.t('annex.footer.before', { engagement: view.engagement, state: stateText(view) }))}<span class="pageNumber"></span>${html(view.t('annex.footer.of'))}<span class="totalPages"></span>${html(view.t('annex.footer.after'))}</div>`,
  };
}

let shared: PdfPool | null = null;

/** The process's pool, made on first use from the environment (LANDFALL_PDF_*). */
export function sharedPdfPool(): PdfPool {
  shared ??= new PdfPool(pdfPoolOptionsFromEnvironment());
  return shared;
}

/** Closes the process's pool and its browser, if one was started; a later export starts afresh. */
export async function closeSharedPdfPool(): Promise<void> {
  const pool = shared;
  shared = null;
  await pool?.close();
}

export function renderAnnexPdf(view: AnnexView, pool: PdfPool = sharedPdfPool()): Promise<Uint8Array> {
  // A tagged PDF with an outline from the headings (Chromium's printer supports both).
  return pool.print(renderAnnexHtml(view), templates(view));
}
