// The History tab: the engagement's audit log as a timeline, newest first, one sentence per change
// with who made it and when. A profile save and the re-derivations it caused read as one entry.
import { useMemo, useState } from 'preact/hooks';
import { api, type HistoryEntry } from '../api.ts';
import { Empty, ErrorNotice, Loading, useAsync } from '../components/common.tsx';
import { useEngagement } from './engagement.tsx';
import { HISTORY_KINDS, actorName, describeEntry, kindOf, sameSave, type HistoryKind } from './annex/describe-history.ts';
import { EntryChanges } from './annex/history-changes.tsx';
import { ProfileChanges } from './profile-changes.tsx';
import './annex/history.css';
import { currentLocale, t, useT } from '../i18n/i18n.ts';

type Filter = 'all' | Exclude<HistoryKind, 'other'>;
const PAGE = 60;
/** The kinds' names on each entry: `history.entryKind.<kind>`. */
const kindLabel = (kind: HistoryKind) => t(`history.entryKind.${kind}`);
const dateLocale = () => (currentLocale() === 'en' ? 'en-GB' : currentLocale());

interface Row {
  entry: HistoryEntry;
  /** The re-derivations and supersessions a profile save caused. */
  caused: HistoryEntry[];
}

/** The rows to show: with `all` or `profile`, a profile save carries the item changes it caused. */
function rowsFor(entries: HistoryEntry[], filter: Filter): Row[] {
  const grouped = filter === 'all' || filter === 'profile';
  const rows: Row[] = [];
  const saves: Row[] = [];
  for (const entry of entries) {
    if (grouped && (entry.action === 'rederive' || entry.action === 'supersede')) {
      const save = saves.find((row) => sameSave(row.entry, entry));
      if (save) {
        save.caused.push(entry);
        continue;
      }
    }
    if (filter !== 'all' && kindOf(entry) !== filter) continue;
    const row: Row = { entry, caused: [] };
    if (entry.action === 'update_profile') saves.push(row);
    rows.push(row);
  }
  return rows;
}

function dayOf(iso: string): string {
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? iso.slice(0, 10) : date.toLocaleDateString(dateLocale(), { weekday: 'long', day: 'numeric', month: 'long', year: 'numeric' });
}

function timeOf(iso: string): string {
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? '' : date.toLocaleTimeString(dateLocale(), { hour: '2-digit', minute: '2-digit' });
}

export function HistoryView() {
  const t = useT();
  const { engagement } = useEngagement();
  const id = engagement.id;
  const history = useAsync(() => api.history(id), [id, engagement.version]);
  const members = useAsync(() => api.members(id).then((body) => body.members), [id]);
  const [filter, setFilter] = useState<Filter>('all');
  const [limit, setLimit] = useState(PAGE);

  const names = useMemo(() => new Map((members.data ?? []).map((member) => [member.userId, member.name || member.email])), [members.data]);
  const entries = history.data;
  const rows = useMemo(() => (entries ? rowsFor(entries, filter) : []), [entries, filter]);
  const counts = useMemo(() => {
    const out: Record<string, number> = { all: entries?.length ?? 0 };
    for (const entry of entries ?? []) out[kindOf(entry)] = (out[kindOf(entry)] ?? 0) + 1;
    return out;
  }, [entries]);

  const memberName = (userId: string) => names.get(userId);
  const shown = rows.slice(0, limit);
  const days: Array<{ day: string; rows: Row[] }> = [];
  for (const row of shown) {
    const day = dayOf(row.entry.at);
    const last = days[days.length - 1];
    if (last && last.day === day) last.rows.push(row);
    else days.push({ day, rows: [row] });
  }

  return (
    <div class="history">
      <div class="history-head">
        <div>
          <h2>{t('tab.history')}</h2>
          <p class="lede">{t('history.lede')}</p>
        </div>
        <button type="button" class="button small" onClick={history.reload} disabled={history.loading}>
          {history.loading && entries ? t('history.refreshing') : t('history.refresh')}
        </button>
      </div>

      <fieldset class="segmented history-filter">
        <legend>{t('history.show')}</legend>
        {([{ id: 'all', title: t('history.everything') }, ...HISTORY_KINDS] as const).map((kind) => (
          <label key={kind.id} class={filter === kind.id ? 'selected' : ''}>
            <input
              type="radio"
              name="history-kind"
              value={kind.id}
              checked={filter === kind.id}
              onChange={() => {
                setFilter(kind.id);
                setLimit(PAGE);
              }}
            />
            {kind.title} <span class="history-filter-count">({counts[kind.id] ?? 0})</span>
          </label>
        ))}
      </fieldset>

      {history.error ? <ErrorNotice error={history.error} onRetry={history.reload} /> : null}
      {history.loading && !entries ? <Loading what={t('history.loadingWhat')} /> : null}
      {entries && rows.length === 0 && (
        <Empty title={entries.length === 0 ? t('history.empty') : t('history.emptyKind')}>
          <p class="muted">{entries.length === 0 ? t('history.emptyHelp') : t('history.emptyKindHelp')}</p>
        </Empty>
      )}

      {days.length > 0 && (
        <ol class="history-days" aria-label={t('history.listLabel')}>
          {days.map((group) => (
            <li key={group.day} class="history-day">
              <h3 class="history-day-title">{group.day}</h3>
              <ol class="history-entries">
                {group.rows.map((row) => (
                  <HistoryRow key={row.entry.id} row={row} engagementId={id} memberName={memberName} />
                ))}
              </ol>
            </li>
          ))}
        </ol>
      )}

      {rows.length > shown.length && (
        <div class="history-more">
          <button type="button" class="button" onClick={() => setLimit(limit + PAGE)}>
            {t('history.older', { count: rows.length - shown.length })}
          </button>
        </div>
      )}
    </div>
  );
}

function HistoryRow({ row, engagementId, memberName }: { row: Row; engagementId: string; memberName: (userId: string) => string | undefined }) {
  const t = useT();
  const { entry, caused } = row;
  const kind = kindOf(entry);
  const rederived = caused.filter((candidate) => candidate.action === 'rederive');
  const superseded = caused.filter((candidate) => candidate.action === 'supersede');
  const summary = [
    rederived.length > 0 ? t('history.rederived', { count: rederived.length }) : '',
    superseded.length > 0 ? t('history.superseded', { count: superseded.length }) : '',
  ].filter(Boolean).join(t('engagements.form.listSeparator'));
  return (
    <li class={`history-entry history-kind-${kind}`}>
      <time class="history-time" dateTime={entry.at}>{timeOf(entry.at)}</time>
      <span class="history-rail" aria-hidden="true">
        <span class="history-dot" />
      </span>
      <div class="history-card">
        <p class="history-sentence">{describeEntry(entry, memberName)}</p>
        <p class="history-meta">
          <span class="history-kind-label">{kindLabel(kind)}</span>
          <span>{entry.by && entry.by.name && entry.by.name !== entry.by.email ? t('history.byEmail', { name: actorName(entry), email: entry.by.email }) : t('history.by', { name: actorName(entry) })}</span>
          {kind === 'items' && entry.entityId && (
            <a href={`/e/${engagementId}/annex#item-${encodeURIComponent(entry.entityId)}`}>{t('history.openInAnnex')}</a>
          )}
        </p>
        <EntryChanges entry={entry} />
        {entry.profileChanges && <ProfileChanges changes={entry.profileChanges} />}
        {caused.length > 0 && (
          <details class="history-group">
            <summary>{summary}</summary>
            <ul>
              {caused.map((change) => (
                <li key={change.id}>
                  {describeEntry(change)}
                  {change.entityId && (
                    <>
                      {' · '}
                      <a href={`/e/${engagementId}/annex#item-${encodeURIComponent(change.entityId)}`}>
                        {t('history.open')}<span class="visually-hidden"> {t('history.openHidden')}</span>

                      </a>
                    </>
                  )}
                  <EntryChanges entry={change} />
                </li>
              ))}
            </ul>
          </details>
        )}
      </div>
    </li>
  );
}
