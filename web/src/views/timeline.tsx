// The timeline as a Gantt chart: each track's fast and slow case from the engagement start, the
// critical path, the target go-live, the obligations that start after launch, and the dated and
// recurring duties of the obligations calendar as markers on rows of their own.
import { useEffect, useRef } from 'preact/hooks';
import type { Assessment, CalendarEntry } from '../api.ts';
import { api } from '../api.ts';
import { Chip, ErrorNotice, Loading, useAsync } from '../components/common.tsx';
import { CitationRef } from '../components/explain.tsx';
import { useEngagement } from './engagement.tsx';
import './timeline.css';
import { t, tx, useLocale, useT } from '../i18n/i18n.ts';

type Timeline = Assessment['timeline'];

const DAYS_PER_MONTH = 365.25 / 12;
const LABEL_WIDTH = 250;
const CHART_WIDTH = 720;
const ROW = 34;
const TOP = 40;
/** How far the chart stretches, at most, to show the calendar's duties. */
const MAX_SPAN_MONTHS = 60;

export function addMonths(start: string, months: number): string {
  const date = new Date(`${start}T00:00:00Z`);
  date.setUTCDate(date.getUTCDate() + Math.round(months * DAYS_PER_MONTH));
  return date.toISOString().slice(0, 10);
}

function monthsBetween(start: string, end: string): number {
  return (Date.parse(`${end}T00:00:00Z`) - Date.parse(`${start}T00:00:00Z`)) / 86_400_000 / DAYS_PER_MONTH;
}

export function TimelineView() {
  const t = useT();
  const locale = useLocale();
  const { engagement } = useEngagement();
  const state = useAsync(() => api.assessment(engagement.id), [engagement.id, engagement.version, locale]);
  // The calendar is an addition to the chart: without it the tracks still show.
  const calendar = useAsync(() => api.calendar(engagement.id), [engagement.id, engagement.version, locale]);
  if (state.error && !state.data) return <ErrorNotice error={state.error} onRetry={state.reload} />;
  if (!state.data) return <Loading what={t('timeline.loadingWhat')} />;
  const timeline = state.data.timeline;
  const duties = (calendar.data?.entries ?? []).filter((entry) => entry.date != null);
  return (
    <div class="timeline">
      <div class="panel">
        <h2>{t('timeline.ready', { earliest: timeline.readyBy.earliest, latest: timeline.readyBy.latest })}</h2>
        <p>
          {t('timeline.summary', { min: timeline.minMonths, max: timeline.maxMonths, start: timeline.start, path: timeline.criticalPath.map((id) => timeline.tracks.find((track) => track.id === id)?.title ?? id).join(' → ') })}
          {timeline.goLive && ` ${t(timeline.readyBy.latest > timeline.goLive ? 'timeline.goLiveMissed' : 'timeline.goLiveHolds', { date: timeline.goLive })}`}
        </p>
        <Gantt timeline={timeline} duties={duties} />
        <p class="gantt-legend">
          <span><span class="key fast" aria-hidden="true" /> {t('timeline.key.fast')}</span>
          <span><span class="key slow" aria-hidden="true" /> {t('timeline.key.slow')}</span>
          <span><span class="key critical" aria-hidden="true" /> {t('timeline.key.critical')}</span>
          {timeline.goLive && <span><span class="key golive" aria-hidden="true" /> {t('timeline.key.goLive')}</span>}
          {duties.length > 0 && <span><span class="key duty" aria-hidden="true" /> {tx('timeline.key.duty', { link: (chunks) => <a href={`/e/${engagement.id}/calendar`}>{chunks}</a> })}</span>}
        </p>
      </div>
      <TrackTable timeline={timeline} />
      {timeline.postLaunch.length > 0 && (
        <section class="panel" aria-labelledby="post-launch-title">
          <h2 id="post-launch-title">{t('timeline.afterLaunch')}</h2>
          <ul class="post-launch">
            {timeline.postLaunch.map((obligation) => (
              <li key={obligation.id}>
                <strong>{obligation.title}</strong> <span class="muted">{obligation.detail}</span> <CitationRef citation={obligation.citation} />
              </li>
            ))}
          </ul>
        </section>
      )}
    </div>
  );
}

/** The calendar's rows: one per recurring duty, and one for the one-off deadlines. */
function dutyRows(duties: CalendarEntry[]): Array<{ id: string; title: string; dates: Array<{ date: string; title: string }> }> {
  const recurring = duties.filter((entry) => entry.kind === 'recurring').map((entry) => ({ id: entry.id, title: entry.title, dates: (entry.occurrences.length > 0 ? entry.occurrences : [entry.date!]).map((date) => ({ date, title: entry.title })) }));
  const deadlines = duties.filter((entry) => entry.kind === 'deadline');
  return [...recurring, ...(deadlines.length > 0 ? [{ id: 'deadlines', title: t('timeline.deadlines'), dates: deadlines.map((entry) => ({ date: entry.date!, title: entry.title })) }] : [])];
}

function Gantt({ timeline, duties }: { timeline: Timeline; duties: CalendarEntry[] }) {
  const goLiveMonths = timeline.goLive ? monthsBetween(timeline.start, timeline.goLive) : null;
  const rows = dutyRows(duties);
  // Far enough to see each recurring duty come round once more (and every deadline), within the cap.
  const reach = rows.map((row) => Math.max(...(row.id === 'deadlines' ? row.dates : row.dates.slice(0, 2)).map((entry) => monthsBetween(timeline.start, entry.date))));
  const span = Math.max(1, Math.min(MAX_SPAN_MONTHS, Math.ceil(Math.max(timeline.maxMonths, goLiveMonths ?? 0, ...reach) + 0.5)));
  const x = (months: number) => LABEL_WIDTH + (Math.max(0, months) / span) * CHART_WIDTH;
  const dutyTop = TOP + timeline.tracks.length * ROW;
  const height = dutyTop + rows.length * ROW + 12;
  const critical = new Set(timeline.criticalPath);
  const step = Math.max(1, Math.ceil(span / 14));
  const ticks = Array.from({ length: span + 1 }, (_, index) => index).filter((index) => index % step === 0);
  const wrap = useRef<HTMLDivElement>(null);
  // On a screen narrower than the chart, it scrolls sideways: open it where the go-live marker
  // is in view (with the bars leading up to it), not on the labels alone.
  useEffect(() => {
    const element = wrap.current;
    const marker = element?.querySelector('.golive line');
    if (!element || !marker || element.scrollWidth <= element.clientWidth) return;
    const left = marker.getBoundingClientRect().left - element.getBoundingClientRect().left + element.scrollLeft;
    if (left < element.scrollLeft || left > element.scrollLeft + element.clientWidth - 40) element.scrollLeft = Math.max(0, left - element.clientWidth * 0.65);
  }, [goLiveMonths, span]);

  return (
    <div class="gantt-wrap" ref={wrap} tabIndex={0} aria-label={t('timeline.ganttLabel')} data-testid="gantt-wrap">
      <svg class="gantt" viewBox={`0 0 ${LABEL_WIDTH + CHART_WIDTH + 20} ${height}`} role="img" aria-labelledby="gantt-title">
        <title id="gantt-title">
          {t('timeline.ganttTitle', { count: timeline.tracks.length, start: timeline.start, earliest: timeline.readyBy.earliest, latest: timeline.readyBy.latest })}
        </title>
        {ticks.map((month) => (
          <g key={month}>
            <line x1={x(month)} x2={x(month)} y1={TOP - 8} y2={height - 8} class="tick" />
            <text x={x(month)} y={TOP - 24} class="tick-label" text-anchor="middle">{addMonths(timeline.start, month).slice(0, 7)}</text>
            <text x={x(month)} y={TOP - 12} class="tick-sub" text-anchor="middle">{t('timeline.tick', { month })}</text>
          </g>
        ))}
        {timeline.tracks.map((track, index) => {
          const y = TOP + index * ROW;
          const onPath = critical.has(track.id);
          return (
            <g key={track.id} class={onPath ? 'track critical' : 'track'}>
              <text x={8} y={y + ROW / 2 + 4} class="track-label">
                {track.title.length > 34 ? `${track.title.slice(0, 33)}…` : track.title}
                {track.needsLegalReview ? ' *' : ''}
              </text>
              <rect x={x(track.startMonths.min)} y={y + 6} width={Math.max(2, x(track.endMonths.max) - x(track.startMonths.min))} height={ROW - 12} rx={4} class="window" />
              <rect x={x(track.startMonths.max)} y={y + 6} width={Math.max(2, x(track.endMonths.max) - x(track.startMonths.max))} height={ROW - 12} rx={4} class="slow" />
              <rect x={x(track.startMonths.min)} y={y + 9} width={Math.max(3, x(track.endMonths.min) - x(track.startMonths.min))} height={ROW - 18} rx={3} class="fast">
                <title>
                  {t('timeline.trackTitle', { title: track.title, fastStart: track.startMonths.min, fastEnd: track.endMonths.min, slowStart: track.startMonths.max, slowEnd: track.endMonths.max })}
                  {track.dependsOn.length ? t('timeline.trackAfter', { after: track.dependsOn.join(t('engagements.form.listSeparator')) }) : ''}
                </title>
              </rect>
            </g>
          );
        })}
        {rows.map((row, index) => {
          const y = dutyTop + index * ROW;
          const shown = row.dates.map((entry) => ({ ...entry, months: monthsBetween(timeline.start, entry.date) })).filter((entry) => entry.months >= 0 && entry.months <= span);
          return (
            <g key={row.id} class="duty-row" data-id={row.id}>
              <text x={8} y={y + ROW / 2 + 4} class="track-label duty-label">{row.title.length > 34 ? `${row.title.slice(0, 33)}…` : row.title}</text>
              {shown.map((entry) => {
                const cx = x(entry.months);
                const cy = y + ROW / 2;
                return (
                  <path key={`${entry.date}-${entry.title}`} class="duty-marker" d={`M ${cx} ${cy - 7} L ${cx + 7} ${cy} L ${cx} ${cy + 7} L ${cx - 7} ${cy} Z`}>
                    <title>{entry.title}: {entry.date}</title>
                  </path>
                );
              })}
            </g>
          );
        })}
        {goLiveMonths != null && goLiveMonths >= 0 && (
          <g class="golive">
            <line x1={x(goLiveMonths)} x2={x(goLiveMonths)} y1={TOP - 8} y2={height - 4} />
            <text x={x(goLiveMonths) + 4} y={height - 6}>{t('timeline.goLiveMark', { date: timeline.goLive ?? '' })}</text>
          </g>
        )}
      </svg>
    </div>
  );
}

function TrackTable({ timeline }: { timeline: Timeline }) {
  const t = useT();
  const titles = new Map(timeline.tracks.map((track) => [track.id, track.title]));
  return (
    <section class="panel" aria-labelledby="tracks-title">
      <h2 id="tracks-title">{t('timeline.tracks')}</h2>
      <div class="table-wrap">
        <table class="data">
          <thead>
            <tr>
              <th scope="col">{t('timeline.col.track')}</th>
              <th scope="col">{t('timeline.col.after')}</th>
              <th scope="col">{t('timeline.col.takes')}</th>
              <th scope="col">{t('timeline.col.doneBy')}</th>
              <th scope="col">{t('item.basis')}</th>
            </tr>
          </thead>
          <tbody>
            {timeline.tracks.map((track) => (
              <tr key={track.id}>
                <th scope="row">
                  {track.title}
                  {timeline.criticalPath.includes(track.id) && <> <Chip value="critical" tone="warn" text={t('timeline.criticalPath')} /></>}
                  {track.needsLegalReview && <> <Chip value="review" tone="warn" text={t('calendar.legalReview')} /></>}
                  <p class="muted track-detail">{track.detail}</p>
                </th>
                <td>{track.dependsOn.map((id) => titles.get(id) ?? id).join(t('engagements.form.listSeparator')) || t('timeline.start')}</td>
                <td class="nowrap">{track.minMonths === track.maxMonths ? t('timeline.months', { count: track.minMonths }) : t('timeline.monthsRange', { min: track.minMonths, max: track.maxMonths })}</td>
                <td class="nowrap">
                  {track.endMonths.max !== track.endMonths.min ? t('timeline.doneRange', { from: addMonths(timeline.start, track.endMonths.min), to: addMonths(timeline.start, track.endMonths.max) }) : addMonths(timeline.start, track.endMonths.min)}
                </td>
                <td>
                  {track.basis.map((citation, index) => (
                    <span key={index} class="basis-line"><CitationRef citation={citation} /></span>
                  ))}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <p class="hint">{t('timeline.hint')}</p>

    </section>
  );
}
