// The derived figures published in docs/CONTROLS.md: catalogue counts, crosswalk counts and the
// reference coverage of a firm with ISO 27001 or SOC 2 in place.
import type { CatalogStats } from '../core/controls/catalog-stats.ts';
import type { ExampleCarryOver, ReferenceCoverage } from '../core/controls/reference-coverage.ts';

export const DERIVED_START = '<!-- derived:start (npm run docs:controls writes this block; do not edit by hand) -->';
export const DERIVED_END = '<!-- derived:end -->';

const SCOPE_LABEL: Record<ReferenceCoverage['scope'], string> = {
  own_machine_room: 'general requirements, own machine room in the mainland',
  mainland_cloud: 'general + cloud extension, on a mainland cloud (physical items inherited)',
};

export function renderCatalogStats(stats: CatalogStats, reference: readonly ReferenceCoverage[], examples: readonly ExampleCarryOver[] = []): string {
  const out: string[] = [];
  out.push('### GB/T 22239-2019 general requirements: items (control points) per level', '');
  out.push('| Category | Level 1 | Level 2 | Level 3 | Level 4 |', '|---|--:|--:|--:|--:|');
  const cellOf = (items: number, points: number) => (items === 0 ? '–' : `${items} (${points})`);
  for (const entry of stats.general) {
    out.push(`| ${entry.zh} ${entry.en} | ${([1, 2, 3, 4] as const).map((level) => cellOf(entry.items[level], entry.controlPoints[level])).join(' | ')} |`);
  }
  out.push(`| **Total** | ${([1, 2, 3, 4] as const).map((level) => `**${stats.generalTotal.items[level]}** (${stats.generalTotal.controlPoints[level]})`).join(' | ')} |`, '');
  out.push('### Extension requirements: items (control points)', '');
  out.push('| Extension | Level 2 | Level 3 | Note |', '|---|--:|--:|---|');
  for (const entry of stats.extensions) {
    const note = entry.byRole ? Object.entries(entry.byRole).map(([role, count]) => `${count} ${role}`).join(', ') : '';
    out.push(`| ${entry.zh} ${entry.en} | ${cellOf(entry.items[2], entry.controlPoints[2])} | ${cellOf(entry.items[3], entry.controlPoints[3])} | ${note} |`);
  }
  out.push('', `${stats.distinctItems} distinct items in all (an item that applies at several levels counts once); ${stats.needsReview} marked \`needsReview\`.`, '');
  out.push('### Jurisdiction themes', '', '| Theme | Items tagged |', '|---|--:|');
  for (const entry of stats.themed) out.push(`| ${entry.theme} | ${entry.items} |`);
  out.push('', '### Crosswalks', '', '| Source | Rows | Items mapped | Items with no equivalent | equal / superset / subset / intersect | Source controls used |', '|---|--:|--:|--:|---|--:|');
  for (const entry of stats.crosswalks) {
    const relationships = ['equal', 'superset', 'subset', 'intersect'].map((key) => entry.byRelationship[key] ?? 0).join(' / ');
    out.push(`| ${entry.framework} | ${entry.rows} | ${entry.mappedItems} | ${entry.noEquivalent} | ${relationships} | ${entry.sourceControlsUsed} of ${entry.sourceControls} |`);
  }
  out.push('', '### Reference coverage', '', 'A system hosted in the mainland, with no mainland-specific practices (logs kept abroad, international algorithms, no source review, no background checks) and no MLPS filing yet.', '');
  out.push('| Firm | Scope | Level | Items | Covered | Partial | Evidence needed | Gap | Covered % | Weighted % |', '|---|---|--:|--:|--:|--:|--:|--:|--:|--:|');
  for (const entry of reference) {
    const c = entry.coverage;
    out.push(`| ${entry.label} | ${SCOPE_LABEL[entry.scope]} | ${entry.level} | ${c.applicable} | ${c.covered} | ${c.partial} | ${c.evidenceNeeded} | ${c.gap} | ${c.fullPercent}% | ${c.weightedPercent}% |`);
  }
  out.push('', '### Reference carry-over', '', 'The same firms and systems, sorted into the carry-over classes. "As it stands" is the headline; the range is the practitioners\' estimate for the level.', '');
  out.push(...carryOverHeader());
  for (const entry of reference) out.push(carryOverRow(`${entry.label} | ${SCOPE_LABEL[entry.scope]}`, entry.level, entry.carryOver));
  if (examples.length > 0) {
    out.push('', '### Carry-over of the examples', '', 'Every system of `examples/*.yaml` at level 2 and at level 3 (whatever its graded level), with the example\'s own controls and practices.', '');
    out.push(...carryOverHeader('Example | System'));
    for (const entry of examples) out.push(carryOverRow(`${entry.example} | \`${entry.systemId}\` (${entry.hosting}${entry.extensions.length > 0 ? `; ${entry.extensions.join(', ')}` : ''})`, entry.level, entry.carryOver));
  }
  return `${out.join('\n')}\n`;
}

/** Replaces the derived block of a document; throws when the markers are missing. */
export function replaceDerivedBlock(document: string, block: string): string {
  const start = document.indexOf(DERIVED_START);
  const end = document.indexOf(DERIVED_END);
  if (start < 0 || end < start) throw new Error('the document has no derived block markers');
  return `${document.slice(0, start + DERIVED_START.length)}\n\n${block}\n${document.slice(end)}`;
}

function carryOverHeader(first = 'Firm | Scope'): string[] {
  const columns = first.split(' | ').length;
  return [
    `| ${first} | Level | Items | As it stands | Once repositioned | Evidence needed | Extend | New | Evidence reuse | Practitioners | Biggest gaps (not met as they stand) |`,
    `|${'---|'.repeat(columns)}--:|--:|--:|--:|--:|--:|--:|--:|---|---|`,
  ];
}

function carryOverRow(first: string, level: number, c: ExampleCarryOver['carryOver']): string {
  const range = c.range ? `${c.range.min}-${c.range.max}% (${c.position})` : '–';
  const gaps = c.gaps.slice(0, 3).map((group) => `${group.title} ${group.open}`).join('; ') || '–';
  return `| ${first} | ${level} | ${c.applicable} | ${c.metAsIs} (${c.metAsIsPercent}%) | +${c.metOnceRepositioned} (${c.onceRepositionedPercent}%) | ${c.evidenceNeeded} | ${c.extendControl} | ${c.newControl} | ${c.evidenceReusePercent}% | ${range} | ${gaps} |`;
}
