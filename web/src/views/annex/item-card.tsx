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
const EDITED_FIELD_LABEL: Record<string, string> = { status: 'status', title: 'title', statement: 'statement', owner: 'owner', due: 'due date' };

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
  if (citation.instrument === 'practice') return `Practice: ${citation.title}`;
  return citation.article ? `${citation.title}, Art. ${citation.article}` : citation.title;
}

function list(words: string[]): string {
  return words.length <= 1 ? (words[0] ?? '') : `${words.slice(0, -1).join(', ')} and ${words[words.length - 1]}`;
}

export function ItemCard({ engagementId, item, canEdit, level, number, systemName, reloading, onSaved, onReload }: ItemCardProps) {
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
      afterSave(updated, 'Change undone');
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
        afterSave(updated, `Status saved: ${label(updated.status)}`, updated.status === before ? null : { status: before });
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
    if (!title) found.title = 'Give the item a title.';
    else if (title.length > TITLE_MAX) found.title = `Keep the title under ${TITLE_MAX} characters (it has ${title.length}).`;
    if (!statement) found.statement = 'The statement cannot be empty.';
    else if (statement.length > STATEMENT_MAX) found.statement = `Keep the statement under ${STATEMENT_MAX.toLocaleString('en-GB')} characters.`;
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
      afterSave(updated, 'Saved', Object.keys(back).length > 0 ? back : null);
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
              <span class="visually-hidden">Status of {item.title}</span>
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
                  Not saved yet: Enter or leaving the field saves {label(chosenStatus)}, Escape keeps {label(item.status)}.
                </span>
              )}
            </label>
          ) : (
            <Chip value={item.status} />
          )}
        </div>
      </div>

      <ItemTags item={item} systemName={systemName} />

      {item.superseded && <p class="annex-superseded-note">No longer derived from the current profile; kept for the record.</p>}

      {conflict && (
        <div class="notice notice-warn annex-conflict" role="alert">
          {!reloaded ? (
            <>
              <p>
                <strong>Someone changed this item since you opened it.</strong>{' '}
                {conflict.kind === 'status' ? `Your change of status to ${label(conflict.status)} was not saved.` : 'Nothing was saved; your draft is kept below.'}
              </p>
              <div class="actions">
                <button type="button" class="button small" onClick={onReload} disabled={reloading}>
                  {reloading ? 'Reloading…' : 'Reload the item'}
                </button>
              </div>
            </>
          ) : conflict.kind === 'status' ? (
            <>
              <p>
                <strong>Reloaded.</strong> The status is now {label(item.status)}; you had chosen {label(conflict.status)}.
              </p>
              <div class="actions">
                <button type="button" class="button small primary" onClick={() => void saveStatus(conflict.status)} disabled={busy !== null}>
                  Set the status to {label(conflict.status)}
                </button>
                <button type="button" class="button small" onClick={() => setConflict(null)}>Keep {label(item.status)}</button>
              </div>
            </>
          ) : (
            <>
              <p>
                <strong>Reloaded.</strong> This is the item as it is now. Your draft is still in the fields below: compare, re-apply what you need, then save.
              </p>
              <div class="annex-current">
                <p class="annex-label">Current title</p>
                <p>{item.title}</p>
                <p class="annex-label">Current statement</p>
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
          aria-label={`Edit ${item.title}`}
          noValidate
          onKeyDown={(event) => {
            if (event.key === 'Escape' && busy !== 'text') {
              event.preventDefault();
              stopEditing();
            }
          }}
        >
          <label class="field">
            <span class="field-label">Title</span>
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
            <span class="field-label">Statement</span>
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
                {item.provenance === 'derived' ? 'Your wording is kept when the engagement is re-assessed.' : 'Items a person adds are never changed by re-assessment.'}
              </span>
            )}
          </label>
          <div class="annex-edit-row">
            <label class="field">
              <span class="field-label">Owner</span>
              <input name="owner" value={draft.owner} maxLength={200} list="annex-owner-roles" onInput={(event) => setDraft({ ...draft, owner: event.currentTarget.value })} />
            </label>
            <label class="field">
              <span class="field-label">Due</span>
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
              {busy === 'text' ? 'Saving…' : 'Save'}
            </button>
            <button type="button" class="button small" onClick={stopEditing} disabled={busy === 'text'}>Cancel</button>
          </div>
        </form>
      ) : (
        <p class="annex-item-statement">{item.statement}</p>
      )}

      {item.data.statusHeld && <p class="annex-item-held notice notice-warn">{item.data.statusHeld.note}</p>}
      {item.data.reReview && (
        <div class="annex-item-held notice notice-warn" data-testid="re-review">
          <strong>Re-review:</strong> an accepted regulatory-change review changed what this rests on. Edit the item once you have checked it.
          <ul>{item.data.reReview.changes.map((change) => <li key={change.path}>{change.meaning}</li>)}</ul>
        </div>
      )}

      {item.data.decision ? (
        <DecisionDetail decision={item.data.decision} />
      ) : item.data.question ? (
        <p class="annex-item-implication">
          <span class="annex-label">What hangs on it</span> {item.data.question.hangsOn}
        </p>
      ) : item.data.implication ? (
        <p class="annex-item-implication">
          <span class="annex-label">{item.data.action ? 'Unblocks' : 'Implication'}</span> {item.data.implication}
        </p>
      ) : null}
      {item.data.link === 'gaps' && (
        <p class="annex-item-link">
          <a href={`/e/${encodeURIComponent(engagementId)}/gaps`}>Open the gap register</a> for the item-level GB/T 22239-2019 gaps.
        </p>
      )}

      {basis.length > 0 && (
        <div class="annex-basis">
          <span class="annex-label" id={`${domId}-basis`}>Basis</span>
          <ul aria-labelledby={`${domId}-basis`}>
            {basis.map((citation, index) => (
              <li key={`${citation.instrument}-${citation.article ?? ''}-${index}`}>
                {citation.url ? (
                  <a href={citation.url} target="_blank" rel="noopener noreferrer">
                    {citationText(citation)}
                    <span class="visually-hidden"> (opens in a new tab)</span>
                  </a>
                ) : (
                  citationText(citation)
                )}
                {citation.confidence === 'unconfirmed' && <span class="annex-unconfirmed"> · unconfirmed</span>}
              </li>
            ))}
          </ul>
        </div>
      )}

      {error ? <ErrorNotice error={error} /> : null}

      <div class="annex-item-actions">
        {canEdit && !editing && (
          <button type="button" ref={editButton} class="button small" data-testid="item-edit" onClick={startEditing}>
            Edit<span class="visually-hidden"> {item.title}</span>
          </button>
        )}
        <button type="button" class="button small ghost annex-history-toggle" aria-expanded={historyOpen} aria-controls={`${domId}-history`} onClick={() => setHistoryOpen(!historyOpen)}>
          History<span class="visually-hidden"> of {item.title}</span>
        </button>
        <span class="annex-saved" role="status" data-testid="item-toast">
          {saved && (
            <>
              <span aria-hidden="true">✓ </span>
              {saved}
              {undo && (
                <button type="button" class="button small ghost annex-undo" data-testid="item-undo" onClick={() => void undoLast()} disabled={busy !== null}>
                  Undo
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
  const tags: VNode[] = [];
  if (item.superseded) tags.push(<Chip key="superseded" value="superseded" tone="bad" text="Superseded" />);
  if (item.data.needsLegalReview) tags.push(<Chip key="review" value="legal_review" tone="warn" text="Legal review" />);
  const systems = item.data.systems ?? (item.data.system ? [item.data.system] : []);
  if (systems.length > 0) {
    tags.push(
      <span key="system" class="annex-tag">
        <span class="annex-tag-kind">{systems.length === 1 ? 'System' : 'Systems'}</span> {systems.map(systemName).join(', ')}
      </span>,
    );
  }
  if (item.data.owner) {
    tags.push(
      <span key="owner" class="annex-tag">
        <span class="annex-tag-kind">{item.data.question ? 'Answers' : 'Owner'}</span> {item.data.owner}
      </span>,
    );
  }
  const when = item.data.action?.start ?? item.data.due;
  if (when) {
    tags.push(
      <span key="due" class="annex-tag">
        <span class="annex-tag-kind">{item.data.action ? 'Starts' : 'Due'}</span> <time dateTime={when}>{when}</time>
      </span>,
    );
  }
  if (item.data.action?.criticalPath) tags.push(<Chip key="critical" value="critical_path" tone="warn" text="Critical path" />);
  if (item.data.section !== 'register' && item.data.category) {
    tags.push(
      <span key="category" class="annex-tag">
        <span class="annex-tag-kind">Category</span> {categoryTitle(item.data.category)}
      </span>,
    );
  }
  if (item.provenance === 'person') tags.push(<Chip key="person" value="person" tone="info" text="Added by a person" />);
  if (item.editedFields.length > 0) {
    const fields = list(item.editedFields.map((field) => EDITED_FIELD_LABEL[field] ?? field));
    tags.push(
      <span key="edited" class="chip tone-info annex-edited" title={`A person edited the ${fields}; re-assessment keeps their wording.`}>
        Edited: {fields}
        <span class="visually-hidden">; re-assessment keeps the edited wording</span>
      </span>,
    );
  }
  if (tags.length === 0) return null;
  return (
    <ul class="annex-item-tags" aria-label="About this item">
      {tags.map((tag) => (
        <li key={tag.key}>{tag}</li>
      ))}
    </ul>
  );
}

function DecisionDetail({ decision }: { decision: NonNullable<AnnexItem['data']['decision']> }) {
  return (
    <div class="annex-adr">
      <p>
        <span class="annex-label">Context</span> {decision.context}
      </p>
      <p class="annex-label">Options still legally open</p>
      <ul>
        {decision.options.map((option) => (
          <li key={option.title}>
            <strong>{option.title}</strong>: {option.consequences}
          </li>
        ))}
      </ul>
      {decision.ruledOut.length > 0 && (
        <p>
          <span class="annex-label">Ruled out by the determinations</span> {decision.ruledOut.map((entry) => `${entry.title}: ${entry.reason}`).join('; ')}.
        </p>
      )}
      <p>
        <span class="annex-label">Recommendation</span> <strong>{decision.recommendation.option}.</strong> {decision.recommendation.reason}
      </p>
    </div>
  );
}

function ItemHistory({ id, engagementId, item, revision }: { id: string; engagementId: string; item: AnnexItem; revision: number }) {
  const history = useAsync(() => api.history(engagementId, item.id), [engagementId, item.id, revision]);
  const entries = history.data;
  return (
    <div class="annex-item-history" id={id}>
      <p class="annex-label">History</p>
      {history.loading && !entries ? <Loading what="the item's history" /> : null}
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
              <p class="annex-history-sentence">Derived by Landfall from the assessment</p>
              <p class="annex-history-meta">{entries.length === 0 ? 'No one has changed it since.' : 'The starting point of the changes above.'}</p>
            </li>
          )}
        </ol>
      )}
    </div>
  );
}
