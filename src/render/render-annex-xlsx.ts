// The annex as a workbook, one sheet per part: the summary, the register, the timeline, open
// questions, assumptions, guardrails, decisions, dependencies and next actions. Human labels only
// (never `decision_needed`), a frozen header row with an autofilter on every sheet, and data
// validation on the status, owner and due-date columns so edits stay within what the annex knows.
import { ITEM_STATUSES, OWNER_ROLES } from '../core/annex/annex-types.ts';
import type { StoredAnnexItem } from '../core/annex/merge-annex.ts';
import {
  actionOf, citationText, finalNote, basisText, countsLine, decisionOf, dueOf, edited, inSection, ownerOf, questionOf, registerByCategory, roleText, sectionTitle, stateText, statusText, summaryRows, systemNames, systemsOf,
  type AnnexView,
} from './annex-parts.ts';
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
type Column = { header: string; key: string; width: number; validate?: 'status' | 'owner' | 'date' };

export async function renderAnnexXlsx(view: AnnexView): Promise<Uint8Array> {
  const { default: excel } = await import('exceljs');
  const { t } = view;
  const workbook = new excel.Workbook();
  workbook.creator = view.branding.consultancy;
  workbook.title = view.annex.title;
  const names = systemNames(view);
  const statuses = ITEM_STATUSES.map((status) => statusText(view, status));
  const roles = OWNER_ROLES.map((role) => roleText(view, role));
  const basis = (item: StoredAnnexItem) => basisText(item, (citation) => citationText(view, citation, formatCitation));
  const column = (id: string) => t(`annex.xlsx.column.${id}`);
  const listsName = t('annex.xlsx.sheet.lists');
  // A sheet name in a formula is quoted when it is not plain ASCII letters.
  const lists = /^[A-Za-z]+$/.test(listsName) ? listsName : `'${listsName}'`;
  const separator = t('common.listSeparator');
  const yes = t('annex.yes');
  const no = t('annex.no');

  const sheet = (title: string, columns: Column[], rows: Array<Record<string, string | number>>) => {
    const worksheet = workbook.addWorksheet(title);
    worksheet.columns = columns.map(({ header, key, width }) => ({ header, key, width }));
    for (const row of rows) worksheet.addRow(Object.fromEntries(Object.entries(row).map(([key, value]) => [key, typeof value === 'string' ? safe(value) : value])));
    worksheet.getRow(1).font = { bold: true };
    worksheet.views = [{ state: 'frozen', ySplit: 1 }];
    worksheet.autoFilter = { from: { row: 1, column: 1 }, to: { row: Math.max(1, rows.length + 1), column: columns.length } };
    columns.forEach((column, index) => {
      worksheet.getColumn(index + 1).alignment = { wrapText: true, vertical: 'top' };
      if (!column.validate) return;
      // Validation reaches past the written rows, so a row a person adds is checked too (one
      // range per column, so no empty rows are written).
      const letter = worksheet.getColumn(index + 1).letter;
      const range = `${letter}2:${letter}${rows.length + 200}`;
      const validations = (worksheet as unknown as { dataValidations: { add(address: string, validation: unknown): void } }).dataValidations;
      if (column.validate === 'status') validations.add(range, { type: 'list', allowBlank: false, formulae: [`${lists}!$A$1:$A$${statuses.length}`], showErrorMessage: true, errorTitle: t('annex.xlsx.column.status'), error: t('annex.xlsx.validate.status') });
      else if (column.validate === 'owner') validations.add(range, { type: 'list', allowBlank: true, formulae: [`${lists}!$B$1:$B$${OWNER_ROLES.length}`], showErrorMessage: false, showInputMessage: true, promptTitle: t('annex.xlsx.column.owner'), prompt: t('annex.xlsx.validate.owner') });
      else validations.add(range, { type: 'date', operator: 'between', allowBlank: true, formulae: [new Date(Date.UTC(2020, 0, 1)), new Date(Date.UTC(2040, 11, 31))], showErrorMessage: true, errorTitle: t('annex.xlsx.validate.dueTitle'), error: t('annex.xlsx.validate.due') });
    });
    return worksheet;
  };
  const date = (value: string) => (/^\d{4}-\d{2}-\d{2}$/.test(value) ? value : '');
  const tracking: Column[] = [{ header: column('status'), key: 'status', width: 16, validate: 'status' }, { header: column('owner'), key: 'owner', width: 22, validate: 'owner' }, { header: column('due'), key: 'due', width: 12, validate: 'date' }];
  const track = (item: StoredAnnexItem) => ({ status: statusText(view, item.status), owner: ownerOf(item, view), due: date(dueOf(item)) });

  const summary = sheet(t('annex.xlsx.sheet.summary'), [{ header: column('determination'), key: 'label', width: 36 }, { header: column('answer'), key: 'value', width: 100 }], [
    { label: t('annex.label.documentState'), value: stateText(view) }, { label: t('annex.label.engagement'), value: view.engagement }, { label: t('annex.label.preparedBy'), value: view.branding.consultancy }, { label: t('annex.label.lastUpdated'), value: view.lastUpdated },
    ...summaryRows(view).map(([label, value]) => ({ label, value })),
    ...countsLine(view.counts, t).map(([count, label]) => ({ label: label.replace(/^./, (char) => char.toUpperCase()), value: count })),
    { label: t('annex.label.confidence'), value: `${view.confidence.rating}: ${view.confidence.reason}` },
    ...(finalNote(view) ? [{ label: t('annex.label.unconfirmedAtFinal'), value: finalNote(view)! }] : []),
    { label: t('annex.label.notLegalAdvice'), value: view.annex.summary?.notLegalAdvice ?? t('annex.notLegalAdvice') },
  ]);
  summary.getColumn(1).font = { bold: true };

  sheet(t('annex.xlsx.sheet.register'), [
    { header: column('category'), key: 'category', width: 18 }, { header: column('requirement'), key: 'title', width: 40 }, ...tracking, { header: column('systems'), key: 'systems', width: 30 },
    { header: column('statement'), key: 'statement', width: 70 }, { header: column('implication'), key: 'implication', width: 50 }, { header: column('basis'), key: 'basis', width: 60 }, { header: column('edited'), key: 'edited', width: 12 },
  ], registerByCategory(view).flatMap((category) => category.items.map((item) => ({
    category: category.title, title: item.title, ...track(item), systems: systemsOf(view, item, names), statement: item.statement, implication: String(item.data.implication ?? ''), basis: basis(item), edited: edited(item) ? yes : '',
  }))));

  const timeline = view.annex.summary?.timeline;
  sheet(t('annex.xlsx.sheet.timeline'), [{ header: column('track'), key: 'title', width: 44 }, { header: column('starts'), key: 'start', width: 12 }, { header: column('endsEarliest'), key: 'earliest', width: 14 }, { header: column('endsLatest'), key: 'latest', width: 14 }, { header: column('months'), key: 'months', width: 10 }, { header: column('after'), key: 'after', width: 40 }, { header: column('criticalPath'), key: 'critical', width: 12 }],
    (timeline?.tracks ?? []).map((entry) => ({ title: entry.title, start: entry.start, earliest: entry.end.earliest, latest: entry.end.latest, months: entry.months.min === entry.months.max ? `${entry.months.min}` : `${entry.months.min}-${entry.months.max}`, after: entry.dependsOn.join(separator), critical: entry.critical ? yes : no })));

  sheet(sectionTitle(view, 'open_question'), [{ header: column('number'), key: 'number', width: 6 }, { header: column('question'), key: 'title', width: 60 }, ...tracking, { header: column('hangsOn'), key: 'hangs', width: 60 }, { header: column('context'), key: 'statement', width: 70 }, { header: column('systems'), key: 'systems', width: 30 }],
    inSection(view, 'open_question').map((item, index) => ({ number: `Q${index + 1}`, title: item.title, ...track(item), hangs: questionOf(item)?.hangsOn ?? String(item.data.implication ?? ''), statement: item.statement, systems: systemsOf(view, item, names) })));
  for (const name of ['assumption', 'guardrail', 'dependency'] as const) {
    sheet(sectionTitle(view, name), [{ header: column('title'), key: 'title', width: 44 }, ...tracking, { header: column('statement'), key: 'statement', width: 90 }, { header: column('systems'), key: 'systems', width: 30 }, { header: column('basis'), key: 'basis', width: 50 }],
      inSection(view, name).map((item) => ({ title: item.title, ...track(item), statement: `${item.statement}${item.data.implication ? `${t('annex.sentenceGap')}${String(item.data.implication)}` : ''}`, systems: systemsOf(view, item, names), basis: basis(item) })));
  }
  sheet(sectionTitle(view, 'decision'), [{ header: column('decision'), key: 'title', width: 40 }, ...tracking, { header: column('context'), key: 'context', width: 60 }, { header: column('options'), key: 'options', width: 80 }, { header: column('ruledOut'), key: 'ruledOut', width: 40 }, { header: column('recommendation'), key: 'recommendation', width: 60 }],
    inSection(view, 'decision').map((item) => {
      const record = decisionOf(item);
      return {
        title: item.title, ...track(item), context: record?.context ?? '', options: record ? record.options.map((option) => `${option.title}${t('annex.colon')}${option.consequences}`).join('\n') : item.statement,
        ruledOut: record ? record.ruledOut.map((entry) => `${entry.title}${t('annex.colon')}${entry.reason}`).join('\n') : '', recommendation: record ? `${record.recommendation.option}${t('annex.period')}${t('annex.sentenceGap')}${record.recommendation.reason}` : '',
      };
    }));
  sheet(sectionTitle(view, 'next_action'), [{ header: column('number'), key: 'number', width: 6 }, { header: column('action'), key: 'title', width: 50 }, ...tracking, { header: column('starts'), key: 'start', width: 12 }, { header: column('unblocks'), key: 'unblocks', width: 40 }, { header: column('criticalPath'), key: 'critical', width: 12 }, { header: column('detail'), key: 'statement', width: 70 }],
    inSection(view, 'next_action').map((item, index) => {
      const action = actionOf(item);
      return { number: index + 1, title: item.title, ...track(item), start: action?.start ?? '', unblocks: (action?.unblocks ?? []).join(separator), critical: action?.criticalPath ? yes : no, statement: item.statement };
    }));
  // The lists the validations offer, on a hidden sheet after the parts (a list longer than 255
  // characters cannot be given inline).
  const listSheet = workbook.addWorksheet(listsName, { state: 'hidden' });
  statuses.forEach((label, index) => (listSheet.getCell(index + 1, 1).value = label));
  roles.forEach((role, index) => (listSheet.getCell(index + 1, 2).value = role));
  return new Uint8Array((await workbook.xlsx.writeBuffer()) as ArrayBuffer);
}
