// A consultancy's own Word template for the filing packs: its header, footer, styles and page setup,
// with the pack put where the template says `{{filing}}` (and its title wherever it says `{{title}}`),
// by the docx library's patchDocument, which is already in use and inserts the pack's tables and
// paragraphs as they are (docxtemplater would add a dependency and fill text, not build tables).
// A template is checked before use: a bounded, real DOCX (a zip holding word/document.xml), no
// macros (.docm content types or a VBA project are refused), and the placeholder present.
import { unzipSync } from 'fflate';
import { PatchType, TextRun, patchDetector, patchDocument } from 'docx';
import type { Problem } from '../core/profile/normalise-profile.ts';
import type { Locale } from '../i18n/messages.ts';
import type { FilingDocument } from './render-filing.ts';
import { filingBody } from './render-filing-docx.ts';

import { FILING_PLACEHOLDER, TEMPLATE_MAX_BYTES, TEMPLATE_MAX_ENTRIES, TEMPLATE_MAX_UNZIPPED_BYTES } from './filing-template-limits.ts';

export { FILING_PLACEHOLDER, TEMPLATE_MAX_BYTES, TEMPLATE_MAX_ENTRIES, TEMPLATE_MAX_UNZIPPED_BYTES };

const MACRO_CONTENT_TYPES = /macroEnabled|vbaProject|vbaData|ms-office\.activeX/i;

/** Every problem with a template's bytes, each with its path inside the template; empty when it can be used. */
export async function checkFilingTemplate(bytes: Uint8Array, where = 'template'): Promise<Problem[]> {
  if (bytes.byteLength > TEMPLATE_MAX_BYTES) return [{ path: where, message: `is ${bytes.byteLength} bytes; a template may have at most ${TEMPLATE_MAX_BYTES}` }];
  if (bytes[0] !== 0x50 || bytes[1] !== 0x4b) return [{ path: where, message: 'is not a DOCX file (a Word document is a zip archive)' }];
  const names: string[] = [];
  let unzipped = 0;
  let parts: Record<string, Uint8Array>;
  try {
    // The filter sees each entry's declared size before anything is inflated.
    parts = unzipSync(bytes, {
      filter: (entry) => {
        names.push(entry.name);
        unzipped += entry.originalSize;
        return (entry.name === '[Content_Types].xml' || entry.name === 'word/document.xml') && names.length <= TEMPLATE_MAX_ENTRIES && unzipped <= TEMPLATE_MAX_UNZIPPED_BYTES;
      },
    });
  } catch {
    return [{ path: where, message: 'is not a DOCX file (its zip archive cannot be read)' }];
  }
  const problems: Problem[] = [];
  if (names.length > TEMPLATE_MAX_ENTRIES) problems.push({ path: where, message: `holds ${names.length} parts; a template may hold at most ${TEMPLATE_MAX_ENTRIES}` });
  if (unzipped > TEMPLATE_MAX_UNZIPPED_BYTES) problems.push({ path: where, message: `unzips to ${unzipped} bytes; a template may unzip to at most ${TEMPLATE_MAX_UNZIPPED_BYTES}` });
  if (problems.length > 0) return problems;
  const contentTypes = parts['[Content_Types].xml'];
  if (!contentTypes) problems.push({ path: `${where}: [Content_Types].xml`, message: 'is missing; this is not a Word document' });
  else if (MACRO_CONTENT_TYPES.test(new TextDecoder().decode(contentTypes))) problems.push({ path: `${where}: [Content_Types].xml`, message: 'declares macros (a .docm or a VBA project); use a template without macros (.docx)' });
  for (const name of names) if (/vbaProject|vbaData|activeX/i.test(name)) problems.push({ path: `${where}: ${name}`, message: 'is a macro or ActiveX part; use a template without macros (.docx)' });
  if (!parts['word/document.xml']) problems.push({ path: `${where}: word/document.xml`, message: 'is missing; this is not a Word document' });
  if (problems.length > 0) return problems;
  const placeholders = await patchDetector({ data: bytes, trimPlaceholders: true });
  if (!placeholders.includes(FILING_PLACEHOLDER)) problems.push({ path: `${where}: word/document.xml`, message: `has no {{${FILING_PLACEHOLDER}}} paragraph; put {{${FILING_PLACEHOLDER}}} on a line of its own where the pack goes` });
  return problems;
}

/** The pack inside a checked template: the template's header, footer, styles and page; the pack's own paragraphs, tables and fonts. */
export async function renderFilingDocxInTemplate(document: FilingDocument, locale: Locale, template: Uint8Array): Promise<Uint8Array> {
  const body = filingBody(document, locale);
  return patchDocument({
    outputType: 'uint8array',
    data: template,
    trimPlaceholders: true,
    keepOriginalStyles: true,
    patches: {
      [FILING_PLACEHOLDER]: { type: PatchType.DOCUMENT, children: body.children },
      title: { type: PatchType.PARAGRAPH, children: [new TextRun(document.title)] },
    },
    properties: { title: document.title, creator: 'Landfall' },
  });
}
