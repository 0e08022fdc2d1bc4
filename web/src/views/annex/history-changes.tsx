// What one audit entry changed, field by field: the status as chips, the title and the statement
// as before and after. Shared by the History tab and each annex item's history.
import type { HistoryEntry } from '../../api.ts';
import { Chip } from '../../components/common.tsx';
import { derivedDataChanged, fieldChanges, type FieldChange } from './describe-history.ts';
import './history.css';
import { useT } from '../../i18n/i18n.ts';

/** The changed fields' names: `history.field.<field>`. */
export function FieldChanges({ changes }: { changes: FieldChange[] }) {
  const t = useT();
  if (changes.length === 0) return null;
  return (
    <dl class="history-changes">
      {changes.map((change) => (
        <div key={change.field} class={`history-change history-change-${change.field}`}>
          <dt>{t(`history.field.${change.field}`)}</dt>
          <dd>
            {change.field === 'status' ? (
              <span class="history-inline">
                <Chip value={change.before} />
                <span class="history-arrow" aria-hidden="true">→</span>
                <span class="visually-hidden">{t('history.changedTo')}</span>
                <Chip value={change.after} />
              </span>
            ) : (
              <div class="history-diff">
                <p class="history-before">
                  <span class="history-diff-label">{t('history.before')}</span>
                  <del>{change.before}</del>
                </p>
                <p class="history-after">
                  <span class="history-diff-label">{t('history.after')}</span>
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
  const t = useT();
  const changes = entry.action === 'edit' || entry.action === 'rederive' ? fieldChanges(entry) : [];
  const dataNote = entry.action === 'rederive' && derivedDataChanged(entry);
  if (changes.length === 0 && !dataNote) return null;
  return (
    <div class="history-details">
      <FieldChanges changes={changes} />
      {dataNote && <p class="hint">{t('history.dataNote')}</p>}

    </div>
  );
}
