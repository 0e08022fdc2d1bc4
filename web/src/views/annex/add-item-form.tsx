// Adding an item a person writes: the section, the category for register items, the status, a
// title and the text. Re-assessment never changes or supersedes an added item.
import { useEffect, useRef, useState } from 'preact/hooks';
import { api, ApiFailure, type AnnexItem } from '../../api.ts';
import { ErrorNotice } from '../../components/common.tsx';
import { label } from '../../labels.ts';
import { useT } from '../../i18n/i18n.ts';
import { OWNER_ROLES } from '../../../../src/core/annex/annex-types.ts';
import { SECTION_STATUSES, REGISTER_CATEGORIES, SECTIONS, sectionInfo, type AnnexSection } from './annex-model.ts';

interface Problems {
  category?: string;
  title?: string;
  text?: string;
}

export function AddItemForm({ engagementId, section: initialSection, category: initialCategory, onAdded, onClose }: {
  engagementId: string;
  section: AnnexSection;
  category?: string | undefined;
  onAdded: (item: AnnexItem) => void;
  onClose: () => void;
}) {
  const t = useT();
  const [section, setSection] = useState<AnnexSection>(initialSection);
  const [category, setCategory] = useState(initialCategory ?? '');
  const [status, setStatus] = useState(sectionInfo(initialSection)?.defaultStatus ?? 'draft');
  const [title, setTitle] = useState('');
  const [text, setText] = useState('');
  const [basis, setBasis] = useState('');
  const [owner, setOwner] = useState('');
  const [due, setDue] = useState('');
  const [problems, setProblems] = useState<Problems>({});
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const [added, setAdded] = useState<AnnexItem | null>(null);
  const sectionSelect = useRef<HTMLSelectElement>(null);
  const categorySelect = useRef<HTMLSelectElement>(null);
  const titleInput = useRef<HTMLInputElement>(null);
  const textInput = useRef<HTMLTextAreaElement>(null);
  const formId = `annex-add-${initialSection}`;

  useEffect(() => {
    sectionSelect.current?.focus();
  }, []);

  const chooseSection = (next: AnnexSection) => {
    setSection(next);
    setStatus(sectionInfo(next)?.defaultStatus ?? 'draft');
  };

  const submit = async (event: Event) => {
    event.preventDefault();
    const found: Problems = {};
    if (section === 'register' && !category) found.category = t('addItem.error.category');
    if (!title.trim()) found.title = t('item.error.noTitle');
    if (!text.trim()) found.text = t('addItem.error.text');
    setProblems(found);
    if (found.category) return categorySelect.current?.focus();
    if (found.title) return titleInput.current?.focus();
    if (found.text) return textInput.current?.focus();
    setBusy(true);
    setError(null);
    try {
      const item = await api.addItem(engagementId, {
        section, status, title: title.trim(), text: text.trim(), ...(section === 'register' ? { category } : {}),
        ...(basis.trim() ? { basis: basis.trim() } : {}), ...(owner.trim() ? { owner: owner.trim() } : {}), ...(due ? { due } : {}),
      });
      onAdded(item);
      setAdded(item);
      setTitle('');
      setText('');
      setBasis('');
      titleInput.current?.focus();
    } catch (failure) {
      setError(failure instanceof ApiFailure && failure.status === 400 ? new ApiFailure(400, failure.code, t('addItem.error.failed'), failure.problems) : failure);
    } finally {
      setBusy(false);
    }
  };

  return (
    <form class="annex-add panel" onSubmit={submit} aria-labelledby={`${formId}-title`} noValidate>
      <div class="annex-add-head">
        <h3 id={`${formId}-title`}>{t('addItem.title')}</h3>
        <button type="button" class="button small ghost" onClick={onClose}>{t('addItem.close')}<span class="visually-hidden"> {t('addItem.closeHidden')}</span></button>
      </div>
      <p class="hint">{t('addItem.hint')}</p>
      {added && (
        <p class="notice notice-good" role="status">
          {t('addItem.added', { title: added.title, section: added.data.section === 'register' ? t('addItem.theRegister') : sectionInfo(added.data.section ?? '')?.title ?? t('addItem.theAnnex') })}{' '}
          <a href={`#item-${added.id}`}>{t('addItem.goTo')}</a>
        </p>
      )}
      <div class="annex-add-grid">
        <label class="field">
          <span class="field-label">{t('addItem.section')}</span>
          <select ref={sectionSelect} name="section" value={section} onChange={(event) => chooseSection(event.currentTarget.value as AnnexSection)}>
            {SECTIONS.map((candidate) => (
              <option key={candidate.id} value={candidate.id}>{candidate.nav}</option>
            ))}
          </select>
        </label>
        {section === 'register' && (
          <label class="field">
            <span class="field-label">{t('gaps.col.category')}</span>
            <select
              ref={categorySelect}
              name="category"
              value={category}
              aria-invalid={problems.category ? 'true' : undefined}
              aria-describedby={problems.category ? `${formId}-category-error` : undefined}
              onChange={(event) => setCategory(event.currentTarget.value)}
            >
              <option value="">{t('addItem.choose')}</option>
              {REGISTER_CATEGORIES.map((candidate) => (
                <option key={candidate.key} value={candidate.key}>{label(candidate.key)}</option>
              ))}
            </select>
            {problems.category && <span class="field-error" id={`${formId}-category-error`}>{problems.category}</span>}
          </label>
        )}
        <label class="field">
          <span class="field-label">{t('gaps.col.status')}</span>
          <select name="new-status" value={status} onChange={(event) => setStatus(event.currentTarget.value)}>
            {SECTION_STATUSES[section].map((candidate) => (
              <option key={candidate} value={candidate}>{label(candidate)}</option>
            ))}
          </select>
        </label>
      </div>
      <label class="field">
        <span class="field-label">{t('item.title')}</span>
        <input
          ref={titleInput}
          name="new-title"
          value={title}
          maxLength={300}
          aria-invalid={problems.title ? 'true' : undefined}
          aria-describedby={problems.title ? `${formId}-title-error` : undefined}
          onInput={(event) => setTitle(event.currentTarget.value)}
        />
        {problems.title && <span class="field-error" id={`${formId}-title-error`}>{problems.title}</span>}
      </label>
      <label class="field">
        <span class="field-label">{t('item.statement')}</span>
        <span class="field-help" id={`${formId}-text-help`}>{t('addItem.statementHelp')}</span>
        <textarea
          ref={textInput}
          name="new-text"
          rows={4}
          value={text}
          maxLength={20_000}
          aria-invalid={problems.text ? 'true' : undefined}
          aria-describedby={problems.text ? `${formId}-text-error` : `${formId}-text-help`}
          onInput={(event) => setText(event.currentTarget.value)}
        />
        {problems.text && <span class="field-error" id={`${formId}-text-error`}>{problems.text}</span>}
      </label>
      <label class="field">
        <span class="field-label">{t('item.basis')}</span>
        <span class="field-help" id={`${formId}-basis-help`}>{t('addItem.basisHelp')}</span>
        <input name="new-basis" value={basis} maxLength={1000} aria-describedby={`${formId}-basis-help`} onInput={(event) => setBasis(event.currentTarget.value)} />
      </label>
      <div class="annex-edit-row">
        <label class="field">
          <span class="field-label">{t('item.owner')}</span>
          <input name="new-owner" value={owner} maxLength={200} list="annex-add-owner-roles" onInput={(event) => setOwner(event.currentTarget.value)} />
          <datalist id="annex-add-owner-roles">
            {OWNER_ROLES.map((role) => (
              <option key={role} value={role} />
            ))}
          </datalist>
        </label>
        <label class="field">
          <span class="field-label">{t('item.due')}</span>
          <input name="new-due" type="date" value={due} onInput={(event) => setDue(event.currentTarget.value)} />
        </label>
      </div>
      {error ? <ErrorNotice error={error} /> : null}
      <div class="actions">
        <button type="submit" class="button primary" disabled={busy}>{busy ? t('addItem.adding') : t('annex.addItem')}</button>
        <button type="button" class="button" onClick={onClose}>{t('common.cancel')}</button>

      </div>
    </form>
  );
}
