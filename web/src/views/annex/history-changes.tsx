// What one audit entry changed, field by field: the status as chips, the title and the statement
// as before and after. Shared by the History tab and each annex item's history.
import type { HistoryEntry } from '../../api.ts';
import { Chip } from '../../components/common.tsx';
import { derivedDataChanged, fieldChanges, type FieldChange } from './describe-history.ts';
import './history.css';

const FIELD_LABEL: Record<FieldChange['field'], string> = { status: 'Status', title: 'Title', statement: 'Statement' };

export function FieldChanges({ changes }: { changes: FieldChange[] }) {
  if (changes.length === 0) return null;
  return (
    <dl class="history-changes">
      {changes.map((change) => (
        <div key={change.field} class={`history-change history-change-${change.field}`}>
          <dt>{FIELD_LABEL[change.field]}</dt>
          <dd>
            {change.field === 'status' ? (
              <span class="history-inline">
                <Chip value={change.before} />
                <span class="history-arrow" aria-hidden="true">→</span>
                <span class="visually-hidden">changed to</span>
                <Chip value={change.after} />
              </span>
            ) : (
              <div class="history-diff">
                <p class="history-before">
                  <span class="history-diff-label">Before</span>
                  <del>{change.before}</del>
                </p>
                <p class="history-after">
                  <span class="history-diff-label">After</span>
                  <ins>{change.after}</ins>
                </p>
              </div>
            )}
          </dd>
        </div>
      ))}
    </dl>
  );
}

/** The field-level changes of an entry, and a note when a re-derivation changed its basis. */
export function EntryChanges({ entry }: { entry: HistoryEntry }) {
  const changes = entry.action === 'edit' || entry.action === 'rederive' ? fieldChanges(entry) : [];
  const dataNote = entry.action === 'rederive' && derivedDataChanged(entry);
  if (changes.length === 0 && !dataNote) return null;
  return (
    <div class="history-details">
      <FieldChanges changes={changes} />
      {dataNote && <p class="hint">The basis, implication or other derived detail was updated from the new assessment.</p>}
    </div>
  );
}
