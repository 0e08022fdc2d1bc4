// The engagements the user is a member of (active ones, or the archive with Restore), and a new
// engagement: blank, from an example, or from an uploaded profile (YAML or JSON).
import { useRef, useState } from 'preact/hooks';
import { useLocation } from 'preact-iso';
import { api, ApiFailure, type EngagementSummary, type Example } from '../api.ts';
import { Chip, Empty, ErrorNotice, Loading, formatDateTime, useAction, useAsync } from '../components/common.tsx';
import { label } from '../labels.ts';
import { t as translate, tx, useT } from '../i18n/i18n.ts';

export function EngagementsPage() {
  const t = useT();
  const [showArchived, setShowArchived] = useState(false);
  const list = useAsync(() => api.engagements({ archived: showArchived }), [showArchived]);
  const [creating, setCreating] = useState(false);
  const more = useAction();
  const page = list.data;
  // The list as shown now, so a page that arrives after the list was switched or reloaded is dropped.
  const shown = useRef(page);
  shown.current = page;
  const loadMore = () => {
    const from = page;
    if (!from?.nextCursor) return;
    void more.run(async () => {
      const next = await api.engagements({ archived: showArchived, cursor: from.nextCursor });
      if (shown.current !== from) return;
      list.set({ engagements: [...from.engagements, ...next.engagements], nextCursor: next.nextCursor });
    });
  };

  return (
    <div>
      <div class="page-head">
        <div>
          <h1>{t('engagements.title')}</h1>
          <p class="lede">{t('engagements.lede')}</p>
        </div>
        <div class="actions">
          <button type="button" class="button" aria-pressed={showArchived} onClick={() => setShowArchived(!showArchived)}>{showArchived ? t('engagements.showActive') : t('engagements.showArchived')}</button>
          <button type="button" class="button primary" onClick={() => setCreating(true)} aria-expanded={creating}>{t('engagements.new')}</button>
        </div>
      </div>
      {creating && <NewEngagement onCancel={() => setCreating(false)} />}
      {showArchived && <p class="notice notice-info">{t('engagements.archivedNotice')}</p>}
      {list.error ? <ErrorNotice error={list.error} onRetry={list.reload} /> : null}
      {list.loading && !list.data ? <Loading what={t('engagements.loadingWhat')} /> : null}
      {page && page.engagements.length === 0 && (
        showArchived ? <Empty title={t('engagements.emptyArchived')} /> : (
          <Empty title={t('engagements.empty')}>
            <p>{t('engagements.emptyHelp')}</p>
          </Empty>
        )
      )}
      {page && page.engagements.length > 0 && (
        <ul class="card-grid" aria-label={showArchived ? t('engagements.listArchived') : t('engagements.title')}>
          {page.engagements.map((engagement) => (
            <li key={engagement.id} class={`card engagement-card${engagement.archivedAt ? ' is-archived' : ''}`}>
              <h2><a href={`/e/${engagement.id}`}>{engagement.name}</a></h2>
              {engagement.headline && (
                <>
                  <p class="engagement-org">{engagement.headline.organisation}</p>
                  <dl class="engagement-facts">
                    <div>
                      <dt>{t('engagements.card.transferRoute')}</dt>
                      <dd><Chip value={engagement.headline.transferRoute} /></dd>
                    </div>
                    <div>
                      <dt>{t('engagements.card.systems')}</dt>
                      <dd>{engagement.headline.highestMlps ? t('engagements.card.systemsUpTo', { systems: engagement.headline.systems, level: engagement.headline.highestMlps }) : t('engagements.card.systemsCount', { systems: engagement.headline.systems })}</dd>
                    </div>
                    <div>
                      <dt>{t('engagements.card.cii')}</dt>
                      <dd>{label(engagement.headline.cii)}</dd>
                    </div>
                  </dl>
                </>
              )}
              <p class="muted engagement-meta">
                <Chip value={engagement.role} tone="neutral" /> {engagement.headline?.needsLegalReview && <Chip value="review" tone="warn" text={t('engagements.card.legalReview')} />}
              </p>
              <p class="muted engagement-meta">{engagement.headline ? t('engagements.card.metaAsOf', { version: engagement.version, updated: formatDateTime(engagement.updatedAt), asOf: engagement.headline.asOf }) : t('engagements.card.meta', { version: engagement.version, updated: formatDateTime(engagement.updatedAt) })}</p>
              {engagement.archivedAt && <ArchivedCardFooter engagement={engagement} onRestored={list.reload} />}
            </li>
          ))}
        </ul>
      )}
      {page?.nextCursor && (
        <div class="actions load-more">
          <button type="button" class="button" disabled={more.busy} onClick={loadMore}>{more.busy ? t('common.loadingShort') : t('engagements.loadMore')}</button>
        </div>
      )}
      {more.error ? <ErrorNotice error={more.error} onRetry={loadMore} /> : null}
    </div>
  );
}

function ArchivedCardFooter({ engagement, onRestored }: { engagement: EngagementSummary; onRestored: () => void }) {
  const t = useT();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const restore = async () => {
    setBusy(true);
    setError(null);
    try {
      await api.restore(engagement.id);
      onRestored();
    } catch (failure) {
      setError(failure);
      setBusy(false);
    }
  };
  return (
    <div class="engagement-archived">
      <p class="muted engagement-meta"><Chip value="archived" tone="warn" text={t('engagements.archived')} /> {t('engagements.archivedOn', { date: formatDateTime(engagement.archivedAt!) })}</p>
      {engagement.role === 'owner' && (
        <button type="button" class="button small" disabled={busy} onClick={() => void restore()}>
          {t('engagements.restore')}<span class="visually-hidden"> {engagement.name}</span>
        </button>
      )}
      {error ? <ErrorNotice error={error} /> : null}
    </div>
  );
}

type Source = 'example' | 'blank' | 'upload';

function NewEngagement({ onCancel }: { onCancel: () => void }) {
  const t = useT();
  const { route } = useLocation();
  const examples = useAsync(() => api.examples(), []);
  const [source, setSource] = useState<Source>('example');
  const [name, setName] = useState('');
  const [organisation, setOrganisation] = useState('');
  const [exampleId, setExampleId] = useState('');
  const [upload, setUpload] = useState<{ name: string; text: string } | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);

  const example: Example | undefined = examples.data?.find((candidate) => candidate.id === exampleId);

  const submit = async (event: Event) => {
    event.preventDefault();
    setError(null);
    let profile: unknown;
    if (source === 'blank') profile = { organisation: { name: organisation.trim() } };
    else if (source === 'example') {
      if (!example) return setError(new Error(t('engagements.form.chooseExampleError')));
      profile = example.text;
    } else {
      if (!upload) return setError(new Error(t('engagements.form.chooseFileError')));
      profile = upload.text;
    }
    const title = name.trim() || (source === 'example' ? example?.organisation : source === 'blank' ? organisation.trim() : upload?.name.replace(/\.(ya?ml|json)$/i, '')) || t('engagements.new');
    setBusy(true);
    try {
      const created = await api.create(title, profile);
      route(`/e/${created.id}`);
    } catch (failure) {
      setError(failure);
    } finally {
      setBusy(false);
    }
  };

  const readFile = async (event: Event) => {
    const file = (event.currentTarget as HTMLInputElement).files?.[0];
    if (!file) return setUpload(null);
    if (file.size > 512 * 1024) return setError(new Error(translate('engagements.form.fileTooLarge', { file: file.name, size: Math.round(file.size / 1024) })));
    setUpload({ name: file.name, text: await file.text() });
  };

  return (
    <form class="panel" onSubmit={submit} aria-labelledby="new-engagement-title">
      <h2 id="new-engagement-title">{t('engagements.new')}</h2>
      <fieldset class="segmented">
        <legend>{t('engagements.form.startFrom')}</legend>
        {(['example', 'blank', 'upload'] as const).map((value) => (
          <label key={value} class={source === value ? 'selected' : ''}>
            <input type="radio" name="source" value={value} checked={source === value} onChange={() => setSource(value)} />
            {value === 'example' ? t('engagements.form.fromExample') : value === 'blank' ? t('engagements.form.fromBlank') : t('engagements.form.fromUpload')}
          </label>
        ))}
      </fieldset>
      {source === 'example' && (
        <label class="field">
          <span class="field-label">{t('engagements.form.example')}</span>
          <span class="field-help">{t('engagements.form.exampleHelp')}</span>
          {examples.loading && !examples.data ? <Loading what={t('engagements.form.examplesWhat')} /> : null}
          {examples.error ? <ErrorNotice error={examples.error} onRetry={examples.reload} /> : null}
          {examples.data && (
            <select name="example" value={exampleId} onChange={(e) => setExampleId(e.currentTarget.value)} required>
              <option value="">{t('engagements.form.chooseExample')}</option>
              {examples.data.map((candidate) => (
                <option key={candidate.id} value={candidate.id}>
                  {t('engagements.form.exampleOption', { organisation: candidate.organisation, sectors: candidate.sectors.join(t('engagements.form.listSeparator')) || t('engagements.form.noSector'), systems: candidate.systems, transfers: candidate.transfers })}
                </option>
              ))}
            </select>
          )}
        </label>
      )}
      {source === 'blank' && (
        <label class="field">
          <span class="field-label">{t('engagements.form.organisation')}</span>
          <span class="field-help">{t('engagements.form.organisationHelp')}</span>
          <input name="organisation" value={organisation} required onInput={(e) => setOrganisation(e.currentTarget.value)} />
        </label>
      )}
      {source === 'upload' && (
        <label class="field">
          <span class="field-label">{t('engagements.form.file')}</span>
          <span class="field-help">{tx('engagements.form.fileHelp', { code: (chunks) => <code>{chunks}</code> })}</span>
          <input type="file" name="profile" accept=".yaml,.yml,.json,application/json,text/yaml" onChange={readFile} />
        </label>
      )}
      <label class="field">
        <span class="field-label">{t('engagements.form.name')} <span class="optional">{t('common.optional')}</span></span>
        <span class="field-help">{t('engagements.form.nameHelp')}</span>
        <input name="name" value={name} maxLength={200} onInput={(e) => setName(e.currentTarget.value)} />
      </label>
      {error ? <ErrorNotice error={error instanceof ApiFailure && error.status === 422 ? new ApiFailure(422, error.code, t('engagements.form.problems'), error.problems) : error} /> : null}
      <div class="actions">
        <button type="submit" class="button primary" disabled={busy}>{busy ? t('engagements.form.busy') : t('engagements.form.submit')}</button>
        <button type="button" class="button" onClick={onCancel}>{t('common.cancel')}</button>

      </div>
    </form>
  );
}
