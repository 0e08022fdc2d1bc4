// The Calendar tab: the engagement's dated and recurring duties from its latest assessment (date,
// duty, system, basis, and whether the date was given, from the plan or estimated), the .ics and
// .md downloads, and the subscription feed an editor makes, copies once, rotates or revokes.
import { useEffect, useRef, useState } from 'preact/hooks';
import { ApiFailure, api, type CalendarAnchors, type CalendarEntry, type CreatedCalendarFeed } from '../api.ts';
import { Chip, Empty, ErrorNotice, Loading, formatDateTime, useAction, useAsync } from '../components/common.tsx';
import { CitationRef } from '../components/explain.tsx';
import { useEngagement } from './engagement.tsx';
import './calendar.css';
import { tx, useLocale, useT } from '../i18n/i18n.ts';

/** How an anchor date is known: `calendar.source.<source>`. */
const SOURCE_TONE = { given: 'good', plan: 'info', estimated: 'warn' } as const;

export function CalendarView() {
  const t = useT();
  const { engagement } = useEngagement();
  const id = engagement.id;
  const [recorded, setRecorded] = useState(0);
  const locale = useLocale();
  const state = useAsync(() => api.calendar(id), [id, engagement.version, recorded, locale]);
  if (state.error && !state.data) return <ErrorNotice error={state.error} onRetry={state.reload} />;
  if (!state.data) return <Loading what={t('calendar.loadingWhat')} />;
  const calendar = state.data;
  const dated = calendar.entries.filter((entry) => entry.date != null);
  const triggers = calendar.entries.filter((entry) => entry.date == null);
  return (
    <div class="calendar">
      <section class="panel" aria-labelledby="calendar-title">
        <div class="calendar-head">
          <div>
            <h2 id="calendar-title">{t('calendar.title')}</h2>
            <p class="hint">{t('calendar.lede', { asOf: calendar.asOf, to: calendar.horizon.to })}</p>
          </div>
          <div class="calendar-downloads" role="group" aria-label={t('calendar.download')}>
            <a class="button small" href={api.calendarUrl(id, 'ics')} download data-testid="calendar-ics">iCalendar <span aria-hidden="true">.ics</span></a>
            <a class="button small" href={api.calendarUrl(id, 'md')} download data-testid="calendar-md">Markdown <span aria-hidden="true">.md</span></a>
          </div>
        </div>
        {calendar.beyondHolidayCalendar && <p class="notice notice-warn">{t('calendar.beyondHolidays')}</p>}
        {dated.length === 0 ? <Empty title={t('calendar.empty')} /> : <CalendarTable entries={dated} />}
      </section>
      {triggers.length > 0 && (
        <section class="panel" aria-labelledby="calendar-triggers-title">
          <h2 id="calendar-triggers-title">{t('calendar.triggers')}</h2>
          <ul class="calendar-triggers">
            {triggers.map((entry) => (
              <li key={entry.id}><strong>{entry.title}</strong> <span class="muted">{entry.detail}</span> <CitationRef citation={entry.citation} /></li>
            ))}
          </ul>
        </section>
      )}
      <AnchorsPanel onSaved={() => setRecorded((count) => count + 1)} />
      <FeedPanel />
    </div>
  );
}

function CalendarTable({ entries }: { entries: CalendarEntry[] }) {
  const t = useT();
  return (
    <div class="table-wrap">
      <table class="data" data-testid="calendar-list">
        <caption class="visually-hidden">{t('calendar.caption')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('calendar.col.date')}</th>
            <th scope="col">{t('calendar.col.duty')}</th>
            <th scope="col">{t('gaps.system')}</th>
            <th scope="col">{t('item.basis')}</th>
            <th scope="col">{t('calendar.col.countedFrom')}</th>
          </tr>
        </thead>
        <tbody>
          {entries.map((entry) => (
            <tr key={entry.id} data-testid="calendar-entry" data-id={entry.id}>
              <td class="nowrap">
                {entry.date}
                {entry.repeatEveryMonths != null && <p class="muted calendar-repeat">{entry.occurrences.length > 1 ? t('calendar.repeatThen', { months: entry.repeatEveryMonths, then: `${entry.occurrences.slice(1, 4).join(t('engagements.form.listSeparator'))}${entry.occurrences.length > 4 ? ' …' : ''}` }) : t('calendar.repeat', { months: entry.repeatEveryMonths })}</p>}
              </td>
              <th scope="row">
                {entry.title}
                {entry.needsLegalReview && <> <Chip value="review" tone="warn" text={t('calendar.legalReview')} /></>}
                <p class="muted calendar-detail">{entry.detail}</p>
              </th>
              <td>{entry.system ? <code>{entry.system}</code> : <span class="muted">{t('calendar.handler')}</span>}</td>
              <td><CitationRef citation={entry.citation} /></td>
              <td>
                {entry.anchor ? (
                  <>
                    <Chip value={entry.anchor.source} tone={SOURCE_TONE[entry.anchor.source]} text={t(`calendar.source.${entry.anchor.source}`)} />
                    <p class="muted calendar-detail">{entry.anchor.what}{entry.anchor.date ? ` (${entry.anchor.date})` : ''}</p>
                  </>
                ) : '–'}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** The dates the calendar counts from: editors record them; everyone sees them. */
function AnchorsPanel({ onSaved }: { onSaved: () => void }) {
  const t = useT();
  const { engagement, canEdit } = useEngagement();
  const id = engagement.id;
  const recorded = useAsync(() => api.calendarAnchors(id), [id]);
  const systems = engagement.assessment.headline.systems.map((system) => system.id);
  const [draft, setDraft] = useState<CalendarAnchors | null>(null);
  const [saved, setSaved] = useState(false);
  const action = useAction();
  const current = draft ?? recorded.data ?? {};
  const problems = action.error instanceof ApiFailure ? new Map(action.error.problems.map((problem) => [problem.path, problem.message])) : new Map<string, string>();
  const edit = (next: CalendarAnchors) => {
    setSaved(false);
    setDraft(next);
  };
  const setDate = (key: 'goLive' | 'transferEffective', value: string) => {
    const { [key]: _dropped, ...rest } = current;
    edit(value ? { ...rest, [key]: value } : rest);
  };
  const setLast = (system: string, value: string) => {
    const { [system]: _dropped, ...rest } = current.lastMlpsAssessment ?? {};
    const last = value ? { ...rest, [system]: value } : rest;
    const { lastMlpsAssessment: _old, ...others } = current;
    edit(Object.keys(last).length > 0 ? { ...others, lastMlpsAssessment: last } : others);
  };
  const save = (event: Event) => {
    event.preventDefault();
    void action.run(async () => {
      const next = await api.setCalendarAnchors(id, current);
      setDraft(null);
      recorded.set(next);
      setSaved(true);
      onSaved();
    });
  };
  const field = (key: string, label: string, value: string | undefined, onInput: (value: string) => void, hint: string) => (
    <label class="field" key={key}>
      <span class="field-label">{label}</span>
      <input type="date" name={key} value={value ?? ''} disabled={!canEdit} aria-invalid={problems.has(key) ? 'true' : undefined} aria-describedby={`anchor-${key}-hint`} onInput={(event) => onInput(event.currentTarget.value)} />
      <span class="hint" id={`anchor-${key}-hint`}>{problems.get(key) ?? hint}</span>
    </label>
  );
  return (
    <section class="panel" aria-labelledby="calendar-anchors-title">
      <h2 id="calendar-anchors-title">{t('calendar.anchors.title')}</h2>
      <p class="hint">{t('calendar.anchors.hint')}</p>
      {recorded.error ? <ErrorNotice error={recorded.error} onRetry={recorded.reload} /> : null}
      {recorded.data === undefined && !recorded.error ? <Loading what={t('calendar.anchors.loadingWhat')} /> : (
        <form class="calendar-anchors" onSubmit={save} aria-label={t('calendar.anchors.title')} data-testid="calendar-anchors">
          {field('goLive', t('calendar.anchors.goLive'), current.goLive, (value) => setDate('goLive', value), t('calendar.anchors.goLiveHint'))}
          {field('transferEffective', t('calendar.anchors.transfer'), current.transferEffective, (value) => setDate('transferEffective', value), t('calendar.anchors.transferHint'))}
          {systems.map((system) => field(`lastMlpsAssessment.${system}`, t('calendar.anchors.lastMlps', { system }), current.lastMlpsAssessment?.[system], (value) => setLast(system, value), t('calendar.anchors.lastMlpsHint')))}
          {canEdit && (
            <div class="actions">
              <button type="submit" class="button primary small" disabled={action.busy || draft === null}>{action.busy ? t('item.saving') : t('calendar.anchors.save')}</button>
              {saved && <span role="status">{t('calendar.anchors.saved')}</span>}
            </div>
          )}
          {action.error && !(action.error instanceof ApiFailure && action.error.problems.length > 0) ? <ErrorNotice error={action.error} /> : null}
        </form>
      )}
    </section>
  );
}

/** The subscription: whether a feed is live, and for editors the buttons to make, rotate and revoke it. */
function FeedPanel() {
  const t = useT();
  const { engagement, canEdit } = useEngagement();
  const id = engagement.id;
  const feed = useAsync(() => api.calendarFeed(id), [id]);
  const [created, setCreated] = useState<CreatedCalendarFeed | null>(null);
  const action = useAction();
  const live = feed.data ?? null;

  const make = () => action.run(async () => {
    if (live && !window.confirm(t('calendar.feed.confirmRotate'))) return;
    setCreated(await api.createCalendarFeed(id));
    feed.reload();
  });
  const revoke = () => action.run(async () => {
    if (!window.confirm(t('calendar.feed.confirmRevoke'))) return;
    await api.revokeCalendarFeed(id);
    setCreated(null);
    feed.reload();
  });

  return (
    <section class="panel" aria-labelledby="calendar-feed-title">
      <h2 id="calendar-feed-title">{t('calendar.feed.title')}</h2>
      <p class="hint">{t('calendar.feed.hint')}</p>
      {feed.error ? <ErrorNotice error={feed.error} onRetry={feed.reload} /> : null}
      {feed.loading && feed.data === undefined ? <Loading what={t('calendar.feed.loadingWhat')} /> : null}
      {created && <NewFeed feed={created} onDone={() => setCreated(null)} />}
      <p data-testid="calendar-feed-status">
        {live ? (live.createdBy ? t('calendar.feed.liveBy', { date: formatDateTime(live.createdAt), by: live.createdBy.name || live.createdBy.email }) : t('calendar.feed.live', { date: formatDateTime(live.createdAt) })) : t('calendar.feed.none')}
      </p>
      {canEdit && (
        <div class="actions">
          <button type="button" class="button primary small" disabled={action.busy} onClick={() => void make()}>{live ? t('calendar.feed.rotate') : t('calendar.feed.create')}</button>
          {live && <button type="button" class="button danger small" disabled={action.busy} onClick={() => void revoke()}>{t('calendar.feed.revoke')}</button>}
        </div>
      )}
      {action.error ? <ErrorNotice error={action.error} /> : null}
    </section>
  );
}

function NewFeed({ feed, onDone }: { feed: CreatedCalendarFeed; onDone: () => void }) {
  const t = useT();
  const box = useRef<HTMLDivElement>(null);
  const [copied, setCopied] = useState('');
  // The address as the browser reaches this server, which a proxy may not pass on to it.
  const url = `${window.location.origin}${feed.path}`;
  useEffect(() => box.current?.focus(), [feed.id]);
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(url);
      setCopied(t('members.otp.copied'));
    } catch {
      setCopied(t('calendar.feed.selectCopy'));
    }
  };
  return (
    <div class="notice notice-info" role="alert" tabIndex={-1} ref={box} aria-labelledby="calendar-new-feed-title">
      <h3 id="calendar-new-feed-title">{t('calendar.feed.address')}</h3>
      <p>{tx('calendar.feed.once', { strong: (chunks) => <strong>{chunks}</strong> })}</p>
      <div class="calendar-feed-url">
        <input readOnly value={url} aria-label={t('calendar.feed.addressLabel')} data-testid="calendar-feed-url" onFocus={(event) => event.currentTarget.select()} />
        <button type="button" class="button primary small" onClick={() => void copy()}>{t('members.otp.copy')}</button>
        <span role="status">{copied}</span>
      </div>
      <div class="actions">
        <button type="button" class="button" onClick={onDone}>{t('calendar.feed.hide')}</button>

      </div>
    </div>
  );
}
