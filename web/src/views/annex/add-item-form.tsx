// Adding an item a person writes: the section, the category for register items, the status, a
// title and the text. Re-assessment never changes or supersedes an added item.
import { useEffect, useRef, useState } from 'preact/hooks';
import { api, ApiFailure, type AnnexItem } from '../../api.ts';
import { ErrorNotice } from '../../components/common.tsx';
import { label } from '../../labels.ts';
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
    if (section === 'register' && !category) found.category = 'Choose the register category.';
    if (!title.trim()) found.title = 'Give the item a title.';
    if (!text.trim()) found.text = 'Write the statement.';
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
      setError(failure instanceof ApiFailure && failure.status === 400 ? new ApiFailure(400, failure.code, 'The item was not added; check the fields.', failure.problems) : failure);
    } finally {
      setBusy(false);
    }
  };

  return (
    <form class="annex-add panel" onSubmit={submit} aria-labelledby={`${formId}-title`} noValidate>
      <div class="annex-add-head">
        <h3 id={`${formId}-title`}>Add an item</h3>
        <button type="button" class="button small ghost" onClick={onClose}>Close<span class="visually-hidden"> the add form</span></button>
      </div>
      <p class="hint">Items you add are marked as added by a person and are never changed or superseded by re-assessment.</p>
      {added && (
        <p class="notice notice-good" role="status">
          Added “{added.title}” to {added.data.section === 'register' ? 'the register' : sectionInfo(added.data.section ?? '')?.title ?? 'the annex'}.{' '}
          <a href={`#item-${added.id}`}>Go to the item</a>
        </p>
      )}
      <div class="annex-add-grid">
        <label class="field">
          <span class="field-label">Section</span>
          <select ref={sectionSelect} name="section" value={section} onChange={(event) => chooseSection(event.currentTarget.value as AnnexSection)}>
            {SECTIONS.map((candidate) => (
              <option key={candidate.id} value={candidate.id}>{candidate.nav}</option>
            ))}
          </select>
        </label>
        {section === 'register' && (
          <label class="field">
            <span class="field-label">Category</span>
            <select
              ref={categorySelect}
              name="category"
              value={category}
              aria-invalid={problems.category ? 'true' : undefined}
              aria-describedby={problems.category ? `${formId}-category-error` : undefined}
              onChange={(event) => setCategory(event.currentTarget.value)}
            >
              <option value="">Choose…</option>
              {REGISTER_CATEGORIES.map((candidate) => (
                <option key={candidate.key} value={candidate.key}>{candidate.title}</option>
              ))}
            </select>
            {problems.category && <span class="field-error" id={`${formId}-category-error`}>{problems.category}</span>}
          </label>
        )}
        <label class="field">
          <span class="field-label">Status</span>
          <select name="new-status" value={status} onChange={(event) => setStatus(event.currentTarget.value)}>
            {SECTION_STATUSES[section].map((candidate) => (
              <option key={candidate} value={candidate}>{label(candidate)}</option>
            ))}
          </select>
        </label>
      </div>
      <label class="field">
        <span class="field-label">Title</span>
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
        <span class="field-label">Statement</span>
        <span class="field-help" id={`${formId}-text-help`}>What the requirement, guardrail, question or action is, in a sentence or two the client can act on.</span>
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
        <span class="field-label">Basis</span>
        <span class="field-help" id={`${formId}-basis-help`}>The regulatory or technical basis: an instrument and article, a standard, or the client decision it rests on.</span>
        <input name="new-basis" value={basis} maxLength={1000} aria-describedby={`${formId}-basis-help`} onInput={(event) => setBasis(event.currentTarget.value)} />
      </label>
      <div class="annex-edit-row">
        <label class="field">
          <span class="field-label">Owner</span>
          <input name="new-owner" value={owner} maxLength={200} list="annex-add-owner-roles" onInput={(event) => setOwner(event.currentTarget.value)} />
          <datalist id="annex-add-owner-roles">
            {OWNER_ROLES.map((role) => (
              <option key={role} value={role} />
            ))}
          </datalist>
        </label>
        <label class="field">
          <span class="field-label">Due</span>
          <input name="new-due" type="date" value={due} onInput={(event) => setDue(event.currentTarget.value)} />
        </label>
      </div>
      {error ? <ErrorNotice error={error} /> : null}
      <div class="actions">
        <button type="submit" class="button primary" disabled={busy}>{busy ? 'Adding…' : 'Add item'}</button>
        <button type="button" class="button" onClick={onClose}>Cancel</button>
      </div>
    </form>
  );
}
