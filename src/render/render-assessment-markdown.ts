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
 * Line breaks as CommonMark and other Markdown readers see them: LF, CR and CRLF (CommonMark
 * §2.1), and the Unicode line and paragraph separators and NEL that some readers also honour.
 */
const LINE_BREAKS = /\r\n|[\n\r\u0085\u2028\u2029]/g;

/**
 * Escapes untrusted text (names and ids from a profile, and the prose built from them) so it
 * cannot inject markup: emphasis, code, raw HTML, table cells and links. Every line break becomes
 * a space, so the text can never start a line of its own, where it could define a reference link
 * (`[x]: https://...`), open a block or end a table. A `]` that could close a link or a label
 * (before `(`, `[` or `:`) is escaped; other brackets stay readable (`systems[0]`).
 */
export function escapeMarkdown(text: string): string {
  return text
    .replace(LINE_BREAKS, ' ')
    .replace(/[\\`*_<>|]/g, (character) => `\\${character}`)
    .replace(/\](?=[([:])/g, '\\]');
}

export function formatCitation(citation: CitationOut): string {
  if (citation.instrument === 'practice') return `practice: ${citation.title}${citation.url ? ` (${citation.url})` : ''}`;
  const article = citation.article ? ` Art. ${citation.article}` : '';
  return `${citation.title}${article} (${citation.instrument}, from ${citation.effective})${citation.confidence === 'unconfirmed' ? ' [unconfirmed]' : ''}`;
}

/**
 * A citation as Markdown, linked to the instrument's text when the content knows its address. The
 * address comes from content/instruments.yaml, never from a profile; only http(s) addresses are
 * linked, and the characters that could end a link destination are percent-encoded.
 */
export function citationLink(citation: CitationOut, label = formatCitation(citation)): string {
  const text = escapeMarkdown(label);
  const url = citation.url;
  if (!url || !/^https?:\/\/[^\s]+$/i.test(url)) return text;
  return `[${text.replace(/\\.|[[\]]/g, (token) => (token.length === 2 ? token : `\\${token}`))}](${url.replace(/[()<> ]/g, (character) => `%${character.charCodeAt(0).toString(16).toUpperCase().padStart(2, '0')}`)})`;
}

const e = escapeMarkdown;
const cite = (citation: CitationOut): string => e(formatCitation(citation));
const review = (flag: boolean): string => (flag ? ' ⚠ legal review' : '');

function gapSummaryLines(gaps: GapSummary): string[] {
  const c = gaps.coverage;
  const lines = [
    `**GB/T 22239-2019 carry-over at level ${gaps.level}** (${gaps.sources.length > 0 ? e(gaps.sources.join(' + ')) : 'no SOC 2 / ISO 27001 evidence'}${gaps.extensions.length > 0 ? `; extensions: ${e(gaps.extensions.join(', '))}` : ''}): ${c.applicable} items, ${c.covered} covered, ${c.partial} partial, ${c.evidenceNeeded} evidence needed, ${c.gap} gaps; ${c.fullPercent}% covered, ${c.weightedPercent}% weighted. Rough effort ${gaps.effortWeeks.min}–${gaps.effortWeeks.max} person-weeks.`,
  ];
  if (gaps.carryOver) lines.push(`  - **Carry-over:** ${e(gaps.carryOver.sentence)}${gaps.carryOver.range?.needsReview ? ' _(range: practitioners\' estimate, not a published figure)_' : ''}`);
  for (const theme of gaps.themes.filter((entry) => entry.open > 0)) lines.push(`  - ${e(theme.title)}: ${theme.open} of ${theme.items} open (${theme.remediation === 'add' ? 'add a control' : 'reposition an existing control'})`);
  // Landfall's own sentence (a code span naming the command), with only the system's slug in it.
  lines.push(`  - ${gaps.detail}`);
  return lines;
}

function traceLines(trace: TraceStep[]): string[] {
  return trace.map((step) => `  - ${e(step.step)} → ${e(step.result)}${step.citation ? ` _(${cite(step.citation)})_` : ''}`);
}

function obligationLines(obligations: Obligation[], indent = ''): string[] {
  return obligations.map((o) => `${indent}- **${e(o.title)}**: ${e(o.detail)} _(${cite(o.citation)})_${review(o.needsLegalReview)}`);
}

export function renderAssessmentMarkdown(assessment: Assessment): string {
  const out: string[] = [];
  const { organisation: org } = assessment;
  out.push(`# China entry assessment: ${e(assessment.profile.organisation)}`, '');
  out.push(`As of **${assessment.asOf}** · engine ${assessment.engineVersion} · content ${assessment.contentVersion}${assessment.needsLegalReview ? ' · ⚠ some answers need legal review' : ''}`, '');
  for (const warning of assessment.warnings ?? []) out.push(`> **⚠ Warning:** ${e(warning.message)}`, '');
  out.push('## Headlines', '');
  out.push(`- **Transfer route**: ${word(org.cbdt.mechanism)} (${e(org.cbdt.regime.title)})${org.cbdt.sectorEscalation ? `; sector rule may require ${word(org.cbdt.sectorEscalation.mechanism)}${review(true)}` : ''}`);
  out.push(`- **CII**: ${word(org.cii.status)}`);
  for (const system of assessment.systems) {
    out.push(`- **${e(system.name)}**: MLPS level ${system.mlps.level}${system.mlps.applies ? '' : ' (once in the mainland)'} · ${system.icp.requirement === 'none' ? 'no ICP' : word(system.icp.requirement)}${system.icp.ediLicence ? ' + EDI licence' : ''} · hosting ${word(system.hosting.recommendation)}`);
  }
  out.push(`- **Timeline**: ${assessment.timeline.minMonths}-${assessment.timeline.maxMonths} months from ${assessment.timeline.start}; critical path ${assessment.timeline.criticalPath.join(' → ') || 'none'}`, '');

  out.push('## Findings', '');
  for (const finding of assessment.findings) {
    out.push(`- [${finding.severity.toUpperCase()}] **${e(finding.title)}**${review(finding.needsLegalReview)}`, `  ${e(finding.detail)}`);
  }
  out.push('');

  const { cbdt } = org;
  out.push('## Cross-border transfer of personal information', '');
  out.push(`**Route: ${word(cbdt.mechanism)}** under the ${e(cbdt.regime.title)} (from ${cbdt.regime.effective})${review(cbdt.needsLegalReview)}`, '');
  out.push(`Counted ${word(cbdt.counted.window)} (from ${cbdt.counted.windowStart}): ${cbdt.counted.nonSensitiveIndividuals.toLocaleString('en-US')} non-sensitive and ${cbdt.counted.sensitiveIndividuals.toLocaleString('en-US')} sensitive individuals. ${e(cbdt.counted.method)}`, '');
  if (cbdt.transfers.length > 0) {
    out.push('| transfer | from | to | non-sensitive | sensitive | treatment |', '|---|---|---|---:|---:|---|');
    for (const t of cbdt.transfers) {
      out.push(`| ${e(t.transfer)}${t.implied ? ' (derived)' : ''} | ${e(t.fromSystem ?? '-')} | ${e(t.destination ?? '?')} | ${t.nonSensitiveIndividuals.toLocaleString('en-US')} | ${t.sensitiveIndividuals.toLocaleString('en-US')} | ${word(t.treatment)}: ${e(t.reason)} |`);
    }
    out.push('');
  }
  out.push('Decision path:', ...traceLines(cbdt.trace), '');
  if (cbdt.options.length > 0) {
    out.push('Options:');
    for (const option of cbdt.options) out.push(`- ${option.available ? '✔' : '✘'} **${e(option.title)}**: ${e(option.detail)} _(${cite(option.citation)})_${review(option.needsLegalReview)}`);
    out.push('');
  }
  if (cbdt.duties.length > 0) out.push('Duties that apply whatever the route:', ...obligationLines(cbdt.duties), '');
  if (cbdt.procedure.length > 0) out.push('Procedure and deadlines:', ...obligationLines(cbdt.procedure), '');

  out.push('## Critical information infrastructure', '', `Status: **${word(org.cii.status)}**`, ...traceLines(org.cii.trace), '');
  if (org.cii.obligations.length > 0) out.push(org.cii.status === 'notified' ? 'Obligations:' : 'What designation would add:', ...obligationLines(org.cii.obligations), '');

  if (org.piVolumeDuties.length > 0) {
    out.push('## Duties that follow from volume', '');
    for (const duty of org.piVolumeDuties) out.push(`- **${e(duty.title)}** (${e(duty.threshold)}): ${e(duty.detail)} _(${cite(duty.citation)})_${review(duty.needsLegalReview)}`);
    out.push('');
  }
  for (const [title, special] of [['Cybersecurity review before listing', org.cybersecurityReview], ['Vehicle standards for new type approvals', org.vehicleStandards]] as const) {
    if (special && special.duties.length > 0) out.push(`## ${title}`, '', ...obligationLines(special.duties), '');
  }
  if (org.networkData && org.networkData.duties.length > 0) {
    out.push(`## Network data duties${org.networkData.importantDataHandler ? ' (important-data handler duties apply)' : ''}`, '', ...obligationLines(org.networkData.duties), '');
  }
  if (org.sectorRules.length > 0) {
    out.push('## Sector rules', '');
    for (const rule of org.sectorRules) out.push(`- ${rule.applies ? '' : '(not yet applicable) '}**${e(rule.title)}**: ${e(rule.detail)} _(${cite(rule.citation)})_${review(rule.needsLegalReview)}`);
    out.push('');
  }

  for (const system of assessment.systems) {
    out.push(`## System: ${e(system.name)} (\`${e(system.id)}\`)`, '', e(system.jurisdiction.detail), '');
    const { mlps, icp, hosting } = system;
    out.push(`### MLPS: level ${mlps.level}${review(mlps.needsLegalReview)}`, '', `Business information L${mlps.businessInformationLevel}, system service L${mlps.systemServiceLevel}. ${e(mlps.applicability)}`, ...traceLines(mlps.trace), '', ...obligationLines(mlps.obligations), '');
    if (mlps.gaps) out.push(...gapSummaryLines(mlps.gaps), '');
    out.push(`### ICP: ${icp.requirement === 'none' ? 'none' : word(icp.requirement)}${icp.ediLicence ? ' and EDI licence' : ''}${review(icp.needsLegalReview)}`, '', ...traceLines(icp.trace));
    if (icp.prerequisites.length > 0) out.push('', 'Prerequisites:', ...icp.prerequisites.map((p) => `- ${p.met === 'yes' ? '✔' : p.met === 'pending' ? '…' : '✘'} ${e(p.title)}: ${e(p.detail)}`));
    if (icp.obligations.length > 0) out.push('', ...obligationLines(icp.obligations));
    out.push('', `### Hosting: ${word(hosting.recommendation)}${review(hosting.needsLegalReview)}`, '');
    for (const step of hosting.path) out.push(`- ${e(step.question)} **${e(step.answer)}** ${e(step.consequence)}${step.citation ? ` _(${cite(step.citation)})_` : ''}`);
    if (hosting.reasons.length > 0) out.push('', 'Why:', ...hosting.reasons.map((reason) => `- ${e(reason)}`));
    out.push('');
    if (system.localisation.length > 0) {
      out.push('### Localisation of the stack', '', '| integration | status | alternatives |', '|---|---|---|');
      for (const item of system.localisation) out.push(`| ${e(item.name)} | ${item.status}${item.confidence === 'unconfirmed' ? ' (unconfirmed)' : ''} | ${e(item.alternativeNames.join(', ') || '-')} |`);
      for (const item of system.localisation) for (const finding of item.findings) out.push(`- **${e(item.name)}: ${e(finding.title)}**: ${e(finding.detail)}${finding.citation ? ` _(${cite(finding.citation)})_` : ''}`);
      out.push('');
    }
    if (system.sectorRules.length > 0) {
      out.push('### Sector rules for this system', '');
      for (const rule of system.sectorRules) out.push(`- **${e(rule.title)}**: ${e(rule.detail)} _(${cite(rule.citation)})_${review(rule.needsLegalReview)}`);
      out.push('');
    }
    if (system.algorithms && system.algorithms.duties.length > 0) {
      out.push(`### Algorithms and generative AI${system.algorithms.filing !== 'none' ? ` (${word(system.algorithms.filing)})` : ''}`, '', ...obligationLines(system.algorithms.duties), '');
    }
    if (system.sensitivePi && system.sensitivePi.duties.length > 0) {
      out.push('### Sensitive personal information', '', ...obligationLines(system.sensitivePi.duties), '');
    }
    const reporting = system.incidentReporting;
    if (reporting && reporting.duties.length > 0) {
      out.push(`### Incident reporting (${reporting.ciiRelated ? 'CII operator' : 'network operator'}${reporting.reportableGradeAtLeast ? `; reportable from grade ${word(reporting.reportableGradeAtLeast)}` : ''})`, '', ...obligationLines(reporting.duties), '');
    }
  }

  const { timeline } = assessment;
  out.push('## Timeline', '', `${timeline.minMonths} to ${timeline.maxMonths} months from ${timeline.start}: ready between ${timeline.readyBy.earliest} and ${timeline.readyBy.latest}${timeline.goLive ? `; target go-live ${timeline.goLive}` : ''}.`, '');
  if (timeline.tracks.length > 0) {
    out.push('| track | depends on | months | starts (months) | ends (months) | critical |', '|---|---|---:|---:|---:|:---:|');
    for (const track of timeline.tracks) {
      out.push(`| ${e(track.title)}${track.needsLegalReview ? ' ⚠' : ''} | ${e(track.dependsOn.join(', ')) || '-'} | ${track.minMonths}-${track.maxMonths} | ${track.startMonths.min}-${track.startMonths.max} | ${track.endMonths.min}-${track.endMonths.max} | ${timeline.criticalPath.includes(track.id) ? '●' : ''} |`);
    }
    out.push('');
  }
  if (timeline.postLaunch.length > 0) out.push('After launch:', ...obligationLines(timeline.postLaunch), '');

  renderExposure(out, assessment);

  out.push('## Open questions', '');
  for (const question of assessment.openQuestions) out.push(`- **${question.id}** ${e(question.question)} ${e(question.detail)}`);
  out.push('', '## Rules applied', '');
  for (const rule of assessment.rules) out.push(`- ${e(rule.title)} (\`${rule.id}\`), from ${rule.effective}`);
  out.push('', '_Landfall evaluates the law as of the date above. It is not legal advice; items marked ⚠ need review by counsel._', '');
  return out.join('\n');
}

const RMB = new Intl.NumberFormat('en-US');

function rmbRange(range: { min: number; max: number }): string {
  return range.min === 0 ? `up to RMB ${RMB.format(range.max)}` : `RMB ${RMB.format(range.min)}-${RMB.format(range.max)}`;
}

/** The penalty exposure per determination: each tier's fine on the organisation and on individuals, cited. */
function renderExposure(out: string[], assessment: Assessment): void {
  const { exposure } = assessment;
  if (!exposure || exposure.items.length === 0) return;
  out.push('## Penalty exposure', '', `Fines in force on ${assessment.asOf} if a duty is not met${exposure.turnoverRmb == null ? "; without the previous year's turnover the PIPL serious-case ceiling is shown both as an amount and as a share of turnover" : ''}.`, '');
  for (const item of exposure.items) {
    out.push(`**${e(item.title)}** (\`${e(item.determination)}\`): ${e(item.detail)}`, '');
    for (const tier of item.tiers) {
      const amounts = [
        tier.organisation ? rmbRange(tier.organisation) : null,
        tier.turnoverPercentMax != null ? `or up to ${tier.turnoverPercentMax}% of the previous year's turnover${tier.turnoverAmountMax != null ? ` (RMB ${RMB.format(tier.turnoverAmountMax)})` : ''}` : null,
        tier.multiple ? `${tier.multiple.min}-${tier.multiple.max} times the sum` : null,
      ].filter((part): part is string => part != null);
      const fineText = amounts.length > 0 ? amounts.join(' ') : 'no fine at this tier on this date';
      out.push(`- ${e(tier.condition)}: ${fineText}${tier.individuals ? `; individuals ${rmbRange(tier.individuals)}` : ''} _(${cite(tier.citation)})_${tier.needsLegalReview ? ' ⚠ legal review' : ''}`);
    }
    out.push('');
  }
}
