// One annex item: its status, statement, implication and basis, what marks it (legal review, the
// system it is about, a person's edits, superseded), and for editors the status select and the
// title and statement editor. A stale version (409) keeps the person's draft and offers a reload.
import type { VNode } from 'preact';
import { useEffect, useRef, useState } from 'preact/hooks';
import { api, ApiFailure, type AnnexItem } from '../../api.ts';
import { Chip, ErrorNotice, Loading, formatDateTime, toneOf, useAsync } from '../../components/common.tsx';
import { label } from '../../labels.ts';
import { STEP_KEYS, categoryTitle, statusesFor } from './annex-model.ts';
import { OWNER_ROLES } from '../../../../src/core/annex/annex-types.ts';
import { actorName, describeEntry } from './describe-history.ts';
import { EntryChanges } from './history-changes.tsx';
import { currentLocale, t, tx, useT } from '../../i18n/i18n.ts';


type Citation = NonNullable<AnnexItem['data']['basis']>[number];
type Conflict = { kind: 'status'; status: string; seenVersion: number } | { kind: 'text'; seenVersion: number };
/** An edit that puts back what a save changed (the toast's Undo). */
type UndoEdit = { status?: string; title?: string; text?: string; owner?: string; due?: string };
interface Draft {
  title: string;
  statement: string;
  owner: string;
  due: string;
}

const TITLE_MAX = 300;
const STATEMENT_MAX = 20_000;
/** The names of the fields a person edited: `item.field.<field>`. */
const editedFieldLabel = (field: string) => (['status', 'title', 'statement', 'owner', 'due'].includes(field) ? t(`item.field.${field}`) : field);

export interface ItemCardProps {
  engagementId: string;
  item: AnnexItem;
  canEdit: boolean;
  /** Heading level of the item's title in its block. */
  level: 3 | 4;
  /** A number shown before the title ("Q1" for open questions). */
  number?: string | undefined;
  systemName: (id: string) => string;
  /** Whether the annex is being fetched again. */
  reloading: boolean;
  onSaved: (item: AnnexItem) => void;
  /** Fetches the annex again (after a conflict). */
  onReload: () => void;
}

function citationText(citation: Citation): string {
  if (citation.instrument === 'practice') return t('item.practice', { title: citation.title });
  return citation.article ? t('item.citation', { title: citation.title, article: citation.article }) : citation.title;
}

/** "a, b and c" in the current language. */
function list(words: string[]): string {
  return new Intl.ListFormat(currentLocale() === 'en' ? 'en-GB' : currentLocale(), { type: 'conjunction' }).format(words);
}

export function ItemCard({ engagementId, item, canEdit, level, number, systemName, reloading, onSaved, onReload }: ItemCardProps) {
  const t = useT();
  const [editing, setEditing] = useState(false);
  const [draft, setDraft] = useState<Draft>({ title: item.title, statement: item.statement, owner: item.data.owner ?? '', due: item.data.due ?? '' });
  const [problems, setProblems] = useState<Partial<Draft>>({});
  const [pendingStatus, setPendingStatus] = useState<string | null>(null);
  const [busy, setBusy] = useState<'status' | 'text' | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [conflict, setConflict] = useState<Conflict | null>(null);
  const [saved, setSaved] = useState('');
  /** What the toast's Undo puts back: the item's editable fields before the last save. */
  const [undo, setUndo] = useState<UndoEdit | null>(null);
  /** A status stepped to with the arrow keys on the closed select: saved on Enter or on leaving the select. */
  const [chosenStatus, setChosenStatus] = useState<string | null>(null);
  const keyedChange = useRef(false);
  const statusSelect = useRef<HTMLSelectElement>(null);
  const [historyOpen, setHistoryOpen] = useState(false);
  const [historyRevision, setHistoryRevision] = useState(0);
  const titleInput = useRef<HTMLInputElement>(null);
  const statementInput = useRef<HTMLTextAreaElement>(null);
  const editButton = useRef<HTMLButtonElement>(null);
  const focusEditButton = useRef(false);
  const statusSaving = useRef(false);
  const queuedStatus = useRef<string | null>(null);

  const domId = `item-${item.id}`;
  const Heading = level === 3 ? 'h3' : 'h4';
  const basis = item.data.basis ?? [];
  const reloaded = conflict != null && item.version > conflict.seenVersion;

  useEffect(() => {
    if (editing) titleInput.current?.focus();
    else if (focusEditButton.current) {
      focusEditButton.current = false;
      editButton.current?.focus();
    }
  }, [editing]);

  useEffect(() => {
    if (!saved) return;
    const timer = setTimeout(() => {
      setSaved('');
      setUndo(null);
    }, undo ? 12_000 : 4000);
    return () => clearTimeout(timer);
  }, [saved, undo]);

  const afterSave = (updated: AnnexItem, message: string, undoEdit: UndoEdit | null = null) => {
    onSaved(updated);
    setConflict(null);
    setError(null);
    setSaved(message);
    setUndo(undoEdit);
    setHistoryRevision((revision) => revision + 1);
  };

  /** Puts back what the last save changed, as a new edit against the current version. */
  const undoLast = async () => {
    if (!undo || busy) return;
    const edit = undo;
    setBusy('text');
    setError(null);
    try {
      const updated = await api.editItem(engagementId, item.id, { ...edit, version: item.version });
      afterSave(updated, t('item.undone'));
      // The Undo button goes with the toast; focus stays on the item rather than falling to the page.
      (statusSelect.current ?? editButton.current)?.focus();
    } catch (failure) {
      setUndo(null);
      setSaved('');
      failed(failure, edit.status !== undefined ? { kind: 'status', status: edit.status, seenVersion: item.version } : { kind: 'text', seenVersion: item.version });
    } finally {
      setBusy(null);
    }
  };

  const failed = (failure: unknown, onConflict: Conflict) => {
    if (failure instanceof ApiFailure && failure.status === 409) setConflict(onConflict);
    else setError(failure);
  };

  /**
   * Saves a status at once. A choice made while a save is under way (arrow keys on a closed select
   * change it step by step) is queued and saved next, against the version the first save returned.
   */
  const saveStatus = async (status: string) => {
    if (statusSaving.current) {
      queuedStatus.current = status;
      setPendingStatus(status);
      return;
    }
    if (status === item.status || busy === 'text') return;
    statusSaving.current = true;
    setPendingStatus(status);
    setBusy('status');
    setError(null);
    setConflict(null);
    setSaved('');
    let version = item.version;
    let wanted = status;
    const before = item.status;
    try {
      for (;;) {
        const updated = await api.editItem(engagementId, item.id, { status: wanted, version });
        afterSave(updated, t('item.statusSaved', { status: label(updated.status) }), updated.status === before ? null : { status: before });
        const next = queuedStatus.current;
        queuedStatus.current = null;
        if (next === null || next === updated.status) break;
        version = updated.version;
        wanted = next;
      }
    } catch (failure) {
      failed(failure, { kind: 'status', status: wanted, seenVersion: version });
    } finally {
      statusSaving.current = false;
      queuedStatus.current = null;
      setPendingStatus(null);
      setBusy(null);
    }
  };

  const startEditing = () => {
    setDraft({ title: item.title, statement: item.statement, owner: item.data.owner ?? '', due: item.data.due ?? '' });
    setProblems({});
    setError(null);
    if (conflict?.kind === 'text') setConflict(null);
    setEditing(true);
  };

  const stopEditing = () => {
    focusEditButton.current = true;
    setEditing(false);
    setProblems({});
    if (conflict?.kind === 'text') setConflict(null);
  };

  const saveText = async (event: Event) => {
    event.preventDefault();
    if (busy) return;
    const title = draft.title.trim();
    const statement = draft.statement.trim();
    const found: Partial<Draft> = {};
    if (!title) found.title = t('item.error.noTitle');
    else if (title.length > TITLE_MAX) found.title = t('item.error.titleLong', { max: TITLE_MAX, length: title.length });
    if (!statement) found.statement = t('item.error.noStatement');
    else if (statement.length > STATEMENT_MAX) found.statement = t('item.error.statementLong', { max: STATEMENT_MAX });
    setProblems(found);
    if (found.title) return titleInput.current?.focus();
    if (found.statement) return statementInput.current?.focus();
    const edit: { title?: string; text?: string; owner?: string; due?: string; version: number } = { version: item.version };
    if (title !== item.title) edit.title = title;
    if (statement !== item.statement) edit.text = statement;
    const owner = draft.owner.trim();
    if (owner && owner !== (item.data.owner ?? '')) edit.owner = owner;
    if (draft.due && draft.due !== (item.data.due ?? '')) edit.due = draft.due;
    if (edit.title === undefined && edit.text === undefined && edit.owner === undefined && edit.due === undefined) return stopEditing();
    setBusy('text');
    setError(null);
    setSaved('');
    try {
      const updated = await api.editItem(engagementId, item.id, edit);
      focusEditButton.current = true;
      setEditing(false);
      const back: UndoEdit = {};
      if (edit.title !== undefined) back.title = item.title;
      if (edit.text !== undefined) back.text = item.statement;
      // An owner or a due date that was empty cannot be emptied again by an edit; the rest is put back.
      if (edit.owner !== undefined && item.data.owner) back.owner = item.data.owner;
      if (edit.due !== undefined && item.data.due) back.due = item.data.due;
      afterSave(updated, t('item.saved'), Object.keys(back).length > 0 ? back : null);
    } catch (failure) {
      failed(failure, { kind: 'text', seenVersion: item.version });
    } finally {
      setBusy(null);
    }
  };

  const statusValue = pendingStatus ?? chosenStatus ?? item.status;
  const commitChosen = () => {
    const chosen = chosenStatus;
    setChosenStatus(null);
    if (chosen !== null && chosen !== item.status) void saveStatus(chosen);
  };

  return (
    <article class={`annex-item annex-tone-${toneOf(item.status)}${item.superseded ? ' is-superseded' : ''}${editing ? ' is-editing' : ''}`} id={domId} data-key={item.key} data-testid="annex-item" tabIndex={-1} aria-labelledby={`${domId}-title`}>
      <div class="annex-item-head">
        <Heading class="annex-item-title" id={`${domId}-title`}>
          {number && <span class="annex-item-number">{number}</span>}
          {item.title}
        </Heading>
        <div class="annex-item-status">
          {canEdit ? (
            <label class="annex-status-field">
              <span class="visually-hidden">{t('item.statusOf', { title: item.title })}</span>
              <select
                class={`annex-status-select tone-${toneOf(statusValue)}`}
                ref={statusSelect}
                data-testid="item-status"
                name="status"
                value={statusValue}
                aria-busy={busy === 'status' ? 'true' : undefined}
                aria-describedby={chosenStatus !== null ? `${domId}-status-hint` : undefined}
                onKeyDown={(event) => {
                  if (STEP_KEYS.has(event.key) && !event.altKey) keyedChange.current = true;
                  else if (event.key === 'Enter' && chosenStatus !== null) {
                    event.preventDefault();
                    commitChosen();
                  } else if (event.key === 'Escape' && chosenStatus !== null) {
                    event.preventDefault();
                    setChosenStatus(null);
                  }
                }}
                onBlur={commitChosen}
                onChange={(event) => {
                  const value = event.currentTarget.value;
                  // A pick from the open list saves at once; stepping with the arrow keys only chooses.
                  if (keyedChange.current) {
                    keyedChange.current = false;
                    setChosenStatus(value === item.status ? null : value);
                  } else {
                    setChosenStatus(null);
                    void saveStatus(value);
                  }
                }}
              >
                {statusesFor(item).map((status) => (
                  <option key={status} value={status}>{label(status)}</option>
                ))}
              </select>
              {chosenStatus !== null && (
                <span class="annex-status-hint" id={`${domId}-status-hint`} role="status">
                  {t('item.statusHint', { chosen: label(chosenStatus), current: label(item.status) })}
                </span>
              )}
            </label>
          ) : (
            <Chip value={item.status} />
          )}
        </div>
      </div>

      <ItemTags item={item} systemName={systemName} />

      {item.superseded && <p class="annex-superseded-note">{t('item.supersededNote')}</p>}

      {conflict && (
        <div class="notice notice-warn annex-conflict" role="alert">
          {!reloaded ? (
            <>
              <p>
                <strong>{t('item.conflict.title')}</strong>{' '}
                {conflict.kind === 'status' ? t('item.conflict.status', { status: label(conflict.status) }) : t('item.conflict.text')}
              </p>
              <div class="actions">
                <button type="button" class="button small" onClick={onReload} disabled={reloading}>
                  {reloading ? t('item.reloading') : t('item.reload')}
                </button>
              </div>
            </>
          ) : conflict.kind === 'status' ? (
            <>
              <p>
                {tx('item.reloaded.status', { current: label(item.status), chosen: label(conflict.status), strong: (chunks) => <strong>{chunks}</strong> })}
              </p>
              <div class="actions">
                <button type="button" class="button small primary" onClick={() => void saveStatus(conflict.status)} disabled={busy !== null}>
                  {t('item.setStatus', { status: label(conflict.status) })}
                </button>
                <button type="button" class="button small" onClick={() => setConflict(null)}>{t('item.keepStatus', { status: label(item.status) })}</button>
              </div>
            </>
          ) : (
            <>
              <p>
                {tx('item.reloaded.text', { strong: (chunks) => <strong>{chunks}</strong> })}
              </p>
              <div class="annex-current">
                <p class="annex-label">{t('item.currentTitle')}</p>
                <p>{item.title}</p>
                <p class="annex-label">{t('item.currentStatement')}</p>
                <p class="annex-current-statement">{item.statement}</p>
              </div>
            </>
          )}
        </div>
      )}

      {editing ? (
        <form
          class="annex-edit"
          onSubmit={saveText}
          aria-label={t('item.editLabel', { title: item.title })}
          noValidate
          onKeyDown={(event) => {
            if (event.key === 'Escape' && busy !== 'text') {
              event.preventDefault();
              stopEditing();
            }
          }}
        >
          <label class="field">
            <span class="field-label">{t('item.title')}</span>
            <input
              ref={titleInput}
              name="title"
              value={draft.title}
              maxLength={TITLE_MAX}
              aria-invalid={problems.title ? 'true' : undefined}
              aria-describedby={problems.title ? `${domId}-title-error` : undefined}
              onInput={(event) => setDraft({ ...draft, title: event.currentTarget.value })}
            />
            {problems.title && <span class="field-error" id={`${domId}-title-error`}>{problems.title}</span>}
          </label>
          <label class="field">
            <span class="field-label">{t('item.statement')}</span>
            <textarea
              ref={statementInput}
              name="statement"
              rows={Math.min(12, Math.max(3, Math.ceil(draft.statement.length / 90) + 1))}
              value={draft.statement}
              aria-invalid={problems.statement ? 'true' : undefined}
              aria-describedby={problems.statement ? `${domId}-statement-error` : `${domId}-statement-help`}
              onInput={(event) => setDraft({ ...draft, statement: event.currentTarget.value })}
            />
            {problems.statement ? (
              <span class="field-error" id={`${domId}-statement-error`}>{problems.statement}</span>
            ) : (
              <span class="field-help" id={`${domId}-statement-help`}>
                {item.provenance === 'derived' ? t('item.keptHelp') : t('item.personHelp')}
              </span>
            )}
          </label>
          <div class="annex-edit-row">
            <label class="field">
              <span class="field-label">{t('item.owner')}</span>
              <input name="owner" value={draft.owner} maxLength={200} list="annex-owner-roles" onInput={(event) => setDraft({ ...draft, owner: event.currentTarget.value })} />
            </label>
            <label class="field">
              <span class="field-label">{t('item.due')}</span>
              <input name="due" type="date" value={draft.due} onInput={(event) => setDraft({ ...draft, due: event.currentTarget.value })} />
            </label>
            <datalist id="annex-owner-roles">
              {OWNER_ROLES.map((role) => (
                <option key={role} value={role} />
              ))}
            </datalist>
          </div>
          <div class="actions">
            <button type="submit" class="button primary small" data-testid="item-save" disabled={busy !== null}>
              {busy === 'text' ? t('item.saving') : t('item.save')}
            </button>
            <button type="button" class="button small" onClick={stopEditing} disabled={busy === 'text'}>{t('common.cancel')}</button>
          </div>
        </form>
      ) : (
        <p class="annex-item-statement">{item.statement}</p>
      )}

      {item.data.statusHeld && <p class="annex-item-held notice notice-warn">{item.data.statusHeld.note}</p>}
      {item.data.reReview && (
        <div class="annex-item-held notice notice-warn" data-testid="re-review">
          {tx('item.reReview', { strong: (chunks) => <strong>{chunks}</strong> })}
          <ul>{item.data.reReview.changes.map((change) => <li key={change.path}>{change.meaning}</li>)}</ul>
        </div>
      )}

      {item.data.decision ? (
        <DecisionDetail decision={item.data.decision} />
      ) : item.data.question ? (
        <p class="annex-item-implication">
          <span class="annex-label">{t('item.hangsOn')}</span> {item.data.question.hangsOn}
        </p>
      ) : item.data.implication ? (
        <p class="annex-item-implication">
          <span class="annex-label">{item.data.action ? t('item.unblocks') : t('item.implication')}</span> {item.data.implication}
        </p>
      ) : null}
      {item.data.link === 'gaps' && (
        <p class="annex-item-link">
          {tx('item.gapsLink', { link: (chunks) => <a href={`/e/${encodeURIComponent(engagementId)}/gaps`}>{chunks}</a> })}
        </p>
      )}

      {basis.length > 0 && (
        <div class="annex-basis">
          <span class="annex-label" id={`${domId}-basis`}>{t('item.basis')}</span>
          <ul aria-labelledby={`${domId}-basis`}>
            {basis.map((citation, index) => (
              <li key={`${citation.instrument}-${citation.article ?? ''}-${index}`}>
                {citation.url ? (
                  <a href={citation.url} target="_blank" rel="noopener noreferrer">
                    {citationText(citation)}
                    <span class="visually-hidden"> {t('item.newTab')}</span>
                  </a>
                ) : (
                  citationText(citation)
                )}
                {citation.confidence === 'unconfirmed' && <span class="annex-unconfirmed"> · {t('explain.unconfirmed')}</span>}
              </li>
            ))}
          </ul>
        </div>
      )}

      {error ? <ErrorNotice error={error} /> : null}

      <div class="annex-item-actions">
        {canEdit && !editing && (
          <button type="button" ref={editButton} class="button small" data-testid="item-edit" onClick={startEditing}>
            {t('item.edit')}<span class="visually-hidden"> {item.title}</span>
          </button>
        )}
        <button type="button" class="button small ghost annex-history-toggle" aria-expanded={historyOpen} aria-controls={`${domId}-history`} onClick={() => setHistoryOpen(!historyOpen)}>
          {t('item.history')}<span class="visually-hidden"> {t('item.historyOf', { title: item.title })}</span>
        </button>
        <span class="annex-saved" role="status" data-testid="item-toast">
          {saved && (
            <>
              <span aria-hidden="true">✓ </span>
              {saved}
              {undo && (
                <button type="button" class="button small ghost annex-undo" data-testid="item-undo" onClick={() => void undoLast()} disabled={busy !== null}>
                  {t('item.undo')}
                </button>
              )}
            </>
          )}
        </span>
      </div>

      {historyOpen && <ItemHistory id={`${domId}-history`} engagementId={engagementId} item={item} revision={historyRevision} />}
    </article>
  );
}

function ItemTags({ item, systemName }: { item: AnnexItem; systemName: (id: string) => string }) {
  const t = useT();
  const tags: VNode[] = [];
  if (item.superseded) tags.push(<Chip key="superseded" value="superseded" tone="bad" text={label('superseded')} />);
  if (item.data.needsLegalReview) tags.push(<Chip key="review" value="legal_review" tone="warn" text={t('annex.stat.legalReview')} />);
  const systems = item.data.systems ?? (item.data.system ? [item.data.system] : []);
  if (systems.length > 0) {
    tags.push(
      <span key="system" class="annex-tag">
        <span class="annex-tag-kind">{t('item.tag.systems', { count: systems.length })}</span> {systems.map(systemName).join(t('engagements.form.listSeparator'))}
      </span>,
    );
  }
  if (item.data.owner) {
    tags.push(
      <span key="owner" class="annex-tag">
        <span class="annex-tag-kind">{item.data.question ? t('item.tag.answers') : t('item.owner')}</span> {item.data.owner}
      </span>,
    );
  }
  const when = item.data.action?.start ?? item.data.due;
  if (when) {
    tags.push(
      <span key="due" class="annex-tag">
        <span class="annex-tag-kind">{item.data.action ? t('item.tag.starts') : t('item.due')}</span> <time dateTime={when}>{when}</time>
      </span>,
    );
  }
  if (item.data.action?.criticalPath) tags.push(<Chip key="critical" value="critical_path" tone="warn" text={t('item.tag.criticalPath')} />);
  if (item.data.section !== 'register' && item.data.category) {
    tags.push(
      <span key="category" class="annex-tag">
        <span class="annex-tag-kind">{t('gaps.col.category')}</span> {categoryTitle(item.data.category)}
      </span>,
    );
  }
  if (item.provenance === 'person') tags.push(<Chip key="person" value="person" tone="info" text={t('item.tag.person')} />);
  if (item.editedFields.length > 0) {
    const fields = list(item.editedFields.map(editedFieldLabel));
    tags.push(
      <span key="edited" class="chip tone-info annex-edited" title={t('item.tag.editedTitle', { fields })}>
        {t('item.tag.edited', { fields })}
        <span class="visually-hidden">{t('item.tag.editedHidden')}</span>
      </span>,
    );
  }
  if (tags.length === 0) return null;
  return (
    <ul class="annex-item-tags" aria-label={t('item.tag.label')}>
      {tags.map((tag) => (
        <li key={tag.key}>{tag}</li>
      ))}
    </ul>
  );
}

function DecisionDetail({ decision }: { decision: NonNullable<AnnexItem['data']['decision']> }) {
  const t = useT();
  return (
    <div class="annex-adr">
      <p>
        <span class="annex-label">{t('item.adr.context')}</span> {decision.context}
      </p>
      <p class="annex-label">{t('item.adr.options')}</p>
      <ul>
        {decision.options.map((option) => (
          <li key={option.title}>
            <strong>{option.title}</strong>: {option.consequences}
          </li>
        ))}
      </ul>
      {decision.ruledOut.length > 0 && (
        <p>
          <span class="annex-label">{t('item.adr.ruledOut')}</span> {t('item.adr.ruledOutList', { list: decision.ruledOut.map((entry) => `${entry.title}: ${entry.reason}`).join(t('overview.listSemicolon')) })}
        </p>
      )}
      <p>
        <span class="annex-label">{t('item.adr.recommendation')}</span> <strong>{t('item.adr.option', { option: decision.recommendation.option })}</strong> {decision.recommendation.reason}
      </p>
    </div>
  );
}

function ItemHistory({ id, engagementId, item, revision }: { id: string; engagementId: string; item: AnnexItem; revision: number }) {
  const t = useT();
  const history = useAsync(() => api.history(engagementId, item.id), [engagementId, item.id, revision]);
  const entries = history.data;
  return (
    <div class="annex-item-history" id={id}>
      <p class="annex-label">{t('item.history')}</p>
      {history.loading && !entries ? <Loading what={t('item.historyWhat')} /> : null}
      {history.error ? <ErrorNotice error={history.error} onRetry={history.reload} /> : null}
      {entries && (
        <ol class="annex-history-list">
          {entries.map((entry) => (
            <li key={entry.id}>
              <p class="annex-history-sentence">{describeEntry(entry)}</p>
              <p class="annex-history-meta">
                <time dateTime={entry.at}>{formatDateTime(entry.at)}</time> · {actorName(entry)}
              </p>
              <EntryChanges entry={entry} />
            </li>
          ))}
          {item.provenance === 'derived' && (
            <li class="annex-history-origin">
              <p class="annex-history-sentence">{t('item.derived')}</p>
              <p class="annex-history-meta">{entries.length === 0 ? t('item.derivedUnchanged') : t('item.derivedStart')}</p>

            </li>
          )}
        </ol>
      )}
    </div>
  );
}
