// Administrators: the consultancy's Word templates for the filing packs, one per language. The
// server checks an upload (a .docx without macros, with a {{filing}} paragraph, within the size
// limit) and lists every problem with its place in the file; a refused file changes nothing.
import { useState } from 'preact/hooks';
import { api, ApiFailure, type FilingTemplate, type FilingTemplates } from '../../api.ts';
import { ErrorNotice, Loading, formatDateTime, useAsync } from '../../components/common.tsx';
import { formatNumber, useT } from '../../i18n/i18n.ts';

const LANGUAGES = ['en', 'zh-CN'] as const;

export function FilingTemplatesPanel() {
  const t = useT();
  const current = useAsync(() => api.filingTemplates(), []);
  return (
    <section class="panel" aria-labelledby="account-filing-templates-title">
      <h2 id="account-filing-templates-title">{t('account.filingTemplates.title')}</h2>
      <p class="hint">{t('account.filingTemplates.hint', { placeholder: '{{filing}}', title: '{{title}}' })}</p>
      {current.error ? <ErrorNotice error={current.error} onRetry={current.reload} /> : null}
      {current.loading && !current.data ? <Loading what={t('account.filingTemplates.loading')} /> : null}
      {current.data && LANGUAGES.map((locale) => <TemplateRow key={locale} locale={locale} list={current.data!} onChanged={current.reload} />)}
    </section>
  );
}

function TemplateRow({ locale, list, onChanged }: { locale: (typeof LANGUAGES)[number]; list: FilingTemplates; onChanged: () => void }) {
  const t = useT();
  const kept: FilingTemplate | undefined = list.templates.find((template) => template.locale === locale);
  const [file, setFile] = useState<File | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const [failure, setFailure] = useState<unknown>(null);
  const [done, setDone] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const field = `filing-template-${locale}`;

  const act = async (run: () => Promise<unknown>, said: string) => {
    setFailure(null);
    setDone(null);
    setBusy(true);
    try {
      await run();
      setFile(null);
      setDone(said);
      onChanged();
    } catch (error) {
      setFailure(error);
    } finally {
      setBusy(false);
    }
  };

  const submit = (event: Event) => {
    event.preventDefault();
    if (!file) return setProblem(t('account.filingTemplates.chooseFile'));
    if (file.size > list.maxBytes) return setProblem(t('account.filingTemplates.tooLarge', { size: formatNumber(Math.ceil(file.size / 1024)), max: formatNumber(list.maxBytes / 1024 / 1024) }));
    setProblem(null);
    void act(() => api.setFilingTemplate(locale, file), t('account.filingTemplates.saved'));
  };

  const problems = failure instanceof ApiFailure ? failure.problems : [];
  return (
    <form class="account-create" onSubmit={submit} noValidate aria-label={t('account.filingTemplates.formLabel', { language: t(`account.filingTemplates.language.${locale}`) })}>
      <h3>{t(`account.filingTemplates.language.${locale}`)}</h3>
      {kept ? (
        <p>
          {t('account.filingTemplates.current', { name: kept.fileName, size: formatNumber(Math.ceil(kept.bytes / 1024)), when: formatDateTime(kept.updatedAt) })}{' '}
          <a href={api.filingTemplateUrl(locale)} download>{t('account.filingTemplates.download')}</a>{' '}
          <button type="button" class="button small" disabled={busy} onClick={() => void act(() => api.removeFilingTemplate(locale), t('account.filingTemplates.removed'))}>{t('account.filingTemplates.remove')}</button>
        </p>
      ) : (
        <p class="hint">{t('account.filingTemplates.none')}</p>
      )}
      <label class="field">
        <span class="field-label">{t(kept ? 'account.filingTemplates.replace' : 'account.filingTemplates.upload', { max: formatNumber(list.maxBytes / 1024 / 1024) })}</span>
        <input type="file" name={field} accept=".docx,application/vnd.openxmlformats-officedocument.wordprocessingml.document" aria-invalid={problem ? 'true' : undefined} aria-describedby={problem ? `${field}-error` : undefined} onChange={(event) => { setFile(event.currentTarget.files?.[0] ?? null); setProblem(null); }} />
        {problem && <span class="field-error" id={`${field}-error`}>{problem}</span>}
      </label>
      {problems.length > 0 && (
        <ul class="field-error" aria-label={t('account.filingTemplates.problems')}>
          {problems.map((entry) => <li key={`${entry.path}:${entry.message}`}><code>{entry.path}</code> {entry.message}</li>)}
        </ul>
      )}
      <div class="actions">
        <button type="submit" class="button primary" disabled={busy}>{busy ? t('account.filingTemplates.busy') : t('account.filingTemplates.save')}</button>
        {done && <span role="status">{done}</span>}
      </div>
      {failure && problems.length === 0 ? <ErrorNotice error={failure} /> : null}
    </form>
  );
}
