// The Calendar tab: the engagement's dated and recurring duties from its latest assessment (date,
// duty, system, basis, and whether the date was given, from the plan or estimated), the .ics and
// .md downloads, and the subscription feed an editor makes, copies once, rotates or revokes.
import { useEffect, useRef, useState } from 'preact/hooks';
import { ApiFailure, api, type CalendarAnchors, type CalendarEntry, type CreatedCalendarFeed } from '../api.ts';
import { Chip, Empty, ErrorNotice, Loading, formatDateTime, useAction, useAsync } from '../components/common.tsx';
import { CitationRef } from '../components/explain.tsx';
import { useEngagement } from './engagement.tsx';
import './calendar.css';

const SOURCE_TEXT = { given: 'given', plan: 'from the plan', estimated: 'estimated' } as const;
const SOURCE_TONE = { given: 'good', plan: 'info', estimated: 'warn' } as const;

export function CalendarView() {
  const { engagement } = useEngagement();
  const id = engagement.id;
  const [recorded, setRecorded] = useState(0);
  const state = useAsync(() => api.calendar(id), [id, engagement.version, recorded]);
  if (state.error && !state.data) return <ErrorNotice error={state.error} onRetry={state.reload} />;
  if (!state.data) return <Loading what="the obligations calendar" />;
  const calendar = state.data;
  const dated = calendar.entries.filter((entry) => entry.date != null);
  const triggers = calendar.entries.filter((entry) => entry.date == null);
  return (
    <div class="calendar">
      <section class="panel" aria-labelledby="calendar-title">
        <div class="calendar-head">
          <div>
            <h2 id="calendar-title">Obligations calendar</h2>
            <p class="hint">As of {calendar.asOf}; recurring duties listed to {calendar.horizon.to}. Dates follow the latest assessment, so a re-assessment moves them.</p>
          </div>
          <div class="calendar-downloads" role="group" aria-label="Download the calendar">
            <a class="button small" href={api.calendarUrl(id, 'ics')} download data-testid="calendar-ics">iCalendar <span aria-hidden="true">.ics</span></a>
            <a class="button small" href={api.calendarUrl(id, 'md')} download data-testid="calendar-md">Markdown <span aria-hidden="true">.md</span></a>
          </div>
        </div>
        {calendar.beyondHolidayCalendar && <p class="notice notice-warn">Some deadlines in working days run into a year whose State Council holiday schedule Landfall does not hold yet; they are counted on weekdays there and flagged for legal review.</p>}
        {dated.length === 0 ? <Empty title="No dated duties for this engagement" /> : <CalendarTable entries={dated} />}
      </section>
      {triggers.length > 0 && (
        <section class="panel" aria-labelledby="calendar-triggers-title">
          <h2 id="calendar-triggers-title">When something changes</h2>
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
  return (
    <div class="table-wrap">
      <table class="data" data-testid="calendar-list">
        <caption class="visually-hidden">Dated duties, earliest first</caption>
        <thead>
          <tr>
            <th scope="col">Date</th>
            <th scope="col">Duty</th>
            <th scope="col">System</th>
            <th scope="col">Basis</th>
            <th scope="col">Counted from</th>
          </tr>
        </thead>
        <tbody>
          {entries.map((entry) => (
            <tr key={entry.id} data-testid="calendar-entry" data-id={entry.id}>
              <td class="nowrap">
                {entry.date}
                {entry.repeatEveryMonths != null && <p class="muted calendar-repeat">every {entry.repeatEveryMonths} months{entry.occurrences.length > 1 ? `, then ${entry.occurrences.slice(1, 4).join(', ')}${entry.occurrences.length > 4 ? ' …' : ''}` : ''}</p>}
              </td>
              <th scope="row">
                {entry.title}
                {entry.needsLegalReview && <> <Chip value="review" tone="warn" text="legal review" /></>}
                <p class="muted calendar-detail">{entry.detail}</p>
              </th>
              <td>{entry.system ? <code>{entry.system}</code> : <span class="muted">the handler</span>}</td>
              <td><CitationRef citation={entry.citation} /></td>
              <td>
                {entry.anchor ? (
                  <>
                    <Chip value={entry.anchor.source} tone={SOURCE_TONE[entry.anchor.source]} text={SOURCE_TEXT[entry.anchor.source]} />
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
      <h2 id="calendar-anchors-title">Dates the calendar counts from</h2>
      <p class="hint">Record what has happened, and the calendar (and its subscription) counts from it instead of the plan or an estimate. Leave a date empty to go back to the plan.</p>
      {recorded.error ? <ErrorNotice error={recorded.error} onRetry={recorded.reload} /> : null}
      {recorded.data === undefined && !recorded.error ? <Loading what="the recorded dates" /> : (
        <form class="calendar-anchors" onSubmit={save} aria-label="Dates the calendar counts from" data-testid="calendar-anchors">
          {field('goLive', 'Go-live', current.goLive, (value) => setDate('goLive', value), 'When the service went (or goes) live in the mainland.')}
          {field('transferEffective', 'Transfer mechanism in effect', current.transferEffective, (value) => setDate('transferEffective', value), 'The CAC\'s approval, or the standard contract\'s effective date.')}
          {systems.map((system) => field(`lastMlpsAssessment.${system}`, `Last MLPS assessment: ${system}`, current.lastMlpsAssessment?.[system], (value) => setLast(system, value), 'The date of the last 等级测评 report.'))}
          {canEdit && (
            <div class="actions">
              <button type="submit" class="button primary small" disabled={action.busy || draft === null}>{action.busy ? 'Saving…' : 'Save dates'}</button>
              {saved && <span role="status">Saved; the calendar now counts from these dates.</span>}
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
  const { engagement, canEdit } = useEngagement();
  const id = engagement.id;
  const feed = useAsync(() => api.calendarFeed(id), [id]);
  const [created, setCreated] = useState<CreatedCalendarFeed | null>(null);
  const action = useAction();
  const live = feed.data ?? null;

  const make = () => action.run(async () => {
    if (live && !window.confirm('Make a new subscription address? The current one stops working at once, for everyone subscribed to it.')) return;
    setCreated(await api.createCalendarFeed(id));
    feed.reload();
  });
  const revoke = () => action.run(async () => {
    if (!window.confirm('Revoke the subscription address? Calendars subscribed to it stop updating.')) return;
    await api.revokeCalendarFeed(id);
    setCreated(null);
    feed.reload();
  });

  return (
    <section class="panel" aria-labelledby="calendar-feed-title">
      <h2 id="calendar-feed-title">Subscribe from a calendar application</h2>
      <p class="hint">A private address that Outlook, Google Calendar or Apple Calendar can subscribe to; it always shows the current calendar. Whoever has the address can read it, without logging in.</p>
      {feed.error ? <ErrorNotice error={feed.error} onRetry={feed.reload} /> : null}
      {feed.loading && feed.data === undefined ? <Loading what="the subscription" /> : null}
      {created && <NewFeed feed={created} onDone={() => setCreated(null)} />}
      <p data-testid="calendar-feed-status">
        {live ? <>A subscription address is live, made {formatDateTime(live.createdAt)}{live.createdBy ? ` by ${live.createdBy.name || live.createdBy.email}` : ''}.</> : 'No subscription address yet.'}
      </p>
      {canEdit && (
        <div class="actions">
          <button type="button" class="button primary small" disabled={action.busy} onClick={() => void make()}>{live ? 'Make a new address' : 'Create subscription URL'}</button>
          {live && <button type="button" class="button danger small" disabled={action.busy} onClick={() => void revoke()}>Revoke</button>}
        </div>
      )}
      {action.error ? <ErrorNotice error={action.error} /> : null}
    </section>
  );
}

function NewFeed({ feed, onDone }: { feed: CreatedCalendarFeed; onDone: () => void }) {
  const box = useRef<HTMLDivElement>(null);
  const [copied, setCopied] = useState('');
  // The address as the browser reaches this server, which a proxy may not pass on to it.
  const url = `${window.location.origin}${feed.path}`;
  useEffect(() => box.current?.focus(), [feed.id]);
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(url);
      setCopied('Copied to the clipboard.');
    } catch {
      setCopied('Select the address and copy it with Ctrl+C (⌘C on a Mac).');
    }
  };
  return (
    <div class="notice notice-info" role="alert" tabIndex={-1} ref={box} aria-labelledby="calendar-new-feed-title">
      <h3 id="calendar-new-feed-title">The subscription address</h3>
      <p>This is shown <strong>only this once</strong>; Landfall keeps only a digest of it. Paste it into the calendar application's “subscribe from URL”.</p>
      <div class="calendar-feed-url">
        <input readOnly value={url} aria-label="Subscription address" data-testid="calendar-feed-url" onFocus={(event) => event.currentTarget.select()} />
        <button type="button" class="button primary small" onClick={() => void copy()}>Copy</button>
        <span role="status">{copied}</span>
      </div>
      <div class="actions">
        <button type="button" class="button" onClick={onDone}>Hide it</button>
      </div>
    </div>
  );
}
