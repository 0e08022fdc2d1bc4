// The retainer's regulatory-change review over every engagement the user can edit: choose what to
// compare (two dates, the stored assessments against the current content, or both), run it as a
// background job with visible progress, read the portfolio table, open one engagement's changes,
// accept them into its annex, and download the client memo and the portfolio workbook.
import { useEffect, useState } from 'preact/hooks';
import { useLocation, useRoute } from 'preact-iso';
import { api, type EngagementReview, type ReviewAxis, type ReviewRow, type ReviewRun } from '../api.ts';
import { Chip, Empty, ErrorNotice, Loading, formatDateTime, useAction, useAsync } from '../components/common.tsx';
import { DownloadLanguage, useDownloadLanguage } from '../components/download-language.tsx';
import { currentLocale, hasMessage, t, useT } from '../i18n/i18n.ts';

/** The axes' words: `review.axis.<axis>.title` and `.help`. */
const AXES: ReviewAxis[] = ['date', 'content', 'both'];
const kindLabel = (kind: string) => (hasMessage(`review.kind.${kind}`) ? t(`review.kind.${kind}`) : kind);
const stateLabel = (state: ReviewRow['state']) => t(`review.state.${state}`);
const IMPACT_TONE: Record<string, string> = { high: 'bad', medium: 'warn', low: 'neutral' };

const isoDay = (date: Date) => date.toISOString().slice(0, 10);
const shift = (days: number) => isoDay(new Date(Date.now() + days * 86_400_000));

export function ReviewPage() {
  const { params } = useRoute();
  return params.runId ? <ReviewRunView runId={params.runId} /> : <ReviewStart />;
}

function ReviewStart() {
  const t = useT();
  const [axis, setAxis] = useState<ReviewAxis>('date');
  const [from, setFrom] = useState(shift(-91));
  const [to, setTo] = useState(isoDay(new Date()));
  const start = useAction();
  const { route } = useLocation();
  const runs = useAsync(() => api.reviews(), []);
  const begin = (event: Event) => {
    event.preventDefault();
    void start.run(async () => {
      const run = await api.startReview({ axis, ...(axis === 'content' ? {} : { from }), ...(axis === 'content' ? {} : { to }) });
      route(`/reviews/${run.id}`);
    });
  };
  const preset = (fromDate: string, toDate: string) => {
    setAxis('date');
    setFrom(fromDate);
    setTo(toDate);
  };
  return (
    <div>
      <div class="page-head">
        <div>
          <h1>{t('review.title')}</h1>
          <p class="lede">{t('review.lede')}</p>
        </div>
      </div>
      <form class="card review-form" onSubmit={begin} aria-label={t('review.startLabel')}>
        <fieldset>
          <legend>{t('review.compare')}</legend>
          {AXES.map((option) => (
            <label key={option} class="choice">
              <input type="radio" name="axis" value={option} checked={axis === option} onChange={() => setAxis(option)} />
              <span><strong>{t(`review.axis.${option}.title`)}</strong> <span class="muted">{t(`review.axis.${option}.help`)}</span></span>
            </label>
          ))}
        </fieldset>
        {axis !== 'content' && (
          <div class="field-row">
            <label>{t('review.from')} <input type="date" value={from} required={axis === 'date'} onInput={(event) => setFrom((event.target as HTMLInputElement).value)} /></label>
            <label>{t('review.to')} <input type="date" value={to} required onInput={(event) => setTo((event.target as HTMLInputElement).value)} /></label>
          </div>
        )}
        <div class="actions">
          <button type="button" class="button ghost" onClick={() => preset(shift(-91), isoDay(new Date()))}>{t('review.lastQuarter')}</button>
          <button type="button" class="button ghost" onClick={() => preset(isoDay(new Date()), shift(91))}>{t('review.nextQuarter')}</button>
          <button type="submit" class="button primary" disabled={start.busy}>{start.busy ? t('review.starting') : t('review.run')}</button>
        </div>
        {start.error ? <ErrorNotice error={start.error} /> : null}
      </form>
      <h2>{t('review.earlier')}</h2>
      {runs.error ? <ErrorNotice error={runs.error} onRetry={runs.reload} /> : null}
      {runs.loading && !runs.data ? <Loading what={t('review.loadingRuns')} /> : null}
      {runs.data && runs.data.length === 0 && <Empty title={t('review.none')} />}
      {runs.data && runs.data.length > 0 && (
        <ul class="plain-list" aria-label={t('review.earlier')}>
          {runs.data.map((run) => (
            <li key={run.id}><a href={`/reviews/${run.id}`}>{describe(run)}</a> <span class="muted">{t('review.runMeta', { created: formatDateTime(run.createdAt), done: run.done, total: run.total })}</span></li>
          ))}
        </ul>
      )}
    </div>
  );
}

function describe(run: ReviewRun): string {
  if (run.axis === 'content') return t('review.describe.content', { content: run.afterContent });
  return `${run.axis === 'both' ? t('review.describe.stored') : run.from} → ${run.to}`;
}

function ReviewRunView({ runId }: { runId: string }) {
  const t = useT();
  const state = useAsync(() => api.review(runId), [runId]);
  const [open, setOpen] = useState<string | null>(null);
  const run = state.data?.review;
  // Progress: the page follows the background job until it is done.
  useEffect(() => {
    if (run?.status !== 'running') return undefined;
    const timer = setTimeout(state.reload, 1000);
    return () => clearTimeout(timer);
  }, [run?.status, run?.done, state.data]);
  if (state.error) return <ErrorNotice error={state.error} onRetry={state.reload} />;
  if (!state.data || !run) return <Loading what={t('shell.loading.review')} />;
  const rows = [...state.data.engagements].sort((a, b) => rank(a) - rank(b) || a.engagement.localeCompare(b.engagement));
  const percent = run.total === 0 ? 100 : Math.round(((run.done + run.failed) / run.total) * 100);
  return (
    <div>
      <div class="page-head">
        <div>
          <p class="crumbs"><a href="/reviews">{t('review.title')}</a></p>
          <h1>{describe(run)}</h1>
          <p class="lede">{run.status === 'running' ? t('review.running') : run.status === 'cancelled' ? t('review.cancelled') : t('review.done', { done: run.done, failed: run.failed })}</p>
        </div>
        <div class="actions">
          {run.status === 'running' && <button type="button" class="button" onClick={() => void api.cancelReview(runId).then(state.reload)}>{t('review.stop')}</button>}
          <a class="button" href={api.portfolioUrl(runId, currentLocale())} download>{t('review.portfolio')}</a>
        </div>
      </div>
      <div class="progress" role="progressbar" aria-label={t('review.progress')} aria-valuemin={0} aria-valuemax={100} aria-valuenow={percent}>
        <div class="progress-bar" style={{ width: `${percent}%` }} />
        <span>{t('review.progressText', { done: run.done + run.failed, total: run.total })}</span>
      </div>
      {rows.length === 0 ? <Empty title={t('review.noEngagements')}>{t('review.noEngagementsHelp')}</Empty> : (
        <div class="table-wrap">
          <table class="data review-table" data-testid="review-portfolio">
            <caption class="visually-hidden">{t('review.tableCaption')}</caption>
            <thead><tr><th scope="col">{t('review.col.engagement')}</th><th scope="col">{t('review.col.review')}</th><th scope="col">{t('review.col.substance')}</th><th scope="col">{t('review.col.citation')}</th><th scope="col">{t('review.col.impact')}</th><th scope="col">{t('review.col.kind')}</th><th scope="col"><span class="visually-hidden">{t('review.open')}</span></th></tr></thead>
            <tbody>
              {rows.map((row) => (
                <>
                  <tr key={row.engagementId}>
                    <th scope="row"><a href={`/e/${row.engagementId}`}>{row.engagement}</a></th>
                    <td>{stateLabel(row.state)}{row.acceptedAt ? <> · <Chip value="accepted" text={t('review.acceptedOn', { date: row.acceptedAt.slice(0, 10) })} tone="good" /></> : null}</td>
                    <td>{row.substantive ?? '–'}</td>
                    <td>{row.citationOnly ?? '–'}</td>
                    <td>{row.highestImpact ? <Chip value={row.highestImpact} text={t(`overview.severity.${row.highestImpact}`)} tone={IMPACT_TONE[row.highestImpact]} /> : row.state === 'done' ? t('review.impactNone') : '–'}</td>
                    <td>{row.byKind ? Object.entries(row.byKind).filter(([kind, count]) => count > 0 && kind !== 'citation').map(([kind, count]) => t('review.kindCount', { kind: kindLabel(kind), count })).join(t('engagements.form.listSeparator')) || '–' : '–'}</td>
                    <td>{row.state === 'done' && <button type="button" class="button ghost" aria-expanded={open === row.engagementId} onClick={() => setOpen(open === row.engagementId ? null : row.engagementId)}>{open === row.engagementId ? t('review.close') : t('review.open')}</button>}</td>
                  </tr>
                  {open === row.engagementId && (
                    <tr key={`${row.engagementId}-changes`} class="review-detail"><td colSpan={7}><EngagementChanges runId={runId} row={row} onAccepted={state.reload} /></td></tr>
                  )}
                </>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </div>
  );
}

const rank = (row: ReviewRow) => (row.highestImpact === 'high' ? 0 : row.highestImpact === 'medium' ? 1 : row.highestImpact === 'low' ? 2 : 3);

function EngagementChanges({ runId, row, onAccepted }: { runId: string; row: ReviewRow; onAccepted: () => void }) {
  const t = useT();
  const detail = useAsync(() => api.reviewOf(runId, row.engagementId), [runId, row.engagementId]);
  // The memo downloads in the engagement's language unless another is chosen.
  const engagement = useAsync(() => api.engagement(row.engagementId), [row.engagementId]);
  const [language, setLanguage] = useDownloadLanguage(engagement.data?.language ?? currentLocale());
  const accept = useAction();
  const [accepted, setAccepted] = useState<{ marked: number } | null>(null);
  if (detail.error) return <ErrorNotice error={detail.error} onRetry={detail.reload} />;
  if (!detail.data) return <Loading what={t('review.loadingChanges')} />;
  const review: EngagementReview | null = detail.data.review;
  if (!review) return <p>{t('review.notYet')}</p>;
  const substance = review.changes.filter((change) => change.kind !== 'citation');
  const citations = review.changes.filter((change) => change.kind === 'citation');
  const cite = (list: EngagementReview['changes'][number]['citations']['after']) => list.map((citation) => (citation.article ? t('explain.article', { title: citation.title, article: citation.article }) : citation.title)).join(t('overview.listSemicolon'));
  return (
    <section class="review-changes" aria-label={t('review.changesFor', { engagement: row.engagement })}>
      <p class="muted">{t('review.fromTo', { beforeAsOf: review.before.asOf, beforeContent: review.before.contentVersion, afterAsOf: review.after.asOf, afterContent: review.after.contentVersion })}</p>
      {review.changes.length === 0 && <p>{t('review.noChange')}</p>}
      {substance.length > 0 && (
        <ol class="change-list">
          {substance.map((change) => (
            <li key={change.path}>
              <Chip value={change.impact} text={kindLabel(change.kind)} tone={IMPACT_TONE[change.impact]} /> {change.meaning}
              {change.citations.after.length > 0 && <span class="muted"> {t('review.basisNow', { basis: cite(change.citations.after) })}</span>}
            </li>
          ))}
        </ol>
      )}
      {citations.length > 0 && (
        <details>
          <summary>{t('review.citationChanges', { count: citations.length })}</summary>
          <ul>{citations.map((change) => <li key={change.path}>{change.meaning}</li>)}</ul>
        </details>
      )}
      {review.due && review.due.length > 0 && (
        <>
          <h3>{t('review.due')}</h3>
          <ul class="due-list">
            {review.due.map((duty) => (
              <li key={duty.id}>{t('review.dueItem', { dates: duty.dates.join(t('engagements.form.listSeparator')), title: duty.title })}{duty.estimated ? <span class="muted"> {t('review.fromPlan')}</span> : null} <span class="muted">({duty.citation.article ? t('explain.article', { title: duty.citation.title, article: duty.citation.article }) : duty.citation.title})</span></li>
            ))}
          </ul>
        </>
      )}
      <div class="actions">
        <DownloadLanguage name={`memo-language-${row.engagementId}`} testId="memo-language" value={language} onChange={setLanguage} />
        <a class="button" href={api.memoUrl(runId, row.engagementId, 'docx', language)} download>{t('review.memoDocx')}</a>
        <a class="button" href={api.memoUrl(runId, row.engagementId, 'md', language)} download>{t('review.memoMd')}</a>
        {!row.acceptedAt && !accepted && (
          <button type="button" class="button primary" disabled={accept.busy} onClick={() => void accept.run(async () => {
            const result = await api.acceptReview(runId, row.engagementId);
            setAccepted({ marked: result.marked });
            onAccepted();
          })}>{accept.busy ? t('review.accepting') : t('review.accept')}</button>
        )}
      </div>
      {accepted && <p class="notice notice-info" role="status">{t('review.acceptedNotice', { count: accepted.marked })}</p>}

      {accept.error ? <ErrorNotice error={accept.error} /> : null}
    </section>
  );
}
