// Renders a gap register (GB/T 22239-2019 against the firm's SOC 2 / ISO 27001 controls) as
// Markdown, CSV and XLSX. The tables are built once (gapRows) and shared by CSV and XLSX.
import type ExcelJS from 'exceljs';
import { stringify } from 'csv-stringify/sync';
import { CATEGORIES, EXTENSIONS } from '../core/controls/controls-constants.ts';
import type { CoverageCount, GapItem, GapReport, GapStatus } from '../core/controls/gap-analysis.ts';
import type { ProfileGaps } from '../core/controls/profile-gaps.ts';
import { translator, type Locale, type Translate } from '../i18n/messages.ts';
import { escapeMarkdown } from './render-assessment-markdown.ts';

export const STATUS_LABEL: Record<GapStatus, string> = { covered: 'covered', partial: 'partial', evidence_needed: 'evidence needed', gap: 'gap' };
const STATUS_MARK: Record<GapStatus, string> = { covered: '✓', partial: '◐', evidence_needed: '?', gap: '✗' };
const FRAMEWORK_LABEL: Record<string, string> = { 'iso27001-2022': 'ISO 27001:2022', 'soc2-2017': 'SOC 2' };
const categoryName = (key: string) => CATEGORIES.find((category) => category.key === key);
const extensionName = (key: string | null, t?: Translate) => {
  if (t) return key == null ? t('gaps.general') : EXTENSIONS.find((extension) => extension.key === key)?.zh ?? key;
  return key == null ? 'general' : EXTENSIONS.find((extension) => extension.key === key)?.en ?? key;
};
/** The register's words for the chosen language: English keeps its own (bilingual category names); Chinese uses the catalogue's Chinese names and summaries. */
interface Words {
  t: Translate;
  zh: boolean;
}
const wordsOf = (locale: Locale): Words => ({ t: translator(locale), zh: locale === 'zh-CN' });
/** A category as the register names it: `安全物理环境 Physical environment` in English, the Chinese name alone in Chinese. */
const categoryText = (words: Words, zh: string, en: string) => (words.zh ? zh : `${zh} ${en}`);
const statusText = (words: Words, status: GapStatus) => (words.zh ? words.t(`gaps.status.${status}`) : STATUS_LABEL[status]);
const weeks = (range: { min: number; max: number }) => (range.max === 0 ? '–' : range.min === range.max ? `${range.min}` : `${range.min}–${range.max}`);
const cell = (text: string) => escapeMarkdown(text);

function coverageRow(label: string, counts: CoverageCount): string {
  return `| ${label} | ${counts.applicable} | ${counts.covered} | ${counts.partial} | ${counts.evidenceNeeded} | ${counts.gap} | ${counts.fullPercent}% | ${counts.weightedPercent}% |`;
}

function renderSystem(report: GapReport, words: Words): string[] {
  const { t } = words;
  const out: string[] = [];
  out.push(`## ${t('gaps.md.system', { name: cell(report.systemName), id: cell(report.systemId), level: String(report.level), source: report.levelSource })}`, '');
  out.push(`**${t('gaps.md.extensions')}**`, '');
  for (const scope of report.extensions) out.push(`- ${t('gaps.md.extension', { name: words.zh ? scope.zh : `${scope.en} (${scope.zh})`, applies: scope.applies ? 'yes' : 'no', reason: cell(scope.reason) })}`);
  out.push('', `**${t('gaps.md.method')}**`, '');
  for (const line of report.method) out.push(`- ${cell(line)}`);
  out.push('', `### ${t('gaps.md.coverage')}`, '', `| ${['category', 'items', 'covered', 'partial', 'evidenceNeeded', 'gap', 'coveredPercent', 'weightedPercent'].map((id) => t(`gaps.column.${id}`)).join(' | ')} |`, '|---|--:|--:|--:|--:|--:|--:|--:|');
  for (const entry of report.coverage.byCategory) out.push(coverageRow(categoryText(words, entry.zh, entry.en), entry));
  for (const entry of report.coverage.byExtension.filter((extension) => extension.extension !== 'general')) out.push(coverageRow(`_${t('gaps.md.ofWhich', { extension: extensionName(entry.extension, words.zh ? t : undefined) })}_`, entry));
  out.push(coverageRow(`**${t('gaps.md.allItems')}**`, report.coverage.overall), '');
  out.push(`${t('gaps.md.effort', { weeks: weeks(report.effortWeeks) })} ${report.itemsNeedingReview > 0 ? t('gaps.md.review', { count: String(report.itemsNeedingReview) }) : ''}`, '');
  out.push(...carryOverLines(report, words));

  out.push(`### ${t('gaps.md.themes')}`, '');
  if (report.themes.length === 0) out.push(t('gaps.md.noThemes'), '');
  else {
    out.push(`| ${['theme', 'openItems', 'remediation', 'effort'].map((id) => t(`gaps.column.${id}`)).join(' | ')} |`, '|---|--:|---|--:|');
    for (const theme of report.themes) out.push(`| ${cell(theme.title)} | ${theme.open} / ${theme.items.length} | ${t(`gaps.remediation.${theme.remediation}`)} | ${weeks(theme.effortWeeks)} |`);
    out.push('');
    for (const theme of report.themes.filter((entry) => entry.open > 0)) {
      out.push(`#### ${cell(theme.title)}`, '', cell(theme.why), '', `_${t('gaps.md.whatToDo')}_ ${cell(theme.remediationDetail)}`, '', t('gaps.md.items', { items: theme.items.map((id) => `\`${id}\``).join(', ') }), '');
    }
  }
  out.push(`### ${t('gaps.md.other')}`, '');
  if (report.otherGaps.length === 0) out.push(t('gaps.md.noOther'), '');
  else {
    out.push(`| ${['category', 'reposition', 'add', 'effort'].map((id) => t(`gaps.column.${id}`)).join(' | ')} |`, '|---|---|---|--:|');
    for (const group of report.otherGaps) {
      out.push(`| ${categoryText(words, group.zh, group.en)} | ${group.remediation.reposition.join(', ') || '–'} | ${group.remediation.add.join(', ') || '–'} | ${weeks(group.effortWeeks)} |`);
    }
    out.push('');
  }

  out.push(`### ${t('gaps.md.register')}`, '', t('gaps.md.legend'), '');
  const themeTitles = new Map(report.themes.map((theme) => [theme.theme as string, theme.title]));
  let currentSection = '';
  for (const item of report.items) {
    const category = categoryName(item.category);
    const name = words.zh ? category?.zh ?? item.category : `${category?.zh ?? ''} ${category?.en ?? item.category}`;
    const section = `${extensionName(item.extension)}: ${name}`;
    if (section !== currentSection) {
      currentSection = section;
      out.push('', `#### ${item.extension == null ? '' : `${extensionName(item.extension, words.zh ? t : undefined)} · `}${name}`, '', `| ${['clause', 'item', 'controlPoint', 'requirement', 'status', 'basis', 'evidence', 'remediationColumn', 'carryOver'].map((id) => t(`gaps.column.${id}`)).join(' | ')} |`, '|---|---|---|---|---|---|---|---|---|');
    }
    out.push(registerRow(item, words, themeTitles));
  }
  out.push('');
  out.push(`### ${t('gaps.md.evidenceMap')}`, '');
  if (report.evidenceMap.length === 0) out.push(t('gaps.md.noEvidence'), '');
  else {
    out.push(`| ${['framework', 'control', 'name', 'attested', 'mlpsItems'].map((id) => t(`gaps.column.${id}`)).join(' | ')} |`, '|---|---|---|---|---|');
    for (const entry of report.evidenceMap) out.push(`| ${FRAMEWORK_LABEL[entry.framework] ?? entry.framework} | ${entry.control} | ${cell(entry.controlName)} | ${t(entry.attested ? 'gaps.yes' : 'gaps.no')} | ${entry.items.join(', ')} |`);
    out.push('');
  }
  if (report.inheritedFromProvider.length > 0) {
    out.push(`### ${t('gaps.md.inherited')}`, '');
    for (const item of report.inheritedFromProvider) out.push(`- ${item.clause} \`${item.id}\` ${cell(words.zh ? item.summaryZh : item.summary)}`);
    out.push('');
  }
  return out;
}

const CARRY_LABEL: Record<GapItem['carryOver'], string> = { met: 'met as it stands', repositioned: 'met once repositioned', evidence: 'evidence needed', extend: 'extend a control', add: 'new control' };

/** How much carries over: the sentence, the classes, the range and what pulls the figure down. */
export function carryOverLines(report: GapReport, words: Words = wordsOf('en')): string[] {
  const { t } = words;
  const c = report.carryOver;
  const share = (value: number) => (c.applicable === 0 ? '0%' : `${Math.round((value / c.applicable) * 1000) / 10}%`);
  const out = [`### ${t('gaps.carry.title')}`, '', `**${cell(c.sentence)}**`, ''];
  out.push(`| ${t('gaps.carry.measure')} | ${t('gaps.column.items')} | ${t('gaps.carry.share')} |`, '|---|--:|--:|');
  out.push(`| ${t('gaps.carry.metAsIs')} | ${c.metAsIs} | ${c.metAsIsPercent}% |`);
  out.push(`| ${t('gaps.carry.repositioned')} | ${c.metOnceRepositioned} | ${share(c.metOnceRepositioned)} |`);
  out.push(`| ${t('gaps.carry.evidence')} | ${c.evidenceNeeded} | ${share(c.evidenceNeeded)} |`);
  out.push(`| ${t('gaps.carry.extend')} | ${c.extendControl} | ${share(c.extendControl)} |`);
  out.push(`| ${t('gaps.carry.new')} | ${c.newControl} | ${share(c.newControl)} |`);
  out.push(`| ${t('gaps.carry.reuse')} | – | ${c.evidenceReusePercent}% |`, '');
  if (c.range) {
    out.push(
      t('gaps.carry.range', { level: String(report.level), min: String(c.range.min), max: String(c.range.max), source: cell(c.range.source), review: c.range.needsReview ? 'yes' : 'no', position: c.position }),
      '',
    );
  }
  if (c.newAtLevel) {
    out.push(t('gaps.carry.newAtLevel', { level: String(report.level), items: String(c.newAtLevel.items), compared: String(c.newAtLevel.comparedWith), met: String(c.newAtLevel.metAsIs), repositioned: String(c.newAtLevel.metOnceRepositioned) }), '');
  }
  if (c.gaps.length > 0) {
    out.push(`| ${t('gaps.carry.pulls')} | ${t('gaps.carry.notMet')} | ${t('gaps.carry.ofWhich')} | ${t('gaps.carry.newHere')} |`, '|---|--:|--:|--:|');
    for (const group of c.gaps) out.push(`| ${cell(group.title)} | ${group.open} / ${group.items} | ${group.repositioned} | ${group.newAtLevel} |`);
    out.push('');
  }
  return out;
}

function registerRow(item: GapItem, words: Words, themeTitles: ReadonlyMap<string, string>): string {
  const { t } = words;
  const evidence = item.evidence.slice(0, 4).map((link) => `${link.control} (${link.relationship} ${link.strength})`).join(', ') || '–';
  if (!words.zh) {
    const remediation = item.remediation === 'none' ? '–' : `${item.remediation}${item.themes.length > 0 ? ` (${item.themes.join(', ').replaceAll('_', ' ')})` : ''}`;
    return `| ${item.clause} | \`${item.id}\`${item.needsReview ? ' ⚠' : ''} | ${item.controlPoint.zh} | ${cell(item.summary)}: ${cell(item.paraphrase)} | ${STATUS_MARK[item.status]} ${STATUS_LABEL[item.status]} | ${cell(item.basis.join(' '))} | ${evidence} | ${remediation} | ${CARRY_LABEL[item.carryOver]} |`;
  }
  const themes = item.themes.map((theme) => themeTitles.get(theme) ?? theme.replaceAll('_', ' '));
  const remediation = item.remediation === 'none' ? '–' : `${t(`gaps.remediation.${item.remediation}`)}${themes.length > 0 ? `（${cell(themes.join('、'))}）` : ''}`;
  return `| ${item.clause} | \`${item.id}\`${item.needsReview ? ' ⚠' : ''} | ${item.controlPoint.zh} | ${cell(item.summaryZh)} | ${STATUS_MARK[item.status]} ${statusText(words, item.status)} | ${cell(item.basis.join(' '))} | ${evidence} | ${remediation} | ${t(`gaps.carryOver.${item.carryOver}`)} |`;
}

/** The gap register as Markdown, in English or Chinese (the catalogue's Chinese summaries and names). */
export function renderGapsMarkdown(gaps: ProfileGaps, locale: Locale = 'en'): string {
  const words = wordsOf(locale);
  const { t } = words;
  const out: string[] = [`# ${t('gaps.title', { organisation: cell(gaps.organisation) })}`, ''];
  out.push(t('gaps.md.intro', { asOf: gaps.asOf, engine: gaps.engineVersion, content: gaps.contentVersion }), '');
  if (gaps.systems.length > 0) {
    out.push(`| ${['system', 'level', 'items', 'covered', 'partial', 'evidenceNeeded', 'gap', 'coveredPercent', 'weightedPercent', 'effort'].map((id) => t(`gaps.column.${id}`)).join(' | ')} |`, '|---|--:|--:|--:|--:|--:|--:|--:|--:|--:|');
    for (const report of gaps.systems) {
      const c = report.coverage.overall;
      out.push(`| ${cell(report.systemName)} | ${report.level} | ${c.applicable} | ${c.covered} | ${c.partial} | ${c.evidenceNeeded} | ${c.gap} | ${c.fullPercent}% | ${c.weightedPercent}% | ${weeks(report.effortWeeks)} |`);
    }
    out.push('');
    for (const report of gaps.systems) out.push(`- **${cell(report.systemName)}**: ${cell(report.carryOver.sentence)}`);
    out.push('');
  }
  for (const skipped of gaps.skipped) out.push(`- ${t('gaps.md.skipped', { id: `\`${cell(skipped.systemId)}\``, reason: cell(skipped.reason) })}`);
  if (gaps.skipped.length > 0) out.push('');
  for (const report of gaps.systems) out.push(...renderSystem(report, words));
  return `${out.join('\n').replace(/\n{3,}/g, '\n\n').trimEnd()}\n`;
}

export const REGISTER_COLUMNS = [
  'system', 'level', 'extension', 'category', 'clause', 'item', 'controlPointZh', 'controlPoint', 'summary', 'requirement', 'status', 'themes',
  'remediation', 'effortMinWeeks', 'effortMaxWeeks', 'evidence', 'basis', 'needsReview', 'reviewNote', 'carryOver',
] as const;
/** The Chinese register's columns: the catalogue's Chinese names and summary in place of the English ones (the English paraphrase stays, the only full wording). */
export const ZH_REGISTER_COLUMNS = [
  'system', 'level', 'extension', 'category', 'clause', 'item', 'controlPointZh', 'summaryZh', 'requirement', 'status', 'themes',
  'remediation', 'effortMinWeeks', 'effortMaxWeeks', 'evidence', 'basis', 'needsReview', 'reviewNote', 'carryOver',
] as const;
type RegisterColumn = (typeof REGISTER_COLUMNS)[number] | (typeof ZH_REGISTER_COLUMNS)[number];

/** One row per system and item: the register as a flat table (values in Chinese for zh-CN, keys as they are). */
export function gapRows(gaps: ProfileGaps, locale: Locale = 'en'): Array<Record<RegisterColumn, string | number | boolean>> {
  const words = wordsOf(locale);
  const { t } = words;
  return gaps.systems.flatMap((report) => {
    const themeTitles = new Map(report.themes.map((theme) => [theme.theme as string, theme.title]));
    return report.items.map((item) => ({
      system: report.systemId,
      level: report.level,
      extension: words.zh ? extensionName(item.extension, t) : item.extension ?? 'general',
      category: words.zh ? categoryName(item.category)?.zh ?? item.category : item.category,
      clause: item.clause,
      item: item.id,
      controlPointZh: item.controlPoint.zh,
      controlPoint: item.controlPoint.en,
      summary: item.summary,
      summaryZh: item.summaryZh,
      requirement: item.paraphrase,
      status: statusText(words, item.status),
      themes: words.zh ? item.themes.map((theme) => themeTitles.get(theme) ?? theme).join('；') : item.themes.join(' '),
      remediation: words.zh && item.remediation !== 'none' ? t(`gaps.remediation.${item.remediation}`) : item.remediation,
      effortMinWeeks: item.effortWeeks.min,
      effortMaxWeeks: item.effortWeeks.max,
      evidence: item.evidence.map((link) => `${link.control} ${link.relationship} ${link.strength}${link.attested ? '' : ' unattested'}`).join('; '),
      basis: item.basis.join(' '),
      needsReview: words.zh ? t(item.needsReview ? 'gaps.yes' : 'gaps.no') : item.needsReview,
      reviewNote: item.reviewNote ?? '',
      carryOver: words.zh ? t(`gaps.carryOver.${item.carryOver}`) : item.carryOver,
    }));
  });
}

/** The register's columns and their header row in a language: English keeps the machine keys as headers. */
function registerColumns(locale: Locale): { columns: readonly RegisterColumn[]; headers: string[] } {
  if (locale === 'en') return { columns: REGISTER_COLUMNS, headers: [...REGISTER_COLUMNS] };
  const t = translator(locale);
  return { columns: ZH_REGISTER_COLUMNS, headers: ZH_REGISTER_COLUMNS.map((column) => t(`gaps.csv.${column}`)) };
}

/** Neutralises spreadsheet formulas in text a user supplied (CSV injection). */
function safeCell(value: string | number | boolean): string | number | boolean {
  return typeof value === 'string' && /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
}

export function renderGapsCsv(gaps: ProfileGaps, locale: Locale = 'en'): string {
  const { columns, headers } = registerColumns(locale);
  const rows = gapRows(gaps, locale).map((row) => columns.map((column) => safeCell(row[column])));
  return stringify([headers, ...rows]);
}

export async function renderGapsXlsx(gaps: ProfileGaps, locale: Locale = 'en'): Promise<Uint8Array> {
  // Loaded on demand: exceljs is large and only this format needs it.
  const { default: excel } = await import('exceljs');
  const t = translator(locale);
  /** A sheet's column header: the machine key in English (as before), its name in another language. */
  const head = (key: string) => (locale === 'en' ? key : t(`gaps.xlsx.${key}`));
  const workbook = new excel.Workbook();
  workbook.creator = 'Landfall';
  workbook.title = t('gaps.title', { organisation: gaps.organisation });
  const header = (sheet: ExcelJS.Worksheet) => {
    sheet.getRow(1).font = { bold: true };
    sheet.views = [{ state: 'frozen', ySplit: 1 }];
    sheet.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: sheet.columnCount } };
  };

  const { columns, headers } = registerColumns(locale);
  const register = workbook.addWorksheet(t('gaps.sheet.register'));
  register.columns = columns.map((key, index) => ({ header: headers[index]!, key, width: ['requirement', 'basis', 'evidence'].includes(key) ? 60 : key === 'summary' || key === 'summaryZh' ? 36 : 14 }));
  for (const row of gapRows(gaps, locale)) register.addRow(Object.fromEntries(columns.map((column) => [column, safeCell(row[column])])));
  header(register);

  const coverage = workbook.addWorksheet(t('gaps.sheet.coverage'));
  coverage.columns = ['system', 'level', 'scope', 'applicable', 'covered', 'partial', 'evidenceNeeded', 'gap', 'fullPercent', 'weightedPercent'].map((key) => ({ header: head(key), key, width: 16 }));
  for (const report of gaps.systems) {
    for (const entry of report.coverage.byCategory) coverage.addRow({ system: report.systemId, level: report.level, scope: entry.category, ...entry });
    for (const entry of report.coverage.byExtension) coverage.addRow({ system: report.systemId, level: report.level, scope: `extension:${entry.extension}`, ...entry });
    coverage.addRow({ system: report.systemId, level: report.level, scope: 'overall', ...report.coverage.overall });
  }
  header(coverage);

  const carry = workbook.addWorksheet(t('gaps.sheet.carryOver'));
  carry.columns = ['system', 'level', 'applicable', 'metAsIs', 'metAsIsPercent', 'metOnceRepositioned', 'onceRepositionedPercent', 'evidenceNeeded', 'extendControl', 'newControl', 'evidenceReusePercent', 'rangeMin', 'rangeMax', 'position', 'sentence'].map((key) => ({
    header: head(key),
    key,
    width: key === 'sentence' ? 100 : 14,
  }));
  for (const report of gaps.systems) {
    const c = report.carryOver;
    carry.addRow({ system: report.systemId, level: report.level, ...c, rangeMin: c.range?.min ?? '', rangeMax: c.range?.max ?? '', position: c.position ?? '', sentence: c.sentence, range: undefined, gaps: undefined, newAtLevel: undefined });
  }
  header(carry);

  const themes = workbook.addWorksheet(t('gaps.sheet.themes'));
  themes.columns = ['system', 'theme', 'title', 'open', 'items', 'remediation', 'effortMinWeeks', 'effortMaxWeeks', 'whatToDo'].map((key) => ({ header: head(key), key, width: key === 'whatToDo' ? 80 : 18 }));
  for (const report of gaps.systems) {
    for (const theme of report.themes) {
      themes.addRow({ system: report.systemId, theme: theme.theme, title: theme.title, open: theme.open, items: theme.items.join(' '), remediation: theme.remediation, effortMinWeeks: theme.effortWeeks.min, effortMaxWeeks: theme.effortWeeks.max, whatToDo: theme.remediationDetail });
    }
  }
  header(themes);

  const evidence = workbook.addWorksheet(t('gaps.sheet.evidence'));
  evidence.columns = ['system', 'framework', 'control', 'name', 'attested', 'items'].map((key) => ({ header: head(key), key, width: key === 'items' ? 80 : 18 }));
  for (const report of gaps.systems) {
    for (const entry of report.evidenceMap) evidence.addRow({ system: report.systemId, framework: entry.framework, control: entry.control, name: entry.controlName, attested: entry.attested, items: entry.items.join(' ') });
  }
  header(evidence);

  const buffer = await workbook.xlsx.writeBuffer();
  return new Uint8Array(buffer as ArrayBuffer);
}
