// Renders an assessment as Markdown that reads well in a terminal and in a document.
import type { Assessment, CitationOut, GapSummary, Obligation, TraceStep } from '../core/assess/assessment-schema.ts';

const WORDS: Record<string, string> = {
  none: 'none',
  exempt: 'exempt',
  standard_contract_or_certification: 'standard contract or certification',
  security_assessment: 'CAC security assessment',
  not_indicated: 'not indicated',
  candidate: 'candidate (CII sector)',
  notified: 'notified CII operator',
  overseas: 'overseas',
  overseas_with_transfer_mechanism: 'overseas with a transfer mechanism',
  mainland_recommended: 'mainland recommended',
  mainland_required: 'mainland required',
  filing: 'ICP filing',
  licence: 'ICP licence',
  calendar_year_to_date: 'since 1 January of the current year',
  since_previous_calendar_year_start: 'since 1 January of the previous year',
};
const word = (value: string): string => WORDS[value] ?? value.replaceAll('_', ' ');

/**
 * Escapes untrusted text (names and ids from a profile) so it cannot inject markup: emphasis,
 * code, raw HTML, table cells and links. Brackets alone stay readable (`systems[0]`).
 */
export function escapeMarkdown(text: string): string {
  return text.replace(/([\\`*_<>|])/g, '\\$1').replace(/\](?=\()/g, '\\]').replace(/\r?\n/g, ' ');
}

export function formatCitation(citation: CitationOut): string {
  if (citation.instrument === 'practice') return `practice: ${citation.title}${citation.url ? ` (${citation.url})` : ''}`;
  const article = citation.article ? ` Art. ${citation.article}` : '';
  return `${citation.title}${article} (${citation.instrument}, from ${citation.effective})${citation.confidence === 'unconfirmed' ? ' [unconfirmed]' : ''}`;
}

const review = (flag: boolean): string => (flag ? ' ⚠ legal review' : '');

function gapSummaryLines(gaps: GapSummary): string[] {
  const c = gaps.coverage;
  const lines = [
    `**GB/T 22239-2019 carry-over at level ${gaps.level}** (${gaps.sources.length > 0 ? gaps.sources.join(' + ') : 'no SOC 2 / ISO 27001 evidence'}${gaps.extensions.length > 0 ? `; extensions: ${gaps.extensions.join(', ')}` : ''}): ${c.applicable} items, ${c.covered} covered, ${c.partial} partial, ${c.evidenceNeeded} evidence needed, ${c.gap} gaps; ${c.fullPercent}% covered, ${c.weightedPercent}% weighted. Rough effort ${gaps.effortWeeks.min}–${gaps.effortWeeks.max} person-weeks.`,
  ];
  for (const theme of gaps.themes.filter((entry) => entry.open > 0)) lines.push(`  - ${theme.title}: ${theme.open} of ${theme.items} open (${theme.remediation === 'add' ? 'add a control' : 'reposition an existing control'})`);
  lines.push(`  - ${gaps.detail}`);
  return lines;
}

function traceLines(trace: TraceStep[]): string[] {
  return trace.map((step) => `  - ${step.step} → ${step.result}${step.citation ? ` _(${formatCitation(step.citation)})_` : ''}`);
}

function obligationLines(obligations: Obligation[], indent = ''): string[] {
  return obligations.map((o) => `${indent}- **${o.title}**: ${o.detail} _(${formatCitation(o.citation)})_${review(o.needsLegalReview)}`);
}

export function renderAssessmentMarkdown(assessment: Assessment): string {
  const out: string[] = [];
  const { organisation: org } = assessment;
  out.push(`# China entry assessment: ${escapeMarkdown(assessment.profile.organisation)}`, '');
  out.push(`As of **${assessment.asOf}** · engine ${assessment.engineVersion} · content ${assessment.contentVersion}${assessment.needsLegalReview ? ' · ⚠ some answers need legal review' : ''}`, '');
  out.push('## Headlines', '');
  out.push(`- **Transfer route**: ${word(org.cbdt.mechanism)} (${org.cbdt.regime.title})${org.cbdt.sectorEscalation ? `; sector rule may require ${word(org.cbdt.sectorEscalation.mechanism)}${review(true)}` : ''}`);
  out.push(`- **CII**: ${word(org.cii.status)}`);
  for (const system of assessment.systems) {
    out.push(`- **${escapeMarkdown(system.name)}**: MLPS level ${system.mlps.level}${system.mlps.applies ? '' : ' (once in the mainland)'} · ${system.icp.requirement === 'none' ? 'no ICP' : word(system.icp.requirement)}${system.icp.ediLicence ? ' + EDI licence' : ''} · hosting ${word(system.hosting.recommendation)}`);
  }
  out.push(`- **Timeline**: ${assessment.timeline.minMonths}-${assessment.timeline.maxMonths} months from ${assessment.timeline.start}; critical path ${assessment.timeline.criticalPath.join(' → ') || 'none'}`, '');

  out.push('## Findings', '');
  for (const finding of assessment.findings) {
    out.push(`- [${finding.severity.toUpperCase()}] **${escapeMarkdown(finding.title)}**${review(finding.needsLegalReview)}`, `  ${escapeMarkdown(finding.detail)}`);
  }
  out.push('');

  const { cbdt } = org;
  out.push('## Cross-border transfer of personal information', '');
  out.push(`**Route: ${word(cbdt.mechanism)}** under the ${cbdt.regime.title} (from ${cbdt.regime.effective})${review(cbdt.needsLegalReview)}`, '');
  out.push(`Counted ${word(cbdt.counted.window)} (from ${cbdt.counted.windowStart}): ${cbdt.counted.nonSensitiveIndividuals.toLocaleString('en-US')} non-sensitive and ${cbdt.counted.sensitiveIndividuals.toLocaleString('en-US')} sensitive individuals. ${cbdt.counted.method}`, '');
  if (cbdt.transfers.length > 0) {
    out.push('| transfer | from | to | non-sensitive | sensitive | treatment |', '|---|---|---|---:|---:|---|');
    for (const t of cbdt.transfers) {
      out.push(`| ${escapeMarkdown(t.transfer)}${t.implied ? ' (derived)' : ''} | ${escapeMarkdown(t.fromSystem ?? '-')} | ${t.destination ?? '?'} | ${t.nonSensitiveIndividuals.toLocaleString('en-US')} | ${t.sensitiveIndividuals.toLocaleString('en-US')} | ${word(t.treatment)}: ${escapeMarkdown(t.reason)} |`);
    }
    out.push('');
  }
  out.push('Decision path:', ...traceLines(cbdt.trace), '');
  if (cbdt.options.length > 0) {
    out.push('Options:');
    for (const option of cbdt.options) out.push(`- ${option.available ? '✔' : '✘'} **${option.title}**: ${option.detail} _(${formatCitation(option.citation)})_${review(option.needsLegalReview)}`);
    out.push('');
  }
  if (cbdt.duties.length > 0) out.push('Duties that apply whatever the route:', ...obligationLines(cbdt.duties), '');
  if (cbdt.procedure.length > 0) out.push('Procedure and deadlines:', ...obligationLines(cbdt.procedure), '');

  out.push('## Critical information infrastructure', '', `Status: **${word(org.cii.status)}**`, ...traceLines(org.cii.trace), '');
  if (org.cii.obligations.length > 0) out.push(org.cii.status === 'notified' ? 'Obligations:' : 'What designation would add:', ...obligationLines(org.cii.obligations), '');

  if (org.piVolumeDuties.length > 0) {
    out.push('## Duties that follow from volume', '');
    for (const duty of org.piVolumeDuties) out.push(`- **${duty.title}** (${duty.threshold}): ${duty.detail} _(${formatCitation(duty.citation)})_${review(duty.needsLegalReview)}`);
    out.push('');
  }
  if (org.sectorRules.length > 0) {
    out.push('## Sector rules', '');
    for (const rule of org.sectorRules) out.push(`- ${rule.applies ? '' : '(not yet applicable) '}**${rule.title}**: ${rule.detail} _(${formatCitation(rule.citation)})_${review(rule.needsLegalReview)}`);
    out.push('');
  }

  for (const system of assessment.systems) {
    out.push(`## System: ${escapeMarkdown(system.name)} (\`${escapeMarkdown(system.id)}\`)`, '', system.jurisdiction.detail, '');
    const { mlps, icp, hosting } = system;
    out.push(`### MLPS: level ${mlps.level}${review(mlps.needsLegalReview)}`, '', `Business information L${mlps.businessInformationLevel}, system service L${mlps.systemServiceLevel}. ${mlps.applicability}`, ...traceLines(mlps.trace), '', ...obligationLines(mlps.obligations), '');
    if (mlps.gaps) out.push(...gapSummaryLines(mlps.gaps), '');
    out.push(`### ICP: ${icp.requirement === 'none' ? 'none' : word(icp.requirement)}${icp.ediLicence ? ' and EDI licence' : ''}${review(icp.needsLegalReview)}`, '', ...traceLines(icp.trace));
    if (icp.prerequisites.length > 0) out.push('', 'Prerequisites:', ...icp.prerequisites.map((p) => `- ${p.met === 'yes' ? '✔' : p.met === 'pending' ? '…' : '✘'} ${p.title}: ${p.detail}`));
    if (icp.obligations.length > 0) out.push('', ...obligationLines(icp.obligations));
    out.push('', `### Hosting: ${word(hosting.recommendation)}${review(hosting.needsLegalReview)}`, '');
    for (const step of hosting.path) out.push(`- ${step.question} **${step.answer}** ${step.consequence}${step.citation ? ` _(${formatCitation(step.citation)})_` : ''}`);
    if (hosting.reasons.length > 0) out.push('', 'Why:', ...hosting.reasons.map((reason) => `- ${reason}`));
    out.push('');
    if (system.localisation.length > 0) {
      out.push('### Localisation of the stack', '', '| integration | status | alternatives |', '|---|---|---|');
      for (const item of system.localisation) out.push(`| ${escapeMarkdown(item.name)} | ${item.status}${item.confidence === 'unconfirmed' ? ' (unconfirmed)' : ''} | ${escapeMarkdown(item.alternativeNames.join(', ') || '-')} |`);
      for (const item of system.localisation) for (const finding of item.findings) out.push(`- **${item.name}: ${finding.title}**: ${finding.detail}${finding.citation ? ` _(${formatCitation(finding.citation)})_` : ''}`);
      out.push('');
    }
    if (system.sectorRules.length > 0) {
      out.push('### Sector rules for this system', '');
      for (const rule of system.sectorRules) out.push(`- **${rule.title}**: ${rule.detail} _(${formatCitation(rule.citation)})_${review(rule.needsLegalReview)}`);
      out.push('');
    }
  }

  const { timeline } = assessment;
  out.push('## Timeline', '', `${timeline.minMonths} to ${timeline.maxMonths} months from ${timeline.start}: ready between ${timeline.readyBy.earliest} and ${timeline.readyBy.latest}${timeline.goLive ? `; target go-live ${timeline.goLive}` : ''}.`, '');
  if (timeline.tracks.length > 0) {
    out.push('| track | depends on | months | starts (months) | ends (months) | critical |', '|---|---|---:|---:|---:|:---:|');
    for (const track of timeline.tracks) {
      out.push(`| ${track.title}${track.needsLegalReview ? ' ⚠' : ''} | ${track.dependsOn.join(', ') || '-'} | ${track.minMonths}-${track.maxMonths} | ${track.startMonths.min}-${track.startMonths.max} | ${track.endMonths.min}-${track.endMonths.max} | ${timeline.criticalPath.includes(track.id) ? '●' : ''} |`);
    }
    out.push('');
  }
  if (timeline.postLaunch.length > 0) out.push('After launch:', ...obligationLines(timeline.postLaunch), '');

  out.push('## Open questions', '');
  for (const question of assessment.openQuestions) out.push(`- **${question.id}** ${escapeMarkdown(question.question)} ${escapeMarkdown(question.detail)}`);
  out.push('', '## Rules applied', '');
  for (const rule of assessment.rules) out.push(`- ${rule.title} (\`${rule.id}\`), from ${rule.effective}`);
  out.push('', '_Landfall evaluates the law as of the date above. It is not legal advice; items marked ⚠ need review by counsel._', '');
  return out.join('\n');
}
