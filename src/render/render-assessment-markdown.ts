// Renders an assessment as Markdown that reads well in a terminal and in a document. The
// determinations' prose is the engine's, in the language the assessment was made in; the report's
// own words (headings, labels, connecting words) come from content/messages/<locale>/assessment.yaml.
import type { Assessment, CitationOut, GapSummary, Obligation, TraceStep } from '../core/assess/assessment-schema.ts';
import { translator, type Locale, type Translate } from '../i18n/messages.ts';

/** One translator per locale for the report's words, made on first use. */

/** The enum values the report names in words (assessment.word); any other value is shown with its underscores as spaces. */
const WORDS = new Set([
  'none', 'exempt', 'standard_contract_or_certification', 'security_assessment', 'not_indicated', 'candidate', 'notified', 'overseas',
  'overseas_with_transfer_mechanism', 'mainland_recommended', 'mainland_required', 'filing', 'licence', 'calendar_year_to_date',
  'since_previous_calendar_year_start', 'counted', 'assessment_required', 'out_of_scope', 'algorithm_filing', 'generative_ai_filing',
]);

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

/** A citation in words, in the report's language (the citation's title is already in the assessment's). */
export function formatCitation(citation: CitationOut, locale: Locale = 'en'): string {
  const t = translator(locale);
  if (citation.instrument === 'practice') return t('assessment.citation.practice', { title: citation.title, url: citation.url || null });
  return t('assessment.citation.text', { title: citation.title, article: citation.article || null, instrument: citation.instrument, effective: citation.effective, unconfirmed: citation.confidence === 'unconfirmed' ? 'yes' : 'no' });
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

/** The report's words in one language, with the helpers every section uses. */
interface Report {
  readonly t: Translate;
  readonly locale: Locale;
  word(value: string): string;
  cite(citation: CitationOut): string;
  review(flag: boolean): string;
  list(items: readonly string[]): string;
}

function report(locale: Locale): Report {
  const t = translator(locale);
  return {
    t,
    locale,
    word: (value) => (WORDS.has(value) ? t('assessment.word', { value }) : value.replaceAll('_', ' ')),
    cite: (citation) => e(formatCitation(citation, locale)),
    review: (flag) => (flag ? t('assessment.legalReview') : ''),
    list: (items) => (items.length === 0 ? '' : items.reduce((first, second) => t('assessment.list', { first, second }))),
  };
}

function gapSummaryLines(r: Report, gaps: GapSummary): string[] {
  const { t } = r;
  const c = gaps.coverage;
  const lines = [
    t('assessment.gaps.line', {
      level: gaps.level,
      sources: gaps.sources.length > 0 ? e(gaps.sources.join(' + ')) : t('assessment.gaps.noEvidence'),
      extensions: gaps.extensions.length > 0 ? e(r.list(gaps.extensions)) : null,
      applicable: c.applicable,
      covered: c.covered,
      partial: c.partial,
      evidenceNeeded: c.evidenceNeeded,
      gap: c.gap,
      fullPercent: c.fullPercent,
      weightedPercent: c.weightedPercent,
      min: gaps.effortWeeks.min,
      max: gaps.effortWeeks.max,
    }),
  ];
  if (gaps.carryOver) lines.push(t('assessment.gaps.carryOver', { sentence: e(gaps.carryOver.sentence), needsReview: gaps.carryOver.range?.needsReview ? 'yes' : 'no' }));
  for (const theme of gaps.themes.filter((entry) => entry.open > 0)) lines.push(t('assessment.gaps.theme', { title: e(theme.title), open: theme.open, items: theme.items, remediation: theme.remediation }));
  // Landfall's own sentence (a code span naming the command), with only the system's slug in it.
  lines.push(`  - ${gaps.detail}`);
  return lines;
}

function traceLines(r: Report, trace: TraceStep[]): string[] {
  return trace.map((step) => `  - ${e(step.step)} → ${e(step.result)}${step.citation ? ` _(${r.cite(step.citation)})_` : ''}`);
}

function obligationLines(r: Report, obligations: Obligation[], indent = ''): string[] {
  return obligations.map((o) => `${indent}- **${e(o.title)}**: ${e(o.detail)} _(${r.cite(o.citation)})_${r.review(o.needsLegalReview)}`);
}

/** A number grouped as en-US writes it (1,000,000), in either language. */
const count = (value: number): string => value.toLocaleString('en-US');

/**
 * The assessment as Markdown, its own words in `locale` (default English). The determinations'
 * prose is the assessment's: assess in the same language for a report in one language throughout.
 */
export function renderAssessmentMarkdown(assessment: Assessment, locale: Locale = 'en'): string {
  const r = report(locale);
  const { t, word, review } = r;
  const out: string[] = [];
  const { organisation: org } = assessment;
  out.push(t('assessment.title', { organisation: e(assessment.profile.organisation) }), '');
  out.push(t('assessment.meta', { asOf: assessment.asOf, engine: assessment.engineVersion, content: assessment.contentVersion, review: assessment.needsLegalReview ? 'yes' : 'no' }), '');
  for (const warning of assessment.warnings ?? []) out.push(t('assessment.warning', { message: e(warning.message) }), '');
  out.push(t('assessment.h.headlines'), '');
  out.push(t('assessment.headline.route', { mechanism: word(org.cbdt.mechanism), regime: e(org.cbdt.regime.title), escalation: org.cbdt.sectorEscalation ? word(org.cbdt.sectorEscalation.mechanism) : null, review: review(true) }));
  out.push(t('assessment.headline.cii', { status: word(org.cii.status) }));
  for (const system of assessment.systems) {
    out.push(t('assessment.headline.system', { name: e(system.name), level: system.mlps.level, applies: system.mlps.applies ? 'yes' : 'no', icp: system.icp.requirement === 'none' ? t('assessment.noIcp') : word(system.icp.requirement), edi: system.icp.ediLicence ? 'yes' : 'no', hosting: word(system.hosting.recommendation) }));
  }
  out.push(t('assessment.headline.timeline', { min: assessment.timeline.minMonths, max: assessment.timeline.maxMonths, start: assessment.timeline.start, path: assessment.timeline.criticalPath.join(' → ') || t('assessment.none') }), '');

  out.push(t('assessment.h.findings'), '');
  for (const finding of assessment.findings) {
    out.push(`- [${t('assessment.severity', { severity: finding.severity })}] **${e(finding.title)}**${review(finding.needsLegalReview)}`, `  ${e(finding.detail)}`);
  }
  out.push('');

  const { cbdt } = org;
  out.push(t('assessment.h.cbdt'), '');
  out.push(t('assessment.cbdt.route', { mechanism: word(cbdt.mechanism), regime: e(cbdt.regime.title), effective: cbdt.regime.effective, review: review(cbdt.needsLegalReview) }), '');
  out.push(t('assessment.cbdt.counted', { window: word(cbdt.counted.window), start: cbdt.counted.windowStart, nonSensitive: count(cbdt.counted.nonSensitiveIndividuals), sensitive: count(cbdt.counted.sensitiveIndividuals), method: e(cbdt.counted.method) }), '');
  if (cbdt.transfers.length > 0) {
    out.push(t('assessment.cbdt.table'), '|---|---|---|---:|---:|---|');
    for (const tr of cbdt.transfers) {
      out.push(`| ${e(tr.transfer)}${tr.implied ? t('assessment.cbdt.derived') : ''} | ${e(tr.fromSystem ?? '-')} | ${e(tr.destination ?? '?')} | ${count(tr.nonSensitiveIndividuals)} | ${count(tr.sensitiveIndividuals)} | ${word(tr.treatment)}: ${e(tr.reason)} |`);
    }
    out.push('');
  }
  out.push(t('assessment.cbdt.decisionPath'), ...traceLines(r, cbdt.trace), '');
  if (cbdt.options.length > 0) {
    out.push(t('assessment.cbdt.options'));
    for (const option of cbdt.options) out.push(`- ${option.available ? '✔' : '✘'} **${e(option.title)}**: ${e(option.detail)} _(${r.cite(option.citation)})_${review(option.needsLegalReview)}`);
    out.push('');
  }
  if (cbdt.duties.length > 0) out.push(t('assessment.cbdt.duties'), ...obligationLines(r, cbdt.duties), '');
  if (cbdt.procedure.length > 0) out.push(t('assessment.cbdt.procedure'), ...obligationLines(r, cbdt.procedure), '');

  out.push(t('assessment.h.cii'), '', t('assessment.cii.status', { status: word(org.cii.status) }), ...traceLines(r, org.cii.trace), '');
  if (org.cii.obligations.length > 0) out.push(t('assessment.cii.obligations', { notified: org.cii.status === 'notified' ? 'yes' : 'no' }), ...obligationLines(r, org.cii.obligations), '');

  if (org.piVolumeDuties.length > 0) {
    out.push(t('assessment.h.volume'), '');
    for (const duty of org.piVolumeDuties) out.push(`- **${e(duty.title)}** (${e(duty.threshold)}): ${e(duty.detail)} _(${r.cite(duty.citation)})_${review(duty.needsLegalReview)}`);
    out.push('');
  }
  for (const [heading, special] of [['assessment.h.cybersecurityReview', org.cybersecurityReview], ['assessment.h.vehicleStandards', org.vehicleStandards]] as const) {
    if (special && special.duties.length > 0) out.push(t(heading), '', ...obligationLines(r, special.duties), '');
  }
  if (org.networkData && org.networkData.duties.length > 0) {
    out.push(t('assessment.h.networkData', { importantData: org.networkData.importantDataHandler ? 'yes' : 'no' }), '', ...obligationLines(r, org.networkData.duties), '');
  }
  if (org.sectorRules.length > 0) {
    out.push(t('assessment.h.sectorRules'), '');
    for (const rule of org.sectorRules) out.push(`- ${rule.applies ? '' : t('assessment.notYetApplicable')}**${e(rule.title)}**: ${e(rule.detail)} _(${r.cite(rule.citation)})_${review(rule.needsLegalReview)}`);
    out.push('');
  }

  for (const system of assessment.systems) {
    out.push(t('assessment.h.system', { name: e(system.name), id: e(system.id) }), '', e(system.jurisdiction.detail), '');
    const { mlps, icp, hosting } = system;
    out.push(t('assessment.h.mlps', { level: mlps.level, review: review(mlps.needsLegalReview) }), '', t('assessment.mlps.subGrades', { business: mlps.businessInformationLevel, service: mlps.systemServiceLevel, applicability: e(mlps.applicability) }), ...traceLines(r, mlps.trace), '', ...obligationLines(r, mlps.obligations), '');
    if (mlps.gaps) out.push(...gapSummaryLines(r, mlps.gaps), '');
    out.push(t('assessment.h.icp', { requirement: word(icp.requirement), edi: icp.ediLicence ? 'yes' : 'no', review: review(icp.needsLegalReview) }), '', ...traceLines(r, icp.trace));
    if (icp.prerequisites.length > 0) out.push('', t('assessment.icp.prerequisites'), ...icp.prerequisites.map((p) => `- ${p.met === 'yes' ? '✔' : p.met === 'pending' ? '…' : '✘'} ${e(p.title)}: ${e(p.detail)}`));
    if (icp.obligations.length > 0) out.push('', ...obligationLines(r, icp.obligations));
    out.push('', t('assessment.h.hosting', { recommendation: word(hosting.recommendation), review: review(hosting.needsLegalReview) }), '');
    for (const step of hosting.path) out.push(`- ${e(step.question)} **${e(step.answer)}** ${e(step.consequence)}${step.citation ? ` _(${r.cite(step.citation)})_` : ''}`);
    if (hosting.reasons.length > 0) out.push('', t('assessment.hosting.why'), ...hosting.reasons.map((reason) => `- ${e(reason)}`));
    out.push('');
    if (system.localisation.length > 0) {
      out.push(t('assessment.h.localisation'), '', t('assessment.localisation.table'), '|---|---|---|');
      for (const item of system.localisation) out.push(`| ${e(item.name)} | ${t('assessment.localisation.status', { status: item.status, unconfirmed: item.confidence === 'unconfirmed' ? 'yes' : 'no' })} | ${e(r.list(item.alternativeNames) || '-')} |`);
      for (const item of system.localisation) for (const finding of item.findings) out.push(`- **${e(item.name)}: ${e(finding.title)}**: ${e(finding.detail)}${finding.citation ? ` _(${r.cite(finding.citation)})_` : ''}`);
      out.push('');
    }
    if (system.sectorRules.length > 0) {
      out.push(t('assessment.h.systemSectorRules'), '');
      for (const rule of system.sectorRules) out.push(`- **${e(rule.title)}**: ${e(rule.detail)} _(${r.cite(rule.citation)})_${review(rule.needsLegalReview)}`);
      out.push('');
    }
    if (system.algorithms && system.algorithms.duties.length > 0) {
      out.push(t('assessment.h.algorithms', { filing: system.algorithms.filing !== 'none' ? word(system.algorithms.filing) : null }), '', ...obligationLines(r, system.algorithms.duties), '');
    }
    if (system.sensitivePi && system.sensitivePi.duties.length > 0) {
      out.push(t('assessment.h.sensitivePi'), '', ...obligationLines(r, system.sensitivePi.duties), '');
    }
    const reporting = system.incidentReporting;
    if (reporting && reporting.duties.length > 0) {
      out.push(t('assessment.h.incident', { cii: reporting.ciiRelated ? 'yes' : 'no', grade: reporting.reportableGradeAtLeast ? word(reporting.reportableGradeAtLeast) : null }), '', ...obligationLines(r, reporting.duties), '');
    }
  }

  const { timeline } = assessment;
  out.push(t('assessment.h.timeline'), '', t('assessment.timeline.summary', { min: timeline.minMonths, max: timeline.maxMonths, start: timeline.start, earliest: timeline.readyBy.earliest, latest: timeline.readyBy.latest, goLive: timeline.goLive ?? null }), '');
  if (timeline.tracks.length > 0) {
    out.push(t('assessment.timeline.table'), '|---|---|---:|---:|---:|:---:|');
    for (const track of timeline.tracks) {
      out.push(`| ${e(track.title)}${track.needsLegalReview ? ' ⚠' : ''} | ${e(r.list(track.dependsOn)) || '-'} | ${track.minMonths}-${track.maxMonths} | ${track.startMonths.min}-${track.startMonths.max} | ${track.endMonths.min}-${track.endMonths.max} | ${timeline.criticalPath.includes(track.id) ? '●' : ''} |`);
    }
    out.push('');
  }
  if (timeline.postLaunch.length > 0) out.push(t('assessment.timeline.postLaunch'), ...obligationLines(r, timeline.postLaunch), '');

  renderExposure(r, out, assessment);

  out.push(t('assessment.h.questions'), '');
  for (const question of assessment.openQuestions) out.push(`- **${question.id}** ${e(question.question)} ${e(question.detail)}`);
  out.push('', t('assessment.h.rules'), '');
  for (const rule of assessment.rules) out.push(t('assessment.rule', { title: e(rule.title), id: rule.id, effective: rule.effective }));
  out.push('', t('assessment.disclaimer'), '');
  return out.join('\n');
}

// Built on first use: creating an Intl formatter costs a process some ten milliseconds, which a
// command that only imports this module (JSON output) should not pay.
let rmbFormat: Intl.NumberFormat | undefined;
const RMB = { format: (value: number): string => (rmbFormat ??= new Intl.NumberFormat('en-US')).format(value) };

function rmbRange(r: Report, range: { min: number; max: number }): string {
  return range.min === 0 ? r.t('assessment.exposure.upTo', { max: RMB.format(range.max) }) : r.t('assessment.exposure.range', { min: RMB.format(range.min), max: RMB.format(range.max) });
}

/** The penalty exposure per determination: each tier's fine on the organisation and on individuals, cited. */
function renderExposure(r: Report, out: string[], assessment: Assessment): void {
  const { t } = r;
  const { exposure } = assessment;
  if (!exposure || exposure.items.length === 0) return;
  out.push(t('assessment.h.exposure'), '', t('assessment.exposure.intro', { asOf: assessment.asOf, turnover: exposure.turnoverRmb == null ? 'no' : 'yes' }), '');
  for (const item of exposure.items) {
    out.push(`**${e(item.title)}** (\`${e(item.determination)}\`): ${e(item.detail)}`, '');
    for (const tier of item.tiers) {
      const amounts = [
        tier.organisation ? rmbRange(r, tier.organisation) : null,
        tier.turnoverPercentMax != null ? t('assessment.exposure.turnover', { percent: tier.turnoverPercentMax, amount: tier.turnoverAmountMax != null ? RMB.format(tier.turnoverAmountMax) : null }) : null,
        tier.multiple ? t('assessment.exposure.multiple', { min: tier.multiple.min, max: tier.multiple.max }) : null,
      ].filter((part): part is string => part != null);
      const fineText = amounts.length > 0 ? amounts.reduce((first, second) => t('assessment.exposure.join', { first, second })) : t('assessment.exposure.noFine');
      out.push(`- ${e(tier.condition)}: ${fineText}${tier.individuals ? t('assessment.exposure.individuals', { range: rmbRange(r, tier.individuals) }) : ''} _(${r.cite(tier.citation)})_${r.review(tier.needsLegalReview)}`);
    }
    out.push('');
  }
}
