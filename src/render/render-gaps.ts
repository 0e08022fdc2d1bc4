// Renders a gap register (GB/T 22239-2019 against the firm's SOC 2 / ISO 27001 controls) as
// Markdown, CSV and XLSX. The tables are built once (gapRows) and shared by CSV and XLSX.
import type ExcelJS from 'exceljs';
import { stringify } from 'csv-stringify/sync';
import { CATEGORIES, EXTENSIONS } from '../core/controls/controls-schema.ts';
import type { CoverageCount, GapItem, GapReport, GapStatus } from '../core/controls/gap-analysis.ts';
import type { ProfileGaps } from '../core/controls/profile-gaps.ts';
import { escapeMarkdown } from './render-assessment-markdown.ts';

export const STATUS_LABEL: Record<GapStatus, string> = { covered: 'covered', partial: 'partial', evidence_needed: 'evidence needed', gap: 'gap' };
const STATUS_MARK: Record<GapStatus, string> = { covered: '✓', partial: '◐', evidence_needed: '?', gap: '✗' };
const FRAMEWORK_LABEL: Record<string, string> = { 'iso27001-2022': 'ISO 27001:2022', 'soc2-2017': 'SOC 2' };
const categoryName = (key: string) => CATEGORIES.find((category) => category.key === key);
const extensionName = (key: string | null) => (key == null ? 'general' : EXTENSIONS.find((extension) => extension.key === key)?.en ?? key);
const weeks = (range: { min: number; max: number }) => (range.max === 0 ? '–' : range.min === range.max ? `${range.min}` : `${range.min}–${range.max}`);
const cell = (text: string) => escapeMarkdown(text);

function coverageRow(label: string, counts: CoverageCount): string {
  return `| ${label} | ${counts.applicable} | ${counts.covered} | ${counts.partial} | ${counts.evidenceNeeded} | ${counts.gap} | ${counts.fullPercent}% | ${counts.weightedPercent}% |`;
}

function renderSystem(report: GapReport): string[] {
  const out: string[] = [];
  out.push(`## ${cell(report.systemName)} (\`${cell(report.systemId)}\`): level ${report.level}${report.levelSource === 'requested' ? ' (requested)' : ' (graded)'}`, '');
  out.push('**Extensions**', '');
  for (const scope of report.extensions) out.push(`- ${scope.en} (${scope.zh}): ${scope.applies ? 'applies' : 'does not apply'}. ${cell(scope.reason)}`);
  out.push('', '**Method**', '');
  for (const line of report.method) out.push(`- ${cell(line)}`);
  out.push('', '### Coverage', '', '| Category | Items | Covered | Partial | Evidence needed | Gap | Covered % | Weighted % |', '|---|--:|--:|--:|--:|--:|--:|--:|');
  for (const entry of report.coverage.byCategory) out.push(coverageRow(`${entry.zh} ${entry.en}`, entry));
  for (const entry of report.coverage.byExtension.filter((extension) => extension.extension !== 'general')) out.push(coverageRow(`_of which ${extensionName(entry.extension)}_`, entry));
  out.push(coverageRow('**All items**', report.coverage.overall), '');
  out.push(`Rough remediation effort: **${weeks(report.effortWeeks)} person-weeks** (planning estimate). ${report.itemsNeedingReview > 0 ? `${report.itemsNeedingReview} catalogue items in scope are marked for review.` : ''}`, '');
  out.push(...carryOverLines(report));

  out.push('### Gaps by jurisdiction theme', '');
  if (report.themes.length === 0) out.push('No jurisdiction-anchored items at this level.', '');
  else {
    out.push('| Theme | Open / items | Remediation | Effort (person-weeks) |', '|---|--:|---|--:|');
    for (const theme of report.themes) out.push(`| ${cell(theme.title)} | ${theme.open} / ${theme.items.length} | ${theme.remediation === 'reposition' ? 'reposition existing control' : 'add new control'} | ${weeks(theme.effortWeeks)} |`);
    out.push('');
    for (const theme of report.themes.filter((entry) => entry.open > 0)) {
      out.push(`#### ${cell(theme.title)}`, '', cell(theme.why), '', `_What to do:_ ${cell(theme.remediationDetail)}`, '', `Items: ${theme.items.map((id) => `\`${id}\``).join(', ')}`, '');
    }
  }
  out.push('### Other open items by category', '');
  if (report.otherGaps.length === 0) out.push('None: every open item belongs to a theme above.', '');
  else {
    out.push('| Category | Reposition existing control | Add new control | Effort (person-weeks) |', '|---|---|---|--:|');
    for (const group of report.otherGaps) {
      out.push(`| ${group.zh} ${group.en} | ${group.remediation.reposition.join(', ') || '–'} | ${group.remediation.add.join(', ') || '–'} | ${weeks(group.effortWeeks)} |`);
    }
    out.push('');
  }

  out.push('### Register', '', 'Status: ✓ covered · ◐ partial · ? evidence needed · ✗ gap.', '');
  let currentSection = '';
  for (const item of report.items) {
    const section = `${extensionName(item.extension)}: ${categoryName(item.category)?.zh ?? ''} ${categoryName(item.category)?.en ?? item.category}`;
    if (section !== currentSection) {
      currentSection = section;
      out.push('', `#### ${item.extension == null ? '' : `${extensionName(item.extension)} · `}${categoryName(item.category)?.zh ?? ''} ${categoryName(item.category)?.en ?? item.category}`, '', '| Clause | Item | Control point | Requirement (paraphrase) | Status | Basis | Existing evidence | Remediation | Carry-over |', '|---|---|---|---|---|---|---|---|---|');
    }
    out.push(registerRow(item));
  }
  out.push('');
  out.push('### Existing evidence and the MLPS items it serves', '');
  if (report.evidenceMap.length === 0) out.push('No SOC 2 or ISO 27001 evidence in scope.', '');
  else {
    out.push('| Framework | Control | Name | Attested | MLPS items |', '|---|---|---|---|---|');
    for (const entry of report.evidenceMap) out.push(`| ${FRAMEWORK_LABEL[entry.framework] ?? entry.framework} | ${entry.control} | ${cell(entry.controlName)} | ${entry.attested ? 'yes' : 'no'} | ${entry.items.join(', ')} |`);
    out.push('');
  }
  if (report.inheritedFromProvider.length > 0) {
    out.push('### Cloud provider items (inherited, not counted)', '');
    for (const item of report.inheritedFromProvider) out.push(`- ${item.clause} \`${item.id}\` ${cell(item.summary)}`);
    out.push('');
  }
  return out;
}

const CARRY_LABEL: Record<GapItem['carryOver'], string> = { met: 'met as it stands', repositioned: 'met once repositioned', evidence: 'evidence needed', extend: 'extend a control', add: 'new control' };

/** How much carries over: the sentence, the classes, the range and what pulls the figure down. */
export function carryOverLines(report: GapReport): string[] {
  const c = report.carryOver;
  const share = (value: number) => (c.applicable === 0 ? '0%' : `${Math.round((value / c.applicable) * 1000) / 10}%`);
  const out = ['### How much carries over', '', `**${cell(c.sentence)}**`, ''];
  out.push('| Measure | Items | Share |', '|---|--:|--:|');
  out.push(`| Met by existing controls as they stand (the headline) | ${c.metAsIs} | ${c.metAsIsPercent}% |`);
  out.push(`| Met once an existing control is repositioned in the mainland | ${c.metOnceRepositioned} | ${share(c.metOnceRepositioned)} |`);
  out.push(`| Met once evidence or a practice statement is shown | ${c.evidenceNeeded} | ${share(c.evidenceNeeded)} |`);
  out.push(`| Existing control to extend | ${c.extendControl} | ${share(c.extendControl)} |`);
  out.push(`| New control | ${c.newControl} | ${share(c.newControl)} |`);
  out.push(`| Evidence reuse (share of the assessor's evidence the attested SOC 2 / ISO artefacts supply) | – | ${c.evidenceReusePercent}% |`, '');
  if (c.range) {
    out.push(
      `Practitioners' range for level ${report.level}: ${c.range.min}-${c.range.max}% (${cell(c.range.source)}${c.range.needsReview ? ' Flagged for review.' : ''}). Landfall's figure is ${c.position === 'within' ? 'within' : c.position === 'below' ? 'below' : 'above'} it.`,
      '',
    );
  }
  if (c.newAtLevel) {
    out.push(`Level ${report.level} has ${c.newAtLevel.items} items that level ${c.newAtLevel.comparedWith} lacks; ${c.newAtLevel.metAsIs} of them are met as they stand and ${c.newAtLevel.metOnceRepositioned} once repositioned.`, '');
  }
  if (c.gaps.length > 0) {
    out.push('| What pulls it down | Not met as it stands / items | Of which met once repositioned | New at this level |', '|---|--:|--:|--:|');
    for (const group of c.gaps) out.push(`| ${cell(group.title)} | ${group.open} / ${group.items} | ${group.repositioned} | ${group.newAtLevel} |`);
    out.push('');
  }
  return out;
}

function registerRow(item: GapItem): string {
  const evidence = item.evidence.slice(0, 4).map((link) => `${link.control} (${link.relationship} ${link.strength})`).join(', ') || '–';
  const remediation = item.remediation === 'none' ? '–' : `${item.remediation}${item.themes.length > 0 ? ` (${item.themes.join(', ').replaceAll('_', ' ')})` : ''}`;
  return `| ${item.clause} | \`${item.id}\`${item.needsReview ? ' ⚠' : ''} | ${item.controlPoint.zh} | ${cell(item.summary)}: ${cell(item.paraphrase)} | ${STATUS_MARK[item.status]} ${STATUS_LABEL[item.status]} | ${cell(item.basis.join(' '))} | ${evidence} | ${remediation} | ${CARRY_LABEL[item.carryOver]} |`;
}

export function renderGapsMarkdown(gaps: ProfileGaps): string {
  const out: string[] = [`# GB/T 22239-2019 gap register: ${cell(gaps.organisation)}`, ''];
  out.push(`As of ${gaps.asOf} · engine ${gaps.engineVersion} · content ${gaps.contentVersion}. Requirements are paraphrased; the standard's own text governs. Items marked ⚠ are flagged for review in the catalogue.`, '');
  if (gaps.systems.length > 0) {
    out.push('| System | Level | Items | Covered | Partial | Evidence needed | Gap | Covered % | Weighted % | Effort (person-weeks) |', '|---|--:|--:|--:|--:|--:|--:|--:|--:|--:|');
    for (const report of gaps.systems) {
      const c = report.coverage.overall;
      out.push(`| ${cell(report.systemName)} | ${report.level} | ${c.applicable} | ${c.covered} | ${c.partial} | ${c.evidenceNeeded} | ${c.gap} | ${c.fullPercent}% | ${c.weightedPercent}% | ${weeks(report.effortWeeks)} |`);
    }
    out.push('');
    for (const report of gaps.systems) out.push(`- **${cell(report.systemName)}**: ${cell(report.carryOver.sentence)}`);
    out.push('');
  }
  for (const skipped of gaps.skipped) out.push(`- \`${cell(skipped.systemId)}\` not analysed: ${cell(skipped.reason)}`);
  if (gaps.skipped.length > 0) out.push('');
  for (const report of gaps.systems) out.push(...renderSystem(report));
  return `${out.join('\n').replace(/\n{3,}/g, '\n\n').trimEnd()}\n`;
}

export const REGISTER_COLUMNS = [
  'system', 'level', 'extension', 'category', 'clause', 'item', 'controlPointZh', 'controlPoint', 'summary', 'requirement', 'status', 'themes',
  'remediation', 'effortMinWeeks', 'effortMaxWeeks', 'evidence', 'basis', 'needsReview', 'reviewNote', 'carryOver',
] as const;

/** One row per system and item: the register as a flat table. */
export function gapRows(gaps: ProfileGaps): Array<Record<(typeof REGISTER_COLUMNS)[number], string | number | boolean>> {
  return gaps.systems.flatMap((report) =>
    report.items.map((item) => ({
      system: report.systemId,
      level: report.level,
      extension: item.extension ?? 'general',
      category: item.category,
      clause: item.clause,
      item: item.id,
      controlPointZh: item.controlPoint.zh,
      controlPoint: item.controlPoint.en,
      summary: item.summary,
      requirement: item.paraphrase,
      status: STATUS_LABEL[item.status],
      themes: item.themes.join(' '),
      remediation: item.remediation,
      effortMinWeeks: item.effortWeeks.min,
      effortMaxWeeks: item.effortWeeks.max,
      evidence: item.evidence.map((link) => `${link.control} ${link.relationship} ${link.strength}${link.attested ? '' : ' unattested'}`).join('; '),
      basis: item.basis.join(' '),
      needsReview: item.needsReview,
      reviewNote: item.reviewNote ?? '',
      carryOver: item.carryOver,
    })),
  );
}

/** Neutralises spreadsheet formulas in text a user supplied (CSV injection). */
function safeCell(value: string | number | boolean): string | number | boolean {
  return typeof value === 'string' && /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
}

export function renderGapsCsv(gaps: ProfileGaps): string {
  const rows = gapRows(gaps).map((row) => REGISTER_COLUMNS.map((column) => safeCell(row[column])));
  return stringify([[...REGISTER_COLUMNS], ...rows]);
}

export async function renderGapsXlsx(gaps: ProfileGaps): Promise<Uint8Array> {
  // Loaded on demand: exceljs is large and only this format needs it.
  const { default: excel } = await import('exceljs');
  const workbook = new excel.Workbook();
  workbook.creator = 'Landfall';
  workbook.title = `GB/T 22239-2019 gap register: ${gaps.organisation}`;
  const header = (sheet: ExcelJS.Worksheet) => {
    sheet.getRow(1).font = { bold: true };
    sheet.views = [{ state: 'frozen', ySplit: 1 }];
    sheet.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: sheet.columnCount } };
  };

  const register = workbook.addWorksheet('Register');
  register.columns = REGISTER_COLUMNS.map((key) => ({ header: key, key, width: ['requirement', 'basis', 'evidence'].includes(key) ? 60 : key === 'summary' ? 36 : 14 }));
  for (const row of gapRows(gaps)) register.addRow(Object.fromEntries(REGISTER_COLUMNS.map((column) => [column, safeCell(row[column])])));
  header(register);

  const coverage = workbook.addWorksheet('Coverage');
  coverage.columns = ['system', 'level', 'scope', 'applicable', 'covered', 'partial', 'evidenceNeeded', 'gap', 'fullPercent', 'weightedPercent'].map((key) => ({ header: key, key, width: 16 }));
  for (const report of gaps.systems) {
    for (const entry of report.coverage.byCategory) coverage.addRow({ system: report.systemId, level: report.level, scope: entry.category, ...entry });
    for (const entry of report.coverage.byExtension) coverage.addRow({ system: report.systemId, level: report.level, scope: `extension:${entry.extension}`, ...entry });
    coverage.addRow({ system: report.systemId, level: report.level, scope: 'overall', ...report.coverage.overall });
  }
  header(coverage);

  const carry = workbook.addWorksheet('Carry-over');
  carry.columns = ['system', 'level', 'applicable', 'metAsIs', 'metAsIsPercent', 'metOnceRepositioned', 'onceRepositionedPercent', 'evidenceNeeded', 'extendControl', 'newControl', 'evidenceReusePercent', 'rangeMin', 'rangeMax', 'position', 'sentence'].map((key) => ({
    header: key,
    key,
    width: key === 'sentence' ? 100 : 14,
  }));
  for (const report of gaps.systems) {
    const c = report.carryOver;
    carry.addRow({ system: report.systemId, level: report.level, ...c, rangeMin: c.range?.min ?? '', rangeMax: c.range?.max ?? '', position: c.position ?? '', sentence: c.sentence, range: undefined, gaps: undefined, newAtLevel: undefined });
  }
  header(carry);

  const themes = workbook.addWorksheet('Themes');
  themes.columns = ['system', 'theme', 'title', 'open', 'items', 'remediation', 'effortMinWeeks', 'effortMaxWeeks', 'whatToDo'].map((key) => ({ header: key, key, width: key === 'whatToDo' ? 80 : 18 }));
  for (const report of gaps.systems) {
    for (const theme of report.themes) {
      themes.addRow({ system: report.systemId, theme: theme.theme, title: theme.title, open: theme.open, items: theme.items.join(' '), remediation: theme.remediation, effortMinWeeks: theme.effortWeeks.min, effortMaxWeeks: theme.effortWeeks.max, whatToDo: theme.remediationDetail });
    }
  }
  header(themes);

  const evidence = workbook.addWorksheet('Evidence');
  evidence.columns = ['system', 'framework', 'control', 'name', 'attested', 'items'].map((key) => ({ header: key, key, width: key === 'items' ? 80 : 18 }));
  for (const report of gaps.systems) {
    for (const entry of report.evidenceMap) evidence.addRow({ system: report.systemId, framework: entry.framework, control: entry.control, name: entry.controlName, attested: entry.attested, items: entry.items.join(' ') });
  }
  header(evidence);

  const buffer = await workbook.xlsx.writeBuffer();
  return new Uint8Array(buffer as ArrayBuffer);
}
