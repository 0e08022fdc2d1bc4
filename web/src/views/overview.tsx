// The overview: one card per determination with its answer, its decision path and the articles
// it rests on, as of a chosen date, and a compare mode that shows what changes between two dates.
import type { ComponentChildren } from 'preact';
import { useState } from 'preact/hooks';
import type { CitationOut, TraceStep } from '../../../src/core/assess/assessment-schema.ts';
import { EARLIEST_AS_OF } from '../../../src/core/law/law-book.ts';
import { annexCounts } from '../../../src/core/annex/annex-counts.ts';
import { api, type Assessment } from '../api.ts';
import { Chip, ErrorNotice, Loading, toneOf, useAsync } from '../components/common.tsx';
import { Explanation } from '../components/explain.tsx';
import { label } from '../labels.ts';
import { useEngagement } from './engagement.tsx';
import './overview.css';

/** A date before the 2024 transfer Provisions, where the 2022 triggers still applied. */
const DEFAULT_COMPARE_DATE = '2023-06-15';

interface Determination {
  key: string;
  title: string;
  subject: string | null;
  /** The answer as a comparable value. */
  value: string;
  display: string;
  tone: string;
  summary: ComponentChildren;
  trace: readonly TraceStep[];
  citations: readonly CitationOut[];
  review: readonly string[];
}

const number = (value: number) => value.toLocaleString('en-GB');

export function determinations(assessment: Assessment): Determination[] {
  const { cbdt, cii } = assessment.organisation;
  const out: Determination[] = [
    {
      key: 'cbdt',
      title: 'Cross-border transfer route',
      subject: 'PIPL Art. 38, whole handler',
      value: cbdt.mechanism,
      display: label(cbdt.mechanism),
      tone: toneOf(cbdt.mechanism),
      summary: (
        <>
          <p>
            {number(cbdt.counted.nonSensitiveIndividuals)} non-sensitive and {number(cbdt.counted.sensitiveIndividuals)} sensitive individuals counted since {cbdt.counted.windowStart}, under the{' '}
            {cbdt.regime.title} (in force {cbdt.regime.effective}).
          </p>
          {cbdt.sectorEscalation && <p class="escalation">Sector rule: {cbdt.sectorEscalation.reason}</p>}
        </>
      ),
      trace: cbdt.trace,
      citations: cbdt.citations,
      review: cbdt.legalReviewReasons,
    },
    {
      key: 'cii',
      title: 'Critical information infrastructure',
      subject: 'CII Regulations',
      value: cii.status,
      display: label(cii.status),
      tone: toneOf(cii.status),
      summary: <p>{cii.sectors.length > 0 ? `Sectors screened as CII sectors: ${cii.sectors.map(label).join(', ')}.` : 'No sector named in the CII Regulations.'} {cii.obligations.length > 0 ? `${cii.obligations.length} obligations follow.` : ''}</p>,
      trace: cii.trace,
      citations: cii.citations,
      review: cii.legalReviewReasons,
    },
  ];
  for (const system of assessment.systems) {
    const gaps = system.mlps.gaps;
    out.push(
      {
        key: `mlps:${system.id}`,
        title: 'MLPS grade',
        subject: system.name,
        value: String(system.mlps.level),
        display: `Level ${system.mlps.level}`,
        tone: system.mlps.level >= 3 ? 'warn' : 'info',
        summary: (
          <>
            <p>{system.mlps.applicability}</p>
            {gaps?.carryOver ? (
              <p data-testid={`carry-over-${system.id}`}>
                {gaps.carryOver.sentence}
                {gaps.carryOver.range?.needsReview ? <span class="muted"> The range is a practitioners' estimate, not a published figure.</span> : null}
              </p>
            ) : gaps ? (
              <p>
                GB/T 22239 gap analysis at level {gaps.level}: {gaps.coverage.fullPercent}% of {gaps.coverage.applicable} items covered, {gaps.coverage.weightedPercent}% weighted; {gaps.coverage.gap} gaps.
              </p>
            ) : null}
          </>
        ),
        trace: system.mlps.trace,
        citations: system.mlps.citations,
        review: system.mlps.legalReviewReasons,
      },
      {
        key: `icp:${system.id}`,
        title: 'ICP',
        subject: system.name,
        value: system.icp.requirement,
        display: system.icp.requirement === 'none' ? 'Neither filing nor licence' : label(system.icp.requirement),
        tone: toneOf(system.icp.requirement),
        summary: (
          <p>
            {system.icp.ediLicence ? 'An EDI licence is also needed (platform). ' : ''}
            {system.icp.prerequisites.filter((prerequisite) => prerequisite.met !== 'yes').map((prerequisite) => prerequisite.title).join('; ') || 'Prerequisites met.'}
          </p>
        ),
        trace: system.icp.trace,
        citations: system.icp.citations,
        review: system.icp.legalReviewReasons,
      },
      {
        key: `hosting:${system.id}`,
        title: 'Hosting',
        subject: system.name,
        value: system.hosting.recommendation,
        display: label(system.hosting.recommendation),
        tone: toneOf(system.hosting.recommendation),
        summary: <p>{system.hosting.reasons[0] ?? ''}</p>,
        trace: [...system.hosting.path.map((step) => ({ step: step.question, result: `${step.answer} ${step.consequence}`, ...(step.citation ? { citation: step.citation } : {}) })), ...system.hosting.trace],
        citations: system.hosting.citations,
        review: system.hosting.legalReviewReasons,
      },
    );
  }
  const timeline = assessment.timeline;
  out.push({
    key: 'timeline',
    title: 'Timeline',
    subject: `from ${timeline.start}`,
    value: `${timeline.readyBy.earliest}/${timeline.readyBy.latest}`,
    display: `Ready ${timeline.readyBy.earliest} to ${timeline.readyBy.latest}`,
    tone: timeline.goLive && timeline.readyBy.latest > timeline.goLive ? 'bad' : 'info',
    summary: (
      <p>
        {timeline.minMonths} to {timeline.maxMonths} months; critical path {timeline.criticalPath.join(' → ')}.
        {timeline.goLive ? ` Target go-live ${timeline.goLive}${timeline.readyBy.latest > timeline.goLive ? ', which the slow case misses' : ''}.` : ''}
      </p>
    ),
    trace: timeline.trace,
    citations: timeline.citations,
    review: timeline.legalReviewReasons,
  });
  return out;
}

/** Why a date is refused before it is asked for, in the words the server uses. */
function dateProblem(value: string): string | null {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) return 'Enter a date as YYYY-MM-DD.';
  if (value < EARLIEST_AS_OF) return `Landfall applies the law from ${EARLIEST_AS_OF}, when the first implementing measures for outbound transfers (the 2022 Security Assessment Measures) took effect; pick that date or a later one.`;
  return null;
}

export function OverviewView() {
  const { engagement } = useEngagement();
  const today = engagement.assessment.asOf;
  const [asOf, setAsOf] = useState(today);
  const [comparing, setComparing] = useState(false);
  const [compareDate, setCompareDate] = useState(DEFAULT_COMPARE_DATE);
  const asOfProblem = dateProblem(asOf);
  const compareProblem = comparing ? dateProblem(compareDate) ?? (compareDate === asOf ? `Both dates are ${asOf}: pick another date to compare with.` : null) : null;

  const current = useAsync(() => (asOfProblem ? Promise.resolve(undefined) : api.assessment(engagement.id, asOf)), [engagement.id, engagement.version, asOf, asOfProblem]);
  const earlier = useAsync(() => (comparing && !compareProblem ? api.assessment(engagement.id, compareDate) : Promise.resolve(undefined)), [engagement.id, engagement.version, comparing, compareDate, compareProblem]);
  // The open-question count is the annex's, derived by the same function from the same items.
  const annex = useAsync(() => api.annex(engagement.id), [engagement.id, engagement.version]);
  const openQuestions = annex.data ? (annex.data.counts ?? annexCounts(annex.data.items)).openQuestions : undefined;

  /** Compare opens with today against the date chosen so far (or the default, when that is today). */
  const toggleCompare = (on: boolean) => {
    setComparing(on);
    if (!on) return;
    if (asOf !== today && !dateProblem(asOf)) {
      setCompareDate(asOf);
      setAsOf(today);
    } else if (compareDate === asOf) setCompareDate(DEFAULT_COMPARE_DATE);
  };
  // A refused date shows its message and nothing else: never the cards of a date no longer asked for.
  const shownCurrent = asOfProblem || current.error ? undefined : current.data;
  const shownEarlier = compareProblem || earlier.error ? undefined : earlier.data;

  return (
    <div class="overview">
      <form class="toolbar overview-dates" onSubmit={(event) => event.preventDefault()} aria-label="Dates">
        <label class="field">
          <span class="field-label">{comparing ? 'Law as of (later date)' : 'Law as of'}</span>
          <input
            type="date"
            name="asOf"
            value={asOf}
            min={EARLIEST_AS_OF}
            aria-invalid={asOfProblem ? 'true' : undefined}
            aria-describedby={asOfProblem ? 'overview-asof-error' : undefined}
            onChange={(event) => setAsOf(event.currentTarget.value || today)}
          />
        </label>
        <button type="button" class="button small" onClick={() => setAsOf(today)} disabled={asOf === today}>Today</button>
        <label class="overview-compare-toggle">
          <input type="checkbox" name="compare" checked={comparing} onChange={(event) => toggleCompare(event.currentTarget.checked)} /> Compare with another date
        </label>
        {comparing && (
          <label class="field">
            <span class="field-label">Compare with</span>
            <input
              type="date"
              name="compareDate"
              value={compareDate}
              min={EARLIEST_AS_OF}
              aria-invalid={compareProblem ? 'true' : undefined}
              aria-describedby={compareProblem ? 'overview-compare-error' : undefined}
              onChange={(event) => setCompareDate(event.currentTarget.value || DEFAULT_COMPARE_DATE)}
            />
          </label>
        )}
        {asOfProblem && <p class="field-error overview-date-error" id="overview-asof-error" role="alert" data-testid="date-error">{asOfProblem}</p>}
        {compareProblem && <p class="field-error overview-date-error" id="overview-compare-error" role="alert" data-testid="compare-date-error">{compareProblem}</p>}
        <p class="hint overview-hint">Landfall applies the law in force on the date you pick (from {EARLIEST_AS_OF}), so you can see what a date before a rule change would have required.</p>
      </form>
      {current.error && !asOfProblem ? <ErrorNotice error={current.error} onRetry={current.reload} /> : null}
      {earlier.error && !compareProblem ? <ErrorNotice error={earlier.error} onRetry={earlier.reload} /> : null}
      {asOfProblem ? null : !shownCurrent ? (
        current.loading ? <Loading what="the assessment" /> : null
      ) : (
        <Cards assessment={shownCurrent} earlier={comparing ? shownEarlier : undefined} loading={current.loading || (comparing && earlier.loading)} openQuestions={openQuestions} />
      )}
    </div>
  );
}

function Cards({ assessment, earlier, loading, openQuestions }: { assessment: Assessment; earlier: Assessment | undefined; loading: boolean; openQuestions: number | undefined }) {
  const now = determinations(assessment);
  const before = earlier ? new Map(determinations(earlier).map((determination) => [determination.key, determination])) : null;
  const changed = before ? now.filter((determination) => before.get(determination.key)?.value !== determination.value) : [];
  const review = assessment.needsLegalReview;

  return (
    <div aria-busy={loading}>
      {before && earlier && (
        <div class={`notice ${changed.length > 0 ? 'notice-warn' : 'notice-info'} compare-summary`} role="status" data-testid="compare-summary">
          <p>
            <strong>{changed.length === 0 ? 'Nothing changes' : `${changed.length} determination${changed.length === 1 ? '' : 's'} change`}</strong> between {earlier.asOf} and {assessment.asOf}.
          </p>
          {changed.length > 0 && (
            <ul>
              {changed.map((determination) => (
                <li key={determination.key}>
                  {determination.title}
                  {determination.subject && determination.key !== 'cbdt' && determination.key !== 'cii' ? ` (${determination.subject})` : ''}: {before.get(determination.key)?.display ?? 'not assessed'} → {determination.display}
                </li>
              ))}
            </ul>
          )}
          {earlier.rules.length !== assessment.rules.length && (
            <p class="hint">
              Rules in force: {earlier.rules.length} on {earlier.asOf}, {assessment.rules.length} on {assessment.asOf}
              {rulesAdded(earlier, assessment).length > 0 ? ` (new: ${rulesAdded(earlier, assessment).join('; ')})` : ''}.
            </p>
          )}
        </div>
      )}
      {review && <p class="notice notice-warn">Some of these answers rest on points marked for legal review; each card says which.</p>}
      <div class="determination-grid">
        {now.map((determination) => {
          const old = before?.get(determination.key);
          const differs = before != null && old?.value !== determination.value;
          return (
            <article key={determination.key} class={`card determination${differs ? ' changed' : ''}`} data-testid={`card-${determination.key}`} aria-labelledby={`h-${determination.key}`}>
              <header>
                <h2 id={`h-${determination.key}`}>{determination.title}</h2>
                {determination.subject && <p class="muted subject">{determination.subject}</p>}
              </header>
              {before && earlier ? (
                <div class="compare-values">
                  <p>
                    <span class="muted">{earlier.asOf}</span> <Chip value={old?.value ?? 'none'} tone={old?.tone ?? 'neutral'} text={old?.display ?? 'not assessed'} />
                  </p>
                  <p>
                    <span class="muted">{assessment.asOf}</span> <Chip value={determination.value} tone={determination.tone} text={determination.display} />
                    {differs && <strong class="changed-flag">changed</strong>}
                  </p>
                </div>
              ) : (
                <p class="answer">
                  <Chip value={determination.value} tone={determination.tone} text={determination.display} />
                </p>
              )}
              <div class="summary">{determination.summary}</div>
              <Explanation trace={determination.trace} citations={determination.citations} reviewReasons={determination.review} />
            </article>
          );
        })}
      </div>
      <Findings assessment={assessment} openQuestions={openQuestions} />
    </div>
  );
}

function rulesAdded(earlier: Assessment, later: Assessment): string[] {
  const before = new Set(earlier.rules.map((rule) => rule.id));
  return later.rules.filter((rule) => !before.has(rule.id)).map((rule) => `${rule.title} (${rule.effective})`);
}

const SEVERITY_TONE: Record<string, string> = { high: 'bad', medium: 'warn', low: 'info', info: 'neutral' };

function Findings({ assessment, openQuestions }: { assessment: Assessment; openQuestions: number | undefined }) {
  const { engagement } = useEngagement();
  const [showAll, setShowAll] = useState(false);
  const findings = assessment.findings;
  const shown = showAll ? findings : findings.slice(0, 8);
  return (
    <section class="panel findings" aria-labelledby="findings-title">
      <h2 id="findings-title">Findings ({findings.length})</h2>
      {openQuestions !== undefined && (
        <p class="hint" data-testid="overview-open-questions">
          <a href={`/e/${encodeURIComponent(engagement.id)}/annex#annex-open_question`}>{openQuestions} open {openQuestions === 1 ? 'question' : 'questions'}</a> in the annex: facts the profile does not give that decide a
          determination, and points for legal review. Answer them in the intake or in the annex.
        </p>
      )}
      <ul class="finding-list">
        {shown.map((finding) => (
          <li key={finding.id}>
            <Chip value={finding.severity} tone={SEVERITY_TONE[finding.severity] ?? 'neutral'} text={finding.severity} />
            <div>
              <p class="finding-title">{finding.title}</p>
              <p class="muted">{finding.detail}</p>
            </div>
          </li>
        ))}
      </ul>
      {findings.length > 8 && (
        <button type="button" class="button small" onClick={() => setShowAll(!showAll)} aria-expanded={showAll}>
          {showAll ? 'Show fewer' : `Show all ${findings.length}`}
        </button>
      )}
    </section>
  );
}
