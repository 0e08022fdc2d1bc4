// The annex as PDF: the print-ready HTML printed by Chromium (Debian's /usr/bin/chromium, driven by
// playwright-core), so the diagrams stay vectors and Chinese text uses the system's CJK fonts. The
// browser is shared: see pdf-browser-pool.ts.
import { renderAnnexHtml, type AnnexView } from './render-annex.ts';
import { PdfPool, pdfPoolOptionsFromEnvironment } from './pdf-browser-pool.ts';

export const CHROMIUM_PATH = process.env.LANDFALL_CHROMIUM ?? '/usr/bin/chromium';

const FOOTER = '<div style="font-size:8px;width:100%;text-align:center"><span class="pageNumber"></span> / <span class="totalPages"></span></div>';

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
  return pool.print(renderAnnexHtml(view), { footerTemplate: FOOTER });
}
