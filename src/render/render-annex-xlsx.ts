// The annex register as a workbook: one sheet for the requirements register, one per other section.
import { REGISTER_CATEGORIES } from '../core/annex/annex-types.ts';
import type { CitationOut } from '../core/assess/assessment-schema.ts';
import type { AnnexView } from './render-annex.ts';
import { formatCitation } from './render-assessment-markdown.ts';

/**
 * Text a person supplied, as a cell keeps it: formulas neutralised; line breaks as Excel's in-cell
 * LF (an XML reader turns CR and CRLF into LF anyway, XML 1.0 §2.11); DEL and the C1 controls,
 * which exceljs would drop, written as OOXML's _xHHHH_ escapes, and a literal _xHHHH_ escaped in
 * turn so that it reads back as written (ECMA-376 Part 1, §22.9.2.19 ST_Xstring).
 */
const safe = (text: string) => {
  const value = text
    .replace(/\r\n?/g, '\n')
    .replace(/_x[0-9A-Fa-f]{4}_|[\u007F-\u009F]/g, (match) => (match.length === 1 ? `_x${match.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}_` : `_x005F${match}`));
  return /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
};
const category = (key: unknown) => REGISTER_CATEGORIES.find((entry) => entry.key === key)?.title ?? '';

export async function renderAnnexXlsx(view: AnnexView): Promise<Uint8Array> {
  const { default: excel } = await import('exceljs');
  const workbook = new excel.Workbook();
  workbook.creator = 'Landfall';
  workbook.title = view.annex.title;
  const live = view.items.filter((item) => !item.superseded);
  const section = (name: string) => live.filter((item) => ((item.data.section as string | undefined) ?? 'register') === name);

  const register = workbook.addWorksheet('Register');
  register.columns = [
    { header: 'Category', key: 'category', width: 18 }, { header: 'Requirement', key: 'title', width: 40 }, { header: 'Status', key: 'status', width: 16 },
    { header: 'Statement', key: 'statement', width: 70 }, { header: 'Basis', key: 'basis', width: 60 }, { header: 'Implication', key: 'implication', width: 50 },
    { header: 'Edited by a person', key: 'edited', width: 12 }, { header: 'Key', key: 'key', width: 36 },
  ];
  const order = new Map(REGISTER_CATEGORIES.map((entry, index) => [entry.key as string, index]));
  for (const item of [...section('register')].sort((a, b) => (order.get(String(a.data.category)) ?? 9) - (order.get(String(b.data.category)) ?? 9))) {
    register.addRow({
      category: category(item.data.category), title: safe(item.title), status: item.status, statement: safe(item.statement),
      basis: ((item.data.basis as CitationOut[] | undefined) ?? []).map(formatCitation).join('; '), implication: safe(String(item.data.implication ?? '')),
      edited: item.provenance === 'person' || item.editedFields.length > 0 ? 'yes' : '', key: item.key,
    });
  }
  for (const [name, title] of [['open_question', 'Open questions'], ['guardrail', 'Guardrails'], ['decision', 'Decisions'], ['dependency', 'Dependencies'], ['next_action', 'Next actions']] as const) {
    const sheet = workbook.addWorksheet(title);
    sheet.columns = [{ header: 'Title', key: 'title', width: 50 }, { header: 'Status', key: 'status', width: 16 }, { header: 'Statement', key: 'statement', width: 90 }];
    for (const item of section(name)) sheet.addRow({ title: safe(item.title), status: item.status, statement: safe(item.statement) });
  }
  for (const sheet of workbook.worksheets) {
    sheet.getRow(1).font = { bold: true };
    sheet.views = [{ state: 'frozen', ySplit: 1 }];
    sheet.getColumn(sheet.columnCount).alignment = { wrapText: true, vertical: 'top' };
  }
  return new Uint8Array((await workbook.xlsx.writeBuffer()) as ArrayBuffer);
}
