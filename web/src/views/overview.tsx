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
import { t, tx, useLocale, useT } from '../i18n/i18n.ts';
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


export function determinations(assessment: Assessment): Determination[] {
  const { cbdt, cii } = assessment.organisation;
  const out: Determination[] = [
    {
      key: 'cbdt',
      title: t('overview.cbdt.title'),
      subject: t('overview.cbdt.subject'),
      value: cbdt.mechanism,
      display: label(cbdt.mechanism),
      tone: toneOf(cbdt.mechanism),
      summary: (
        <>
          <p>
            {t('overview.cbdt.counted', { nonSensitive: cbdt.counted.nonSensitiveIndividuals, sensitive: cbdt.counted.sensitiveIndividuals, since: cbdt.counted.windowStart, regime: cbdt.regime.title, effective: cbdt.regime.effective })}
          </p>
          {cbdt.sectorEscalation && <p class="escalation">{t('overview.cbdt.sectorRule', { reason: cbdt.sectorEscalation.reason })}</p>}
        </>
      ),
      trace: cbdt.trace,
      citations: cbdt.citations,
      review: cbdt.legalReviewReasons,
    },
    {
      key: 'cii',
      title: t('overview.cii.title'),
      subject: t('overview.cii.subject'),
      value: cii.status,
      display: label(cii.status),
      tone: toneOf(cii.status),
      summary: <p>{cii.sectors.length > 0 ? t('overview.cii.sectors', { sectors: cii.sectors.map(label).join(t('engagements.form.listSeparator')) }) : t('overview.cii.noSector')} {cii.obligations.length > 0 ? t('overview.cii.obligations', { count: cii.obligations.length }) : ''}</p>,
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
        title: t('overview.mlps.title'),
        subject: system.name,
        value: String(system.mlps.level),
        display: t('label.mlpsLevel', { level: system.mlps.level }),
        tone: system.mlps.level >= 3 ? 'warn' : 'info',
        summary: (
          <>
            <p>{system.mlps.applicability}</p>
            {gaps?.carryOver ? (
              <p data-testid={`carry-over-${system.id}`}>
                {gaps.carryOver.sentence}
                {gaps.carryOver.range?.needsReview ? <span class="muted"> {t('overview.mlps.estimate')}</span> : null}
              </p>
            ) : gaps ? (
              <p>
                {t('overview.mlps.gaps', { level: gaps.level, full: gaps.coverage.fullPercent, applicable: gaps.coverage.applicable, weighted: gaps.coverage.weightedPercent, gap: gaps.coverage.gap })}
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
        title: t('overview.icp.title'),
        subject: system.name,
        value: system.icp.requirement,
        display: system.icp.requirement === 'none' ? t('overview.icp.none') : label(system.icp.requirement),
        tone: toneOf(system.icp.requirement),
        summary: (
          <p>
            {system.icp.ediLicence ? `${t('overview.icp.edi')} ` : ''}
            {system.icp.prerequisites.filter((prerequisite) => prerequisite.met !== 'yes').map((prerequisite) => prerequisite.title).join(t('overview.listSemicolon')) || t('overview.icp.prerequisitesMet')}
          </p>
        ),
        trace: system.icp.trace,
        citations: system.icp.citations,
        review: system.icp.legalReviewReasons,
      },
      {
        key: `hosting:${system.id}`,
        title: t('overview.hosting.title'),
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
    title: t('tab.timeline'),
    subject: t('overview.timeline.from', { start: timeline.start }),
    value: `${timeline.readyBy.earliest}/${timeline.readyBy.latest}`,
    display: t('overview.timeline.ready', { earliest: timeline.readyBy.earliest, latest: timeline.readyBy.latest }),
    tone: timeline.goLive && timeline.readyBy.latest > timeline.goLive ? 'bad' : 'info',
    summary: (
      <p>
        {t('overview.timeline.months', { min: timeline.minMonths, max: timeline.maxMonths, path: timeline.criticalPath.join(' → ') })}
        {timeline.goLive ? ` ${t('overview.timeline.goLive', { date: timeline.goLive, missed: timeline.readyBy.latest > timeline.goLive ? 'yes' : 'no' })}` : ''}
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
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) return t('overview.date.format');
  if (value < EARLIEST_AS_OF) return t('overview.date.early', { earliest: EARLIEST_AS_OF });
  return null;
}

export function OverviewView() {
  const t = useT();
  const locale = useLocale();
  const { engagement } = useEngagement();
  const today = engagement.assessment.asOf;
  const [asOf, setAsOf] = useState(today);
  const [comparing, setComparing] = useState(false);
  const [compareDate, setCompareDate] = useState(DEFAULT_COMPARE_DATE);
  const asOfProblem = dateProblem(asOf);
  const compareProblem = comparing ? dateProblem(compareDate) ?? (compareDate === asOf ? t('overview.date.same', { date: asOf }) : null) : null;

  const current = useAsync(() => (asOfProblem ? Promise.resolve(undefined) : api.assessment(engagement.id, asOf)), [engagement.id, engagement.version, asOf, asOfProblem, locale]);
  const earlier = useAsync(() => (comparing && !compareProblem ? api.assessment(engagement.id, compareDate) : Promise.resolve(undefined)), [engagement.id, engagement.version, comparing, compareDate, compareProblem, locale]);
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
      <form class="toolbar overview-dates" onSubmit={(event) => event.preventDefault()} aria-label={t('overview.dates')}>
        <label class="field">
          <span class="field-label">{comparing ? t('overview.asOfLater') : t('overview.asOf')}</span>
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
        <button type="button" class="button small" onClick={() => setAsOf(today)} disabled={asOf === today}>{t('overview.today')}</button>
        <label class="overview-compare-toggle">
          <input type="checkbox" name="compare" checked={comparing} onChange={(event) => toggleCompare(event.currentTarget.checked)} /> {t('overview.compareToggle')}
        </label>
        {comparing && (
          <label class="field">
            <span class="field-label">{t('overview.compareWith')}</span>
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
        <p class="hint overview-hint">{t('overview.hint', { earliest: EARLIEST_AS_OF })}</p>
      </form>
      {current.error && !asOfProblem ? <ErrorNotice error={current.error} onRetry={current.reload} /> : null}
      {earlier.error && !compareProblem ? <ErrorNotice error={earlier.error} onRetry={earlier.reload} /> : null}
      {asOfProblem ? null : !shownCurrent ? (
        current.loading ? <Loading what={t('overview.loadingWhat')} /> : null
      ) : (
        <Cards assessment={shownCurrent} earlier={comparing ? shownEarlier : undefined} loading={current.loading || (comparing && earlier.loading)} openQuestions={openQuestions} />
      )}
    </div>
  );
}

function Cards({ assessment, earlier, loading, openQuestions }: { assessment: Assessment; earlier: Assessment | undefined; loading: boolean; openQuestions: number | undefined }) {
  const t = useT();
  const now = determinations(assessment);
  const before = earlier ? new Map(determinations(earlier).map((determination) => [determination.key, determination])) : null;
  const changed = before ? now.filter((determination) => before.get(determination.key)?.value !== determination.value) : [];
  const review = assessment.needsLegalReview;

  return (
    <div aria-busy={loading}>
      {before && earlier && (
        <div class={`notice ${changed.length > 0 ? 'notice-warn' : 'notice-info'} compare-summary`} role="status" data-testid="compare-summary">
          <p>{tx('overview.compare.summary', { count: changed.length, earlier: earlier.asOf, later: assessment.asOf, strong: (chunks) => <strong>{chunks}</strong> })}</p>
          {changed.length > 0 && (
            <ul>
              {changed.map((determination) => (
                <li key={determination.key}>
                  {t(determination.subject && determination.key !== 'cbdt' && determination.key !== 'cii' ? 'overview.compare.changeOf' : 'overview.compare.change', {
                    title: determination.title, subject: determination.subject ?? '', before: before.get(determination.key)?.display ?? t('overview.notAssessed'), after: determination.display,
                  })}
                </li>
              ))}
            </ul>
          )}
          {earlier.rules.length !== assessment.rules.length && (
            <p class="hint">
              {rulesAdded(earlier, assessment).length > 0
                ? t('overview.compare.rulesNew', { before: earlier.rules.length, earlier: earlier.asOf, after: assessment.rules.length, later: assessment.asOf, added: rulesAdded(earlier, assessment).join(t('overview.listSemicolon')) })
                : t('overview.compare.rules', { before: earlier.rules.length, earlier: earlier.asOf, after: assessment.rules.length, later: assessment.asOf })}
            </p>
          )}
        </div>
      )}
      {review && <p class="notice notice-warn">{t('overview.reviewNotice')}</p>}
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
                    <span class="muted">{earlier.asOf}</span> <Chip value={old?.value ?? 'none'} tone={old?.tone ?? 'neutral'} text={old?.display ?? t('overview.notAssessed')} />
                  </p>
                  <p>
                    <span class="muted">{assessment.asOf}</span> <Chip value={determination.value} tone={determination.tone} text={determination.display} />
                    {differs && <strong class="changed-flag">{t('overview.changed')}</strong>}
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
  const t = useT();
  const { engagement } = useEngagement();
  const [showAll, setShowAll] = useState(false);
  const findings = assessment.findings;
  const shown = showAll ? findings : findings.slice(0, 8);
  return (
    <section class="panel findings" aria-labelledby="findings-title">
      <h2 id="findings-title">{t('overview.findings', { count: findings.length })}</h2>
      {openQuestions !== undefined && (
        <p class="hint" data-testid="overview-open-questions">
          {tx('overview.openQuestions', { count: openQuestions, link: (chunks) => <a href={`/e/${encodeURIComponent(engagement.id)}/annex#annex-open_question`}>{chunks}</a> })}
        </p>
      )}
      <ul class="finding-list">
        {shown.map((finding) => (
          <li key={finding.id}>
            <Chip value={finding.severity} tone={SEVERITY_TONE[finding.severity] ?? 'neutral'} text={t(`overview.severity.${finding.severity}`)} />
            <div>
              <p class="finding-title">{finding.title}</p>
              <p class="muted">{finding.detail}</p>
            </div>
          </li>
        ))}
      </ul>
      {findings.length > 8 && (
        <button type="button" class="button small" onClick={() => setShowAll(!showAll)} aria-expanded={showAll}>
          {showAll ? t('overview.showFewer') : t('overview.showAll', { count: findings.length })}

        </button>
      )}
    </section>
  );
}
