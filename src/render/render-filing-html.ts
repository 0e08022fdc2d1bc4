// A filing pack as an A4 print page in HTML, from the same document model and layout as the Word
// file: a Chinese document whose kind has a layout in content/knowledge/document-layouts.yaml gets
// its margins, fonts (each with its Noto CJK alternative), sizes and fixed line pitch; English keeps
// Landfall's own. Used for previews and the README's page of each pack. All text is escaped.
import type { DocumentLayout } from '../core/law/content-schema.ts';
import type { Locale } from '../i18n/messages.ts';
import { escapeHtml } from './render-assessment-html.ts';
import type { FilingDocument } from './render-filing.ts';

const family = (font: { name: string; fallback: string }, generic: string) => [font.name, font.fallback].map((name) => `"${name.replace(/["\\<>]/g, '')}"`).concat(generic).join(', ');

function layoutStyle(layout: DocumentLayout): string {
  const { body, page, documentTitle } = layout;
  const heading = layout.headings.find((entry) => entry.level === 1) ?? { font: body.font, bold: true };
  const latin = `"${body.latinFont.replace(/["\\<>]/g, '')}"`;
  return `
  @page { size: A4; margin: ${page.marginsMm.top}mm ${page.marginsMm.right}mm ${page.marginsMm.bottom}mm ${page.marginsMm.left}mm; }
  .page { padding: ${page.marginsMm.top}mm ${page.marginsMm.right}mm ${page.marginsMm.bottom}mm ${page.marginsMm.left}mm; }
  body { font-family: ${latin}, ${family(body.font, 'serif')}; font-size: ${body.sizePt}pt; line-height: ${body.lineSpacingPt}pt; }
  h1 { font-family: ${latin}, ${family(documentTitle.font, 'serif')}; font-size: ${documentTitle.sizePt}pt; line-height: ${documentTitle.sizePt * 1.5}pt; font-weight: normal; }
  h2 { font-family: ${latin}, ${family(heading.font, 'sans-serif')}; font-size: ${body.sizePt}pt; font-weight: ${heading.bold ? 'bold' : 'normal'}; }
  p.text { text-indent: ${body.firstLineIndentChars}em; }`;
}

const DEFAULT_STYLE = `
  .page { padding: 25mm 25mm; }
  body { font-family: Calibri, "Noto Sans", "Noto Sans CJK SC", sans-serif; font-size: 11pt; line-height: 1.4; }
  h1 { font-size: 18pt; } h2 { font-size: 14pt; }
  p.footer { font-style: italic; font-size: 9pt; }`;

export function renderFilingHtml(document: FilingDocument, locale: Locale): string {
  const e = escapeHtml;
  const parts: string[] = [`<h1>${e(document.title)}</h1>`, `<p class="subtitle">${e(document.subtitle)}</p>`];
  for (const section of document.sections) {
    parts.push(`<h2>${e(section.heading)}</h2>`);
    if (section.rows.length > 0) parts.push(`<table>${section.rows.map(([label, value]) => `<tr><th>${e(label)}</th><td>${e(value)}</td></tr>`).join('')}</table>`);
    for (const paragraph of section.paragraphs) parts.push(`<p class="text">${e(paragraph)}</p>`);
  }
  for (const line of document.footer) parts.push(`<p class="text footer">${e(line)}</p>`);
  return `<!doctype html>
<html lang="${locale === 'zh-CN' ? 'zh-CN' : 'en'}"><head><meta charset="utf-8"><title>${e(document.title)}</title><style>
  html { background: #fff; } body { margin: 0; color: #000; }
  .page { box-sizing: border-box; width: 210mm; min-height: 297mm; }
  h1, .subtitle { text-align: center; margin: 0 0 .5em; }
  h2 { margin: .6em 0 .2em; }
  p { margin: 0; }
  table { width: 100%; border-collapse: collapse; margin: .2em 0; }
  th, td { border: 1px solid #000; padding: 0 .3em; vertical-align: top; text-align: left; }
  th { width: 30%; }${document.layout ? layoutStyle(document.layout) : DEFAULT_STYLE}
</style></head><body><div class="page">${parts.join('\n')}</div></body></html>
`;
}
