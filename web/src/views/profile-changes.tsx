// What a profile save changed, answer by answer: the field, its value before and after. The
// server diffs the stored versions; the words for each field are the intake's own, loaded with
// the intake's chunk when first needed (the History tab itself stays light).
import { useEffect, useState } from 'preact/hooks';
import type { HistoryEntry } from '../api.ts';
import { formatNumber, needMessages, t, useT } from '../i18n/i18n.ts';

type Changes = NonNullable<HistoryEntry['profileChanges']>;
type Words = { label: (pattern: string) => string | undefined; valueLabel: (pattern: string, value: string) => string | undefined };

let words: Words | undefined;
let loading: Promise<Words> | undefined;
function loadWords(): Promise<Words> {
  // zod's settings first (no eval under the workbench's CSP), then the words.
  loading ??= import('./intake/zod-config.ts').then(() => Promise.all([import('./intake/intake-help.ts'), needMessages('intake')])).then(([help]) => {
    words = {
      label: (pattern) => help.HELP[pattern]?.label,
      valueLabel: (pattern, value) => help.OPTIONS_BY_QUESTION[pattern]?.find((option) => option.value === value)?.label,
    };
    return words;
  });
  return loading;
}

/** `systems[2].users.registered` → `systems[].users.registered`, the key of the intake's words. */
const patternOf = (path: string) => path.replace(/\[\d+\]/g, '[]');
const humanise = (key: string) => key.replace(/([a-z])([A-Z])/g, '$1 $2').replace(/^./, (first) => first.toUpperCase());

function fieldName(path: string, known: Words | undefined): string {
  const pattern = patternOf(path);
  if (/^(systems|transfers)\[\]$/.test(pattern)) return path.startsWith('systems') ? t('gaps.system') : t('changes.transfer');
  const found = known?.label(pattern);
  if (found) return found;
  // A member of a question the intake words as a whole (users.registered): the question, then the member.
  const parent = pattern.replace(/\.[^.[\]]+$/, '');
  const member = pattern.slice(parent.length + 1);
  const parentLabel = parent !== pattern ? known?.label(parent) : undefined;
  if (parentLabel) return `${parentLabel}: ${humanise(member).toLowerCase()}`;
  return humanise(pattern.split('.').pop() ?? pattern);
}

export function describeAnswer(path: string, value: unknown, known: Words | undefined): string {
  if (value === null || value === undefined) return t('changes.notAnswered');
  if (typeof value === 'boolean') return value ? t('diagram.yes') : t('diagram.no');
  if (typeof value === 'number') return formatNumber(value);
  const pattern = patternOf(path);
  if (typeof value === 'string') return known?.valueLabel(pattern, value) ?? value;
  if (Array.isArray(value)) return value.length === 0 ? t('gaps.noExtensions') : value.map((item) => (typeof item === 'string' ? known?.valueLabel(pattern, item) ?? item : JSON.stringify(item))).join(t('engagements.form.listSeparator'));
  const record = value as Record<string, unknown>;
  if (/^(systems|transfers)\[\]$/.test(pattern)) return typeof record.name === 'string' ? t('changes.named', { name: record.name, id: String(record.id) }) : String(record.id ?? t('changes.unnamed'));
  return JSON.stringify(value);
}

export function ProfileChanges({ changes }: { changes: Changes }) {
  const t = useT();
  const [known, setKnown] = useState<Words | undefined>(words);
  useEffect(() => {
    if (!known) void loadWords().then(setKnown, () => undefined);
  }, []);
  if (changes.total === 0) return <p class="hint">{t('changes.same')}</p>;
  return (
    <div class="history-details">
      <table class="data history-profile-changes" data-testid="profile-changes">
        <caption class="visually-hidden">{t('changes.caption')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('changes.answer')}</th>
            <th scope="col">{t('history.before')}</th>
            <th scope="col">{t('history.after')}</th>
          </tr>
        </thead>
        <tbody>
          {changes.changes.map((change) => (
            <tr key={change.path}>
              <th scope="row">
                {change.subject && !/^(systems|transfers)\[\d+\]$/.test(change.path) && <span class="history-subject">{change.subject} › </span>}
                {fieldName(change.path, known)}
              </th>
              <td><del>{describeAnswer(change.path, change.before, known)}</del></td>
              <td><ins>{describeAnswer(change.path, change.after, known)}</ins></td>
            </tr>
          ))}
        </tbody>
      </table>
      {changes.total > changes.changes.length && <p class="hint">{t('changes.more', { count: changes.total - changes.changes.length })}</p>}

    </div>
  );
}
