// The retainer's regulatory-change review over every engagement the user can edit: choose what to
// compare (two dates, the stored assessments against the current content, or both), run it as a
// background job with visible progress, read the portfolio table, open one engagement's changes,
// accept them into its annex, and download the client memo and the portfolio workbook.
import { useEffect, useState } from 'preact/hooks';
import { useLocation, useRoute } from 'preact-iso';
import { api, type EngagementReview, type ReviewAxis, type ReviewRow, type ReviewRun } from '../api.ts';
import { Chip, Empty, ErrorNotice, Loading, formatDateTime, useAction, useAsync } from '../components/common.tsx';

const AXES: Array<{ value: ReviewAxis; title: string; help: string }> = [
  { value: 'date', title: 'Two dates', help: 'The law in force on the earlier date against the later one, with today\'s content: rules coming into force.' },
  { value: 'content', title: 'New knowledge', help: 'Each engagement\'s stored assessment against the current content on the same date: what Landfall has learnt since.' },
  { value: 'both', title: 'Both', help: 'The stored assessments against the current content on the later date.' },
];
const KIND_LABEL: Record<string, string> = {
  route: 'Transfer route', grade: 'MLPS grade', icp: 'ICP', hosting: 'Hosting', duty_added: 'New duty', duty_removed: 'Duty removed', deadline: 'Time limit or figure',
  penalty: 'Penalty', citation: 'Citation only', timeline: 'Timeline', other: 'Other',
};
const STATE_LABEL: Record<ReviewRow['state'], string> = { pending: 'Waiting', claimed: 'Reviewing', done: 'Reviewed', failed: 'Could not be reviewed' };
const IMPACT_TONE: Record<string, string> = { high: 'bad', medium: 'warn', low: 'neutral' };

const isoDay = (date: Date) => date.toISOString().slice(0, 10);
const shift = (days: number) => isoDay(new Date(Date.now() + days * 86_400_000));

export function ReviewPage() {
  const { params } = useRoute();
  return params.runId ? <ReviewRunView runId={params.runId} /> : <ReviewStart />;
}

function ReviewStart() {
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
          <h1>Regulatory-change review</h1>
          <p class="lede">Which determinations of which client changed, and why: every engagement you can edit, compared determination by determination, each change explained with its articles.</p>
        </div>
      </div>
      <form class="card review-form" onSubmit={begin} aria-label="Start a review">
        <fieldset>
          <legend>Compare</legend>
          {AXES.map((option) => (
            <label key={option.value} class="choice">
              <input type="radio" name="axis" value={option.value} checked={axis === option.value} onChange={() => setAxis(option.value)} />
              <span><strong>{option.title}</strong> <span class="muted">{option.help}</span></span>
            </label>
          ))}
        </fieldset>
        {axis !== 'content' && (
          <div class="field-row">
            <label>From <input type="date" value={from} required={axis === 'date'} onInput={(event) => setFrom((event.target as HTMLInputElement).value)} /></label>
            <label>To <input type="date" value={to} required onInput={(event) => setTo((event.target as HTMLInputElement).value)} /></label>
          </div>
        )}
        <div class="actions">
          <button type="button" class="button ghost" onClick={() => preset(shift(-91), isoDay(new Date()))}>Last quarter</button>
          <button type="button" class="button ghost" onClick={() => preset(isoDay(new Date()), shift(91))}>Upcoming quarter</button>
          <button type="submit" class="button primary" disabled={start.busy}>{start.busy ? 'Starting…' : 'Run the review'}</button>
        </div>
        {start.error ? <ErrorNotice error={start.error} /> : null}
      </form>
      <h2>Earlier reviews</h2>
      {runs.error ? <ErrorNotice error={runs.error} onRetry={runs.reload} /> : null}
      {runs.loading && !runs.data ? <Loading what="reviews" /> : null}
      {runs.data && runs.data.length === 0 && <Empty title="No reviews yet" />}
      {runs.data && runs.data.length > 0 && (
        <ul class="plain-list" aria-label="Earlier reviews">
          {runs.data.map((run) => (
            <li key={run.id}><a href={`/reviews/${run.id}`}>{describe(run)}</a> <span class="muted">{formatDateTime(run.createdAt)} · {run.done} of {run.total} reviewed</span></li>
          ))}
        </ul>
      )}
    </div>
  );
}

function describe(run: ReviewRun): string {
  if (run.axis === 'content') return `New knowledge (content ${run.afterContent})`;
  return `${run.axis === 'both' ? 'Stored assessments' : run.from} → ${run.to}`;
}

function ReviewRunView({ runId }: { runId: string }) {
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
  if (!state.data || !run) return <Loading what="the review" />;
  const rows = [...state.data.engagements].sort((a, b) => rank(a) - rank(b) || a.engagement.localeCompare(b.engagement));
  const percent = run.total === 0 ? 100 : Math.round(((run.done + run.failed) / run.total) * 100);
  return (
    <div>
      <div class="page-head">
        <div>
          <p class="crumbs"><a href="/reviews">Regulatory-change review</a></p>
          <h1>{describe(run)}</h1>
          <p class="lede">{run.status === 'running' ? 'Reviewing in the background; you can leave this page and come back.' : run.status === 'cancelled' ? 'Stopped before the end; what was reviewed is kept.' : `Done: ${run.done} engagements reviewed${run.failed ? `, ${run.failed} could not be` : ''}.`}</p>
        </div>
        <div class="actions">
          {run.status === 'running' && <button type="button" class="button" onClick={() => void api.cancelReview(runId).then(state.reload)}>Stop</button>}
          <a class="button" href={api.portfolioUrl(runId)} download>Portfolio summary (XLSX)</a>
        </div>
      </div>
      <div class="progress" role="progressbar" aria-label="Review progress" aria-valuemin={0} aria-valuemax={100} aria-valuenow={percent}>
        <div class="progress-bar" style={{ width: `${percent}%` }} />
        <span>{run.done + run.failed} of {run.total}</span>
      </div>
      {rows.length === 0 ? <Empty title="No engagements to review">You are not an editor of any active engagement.</Empty> : (
        <div class="table-wrap">
          <table class="data review-table" data-testid="review-portfolio">
            <caption class="visually-hidden">Changes per engagement</caption>
            <thead><tr><th scope="col">Engagement</th><th scope="col">Review</th><th scope="col">Changes in substance</th><th scope="col">Citation only</th><th scope="col">Highest impact</th><th scope="col">By kind</th><th scope="col"><span class="visually-hidden">Open</span></th></tr></thead>
            <tbody>
              {rows.map((row) => (
                <>
                  <tr key={row.engagementId}>
                    <th scope="row"><a href={`/e/${row.engagementId}`}>{row.engagement}</a></th>
                    <td>{STATE_LABEL[row.state]}{row.acceptedAt ? <> · <Chip value="accepted" text={`Accepted ${row.acceptedAt.slice(0, 10)}`} tone="good" /></> : null}</td>
                    <td>{row.substantive ?? '–'}</td>
                    <td>{row.citationOnly ?? '–'}</td>
                    <td>{row.highestImpact ? <Chip value={row.highestImpact} text={row.highestImpact} tone={IMPACT_TONE[row.highestImpact]} /> : row.state === 'done' ? 'None' : '–'}</td>
                    <td>{row.byKind ? Object.entries(row.byKind).filter(([kind, count]) => count > 0 && kind !== 'citation').map(([kind, count]) => `${KIND_LABEL[kind] ?? kind} ${count}`).join(', ') || '–' : '–'}</td>
                    <td>{row.state === 'done' && <button type="button" class="button ghost" aria-expanded={open === row.engagementId} onClick={() => setOpen(open === row.engagementId ? null : row.engagementId)}>{open === row.engagementId ? 'Close' : 'Open'}</button>}</td>
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
  const detail = useAsync(() => api.reviewOf(runId, row.engagementId), [runId, row.engagementId]);
  const accept = useAction();
  const [accepted, setAccepted] = useState<{ marked: number } | null>(null);
  if (detail.error) return <ErrorNotice error={detail.error} onRetry={detail.reload} />;
  if (!detail.data) return <Loading what="the changes" />;
  const review: EngagementReview | null = detail.data.review;
  if (!review) return <p>Not reviewed yet.</p>;
  const substance = review.changes.filter((change) => change.kind !== 'citation');
  const citations = review.changes.filter((change) => change.kind === 'citation');
  const cite = (list: EngagementReview['changes'][number]['citations']['after']) => list.map((citation) => `${citation.title}${citation.article ? ` Art. ${citation.article}` : ''}`).join('; ');
  return (
    <section class="review-changes" aria-label={`Changes for ${row.engagement}`}>
      <p class="muted">From {review.before.asOf} (content {review.before.contentVersion}) to {review.after.asOf} (content {review.after.contentVersion}).</p>
      {review.changes.length === 0 && <p>No determination changed.</p>}
      {substance.length > 0 && (
        <ol class="change-list">
          {substance.map((change) => (
            <li key={change.path}>
              <Chip value={change.impact} text={KIND_LABEL[change.kind] ?? change.kind} tone={IMPACT_TONE[change.impact]} /> {change.meaning}
              {change.citations.after.length > 0 && <span class="muted"> Basis now: {cite(change.citations.after)}.</span>}
            </li>
          ))}
        </ol>
      )}
      {citations.length > 0 && (
        <details>
          <summary>{citations.length} changes of citation only (no change in what the client must do)</summary>
          <ul>{citations.map((change) => <li key={change.path}>{change.meaning}</li>)}</ul>
        </details>
      )}
      {review.due && review.due.length > 0 && (
        <>
          <h3>Due in this period</h3>
          <ul class="due-list">
            {review.due.map((duty) => (
              <li key={duty.id}>{duty.dates.join(', ')}: {duty.title}{duty.estimated ? <span class="muted"> (date from the plan)</span> : null} <span class="muted">({duty.citation.title}{duty.citation.article ? ` Art. ${duty.citation.article}` : ''})</span></li>
            ))}
          </ul>
        </>
      )}
      <div class="actions">
        <a class="button" href={api.memoUrl(runId, row.engagementId, 'docx')} download>Client memo (DOCX)</a>
        <a class="button" href={api.memoUrl(runId, row.engagementId, 'md')} download>Client memo (Markdown)</a>
        {!row.acceptedAt && !accepted && (
          <button type="button" class="button primary" disabled={accept.busy} onClick={() => void accept.run(async () => {
            const result = await api.acceptReview(runId, row.engagementId);
            setAccepted({ marked: result.marked });
            onAccepted();
          })}>{accept.busy ? 'Accepting…' : 'Accept into the annex'}</button>
        )}
      </div>
      {accepted && <p class="notice notice-info" role="status">Accepted: the engagement is re-assessed and {accepted.marked} annex items are marked for re-review.</p>}
      {accept.error ? <ErrorNotice error={accept.error} /> : null}
    </section>
  );
}
