// The engagements the user is a member of (active ones, or the archive with Restore), and a new
// engagement: blank, from an example, or from an uploaded profile (YAML or JSON).
import { useRef, useState } from 'preact/hooks';
import { useLocation } from 'preact-iso';
import { api, ApiFailure, type EngagementSummary, type Example } from '../api.ts';
import { Chip, Empty, ErrorNotice, Loading, formatDateTime, useAction, useAsync } from '../components/common.tsx';
import { label } from '../labels.ts';

export function EngagementsPage() {
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
          <h1>Engagements</h1>
          <p class="lede">Each engagement holds one company's entry profile, its dated assessment and the annex you work with the client.</p>
        </div>
        <div class="actions">
          <button type="button" class="button" aria-pressed={showArchived} onClick={() => setShowArchived(!showArchived)}>{showArchived ? 'Show active engagements' : 'Show archived'}</button>
          <button type="button" class="button primary" onClick={() => setCreating(true)} aria-expanded={creating}>New engagement</button>
        </div>
      </div>
      {creating && <NewEngagement onCancel={() => setCreating(false)} />}
      {showArchived && <p class="notice notice-info">Archived engagements are kept whole and read-only. Owners restore them to work on them again.</p>}
      {list.error ? <ErrorNotice error={list.error} onRetry={list.reload} /> : null}
      {list.loading && !list.data ? <Loading what="engagements" /> : null}
      {page && page.engagements.length === 0 && (
        showArchived ? <Empty title="No archived engagements" /> : (
          <Empty title="No engagements yet">
            <p>Start one from an example profile or upload the client's profile.</p>
          </Empty>
        )
      )}
      {page && page.engagements.length > 0 && (
        <ul class="card-grid" aria-label={showArchived ? 'Archived engagements' : 'Engagements'}>
          {page.engagements.map((engagement) => (
            <li key={engagement.id} class={`card engagement-card${engagement.archivedAt ? ' is-archived' : ''}`}>
              <h2><a href={`/e/${engagement.id}`}>{engagement.name}</a></h2>
              {engagement.headline && (
                <>
                  <p class="engagement-org">{engagement.headline.organisation}</p>
                  <dl class="engagement-facts">
                    <div>
                      <dt>Transfer route</dt>
                      <dd><Chip value={engagement.headline.transferRoute} /></dd>
                    </div>
                    <div>
                      <dt>Systems</dt>
                      <dd>{engagement.headline.systems}{engagement.headline.highestMlps ? `, up to MLPS level ${engagement.headline.highestMlps}` : ''}</dd>
                    </div>
                    <div>
                      <dt>CII</dt>
                      <dd>{label(engagement.headline.cii)}</dd>
                    </div>
                  </dl>
                </>
              )}
              <p class="muted engagement-meta">
                <Chip value={engagement.role} tone="neutral" /> {engagement.headline?.needsLegalReview && <Chip value="review" tone="warn" text="legal review points" />}
              </p>
              <p class="muted engagement-meta">Version {engagement.version} · updated {formatDateTime(engagement.updatedAt)}{engagement.headline ? ` · law as of ${engagement.headline.asOf}` : ''}</p>
              {engagement.archivedAt && <ArchivedCardFooter engagement={engagement} onRestored={list.reload} />}
            </li>
          ))}
        </ul>
      )}
      {page?.nextCursor && (
        <div class="actions load-more">
          <button type="button" class="button" disabled={more.busy} onClick={loadMore}>{more.busy ? 'Loading…' : 'Load more'}</button>
        </div>
      )}
      {more.error ? <ErrorNotice error={more.error} onRetry={loadMore} /> : null}
    </div>
  );
}

function ArchivedCardFooter({ engagement, onRestored }: { engagement: EngagementSummary; onRestored: () => void }) {
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
      <p class="muted engagement-meta"><Chip value="archived" tone="warn" text="Archived" /> on {formatDateTime(engagement.archivedAt!)}</p>
      {engagement.role === 'owner' && (
        <button type="button" class="button small" disabled={busy} onClick={() => void restore()}>
          Restore<span class="visually-hidden"> {engagement.name}</span>
        </button>
      )}
      {error ? <ErrorNotice error={error} /> : null}
    </div>
  );
}

type Source = 'example' | 'blank' | 'upload';

function NewEngagement({ onCancel }: { onCancel: () => void }) {
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
      if (!example) return setError(new Error('Choose an example.'));
      profile = example.text;
    } else {
      if (!upload) return setError(new Error('Choose a profile file (YAML or JSON).'));
      profile = upload.text;
    }
    const title = name.trim() || (source === 'example' ? example?.organisation : source === 'blank' ? organisation.trim() : upload?.name.replace(/\.(ya?ml|json)$/i, '')) || 'New engagement';
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
    if (file.size > 512 * 1024) return setError(new Error(`${file.name} is ${Math.round(file.size / 1024)} KiB; profiles are limited to 512 KiB.`));
    setUpload({ name: file.name, text: await file.text() });
  };

  return (
    <form class="panel" onSubmit={submit} aria-labelledby="new-engagement-title">
      <h2 id="new-engagement-title">New engagement</h2>
      <fieldset class="segmented">
        <legend>Start from</legend>
        {(['example', 'blank', 'upload'] as const).map((value) => (
          <label key={value} class={source === value ? 'selected' : ''}>
            <input type="radio" name="source" value={value} checked={source === value} onChange={() => setSource(value)} />
            {value === 'example' ? 'An example profile' : value === 'blank' ? 'A blank profile' : 'Upload a profile'}
          </label>
        ))}
      </fieldset>
      {source === 'example' && (
        <label class="field">
          <span class="field-label">Example</span>
          <span class="field-help">A worked profile you can adapt: change the answers in the intake and watch the determinations move.</span>
          {examples.loading && !examples.data ? <Loading what="examples" /> : null}
          {examples.error ? <ErrorNotice error={examples.error} onRetry={examples.reload} /> : null}
          {examples.data && (
            <select name="example" value={exampleId} onChange={(e) => setExampleId(e.currentTarget.value)} required>
              <option value="">Choose an example…</option>
              {examples.data.map((candidate) => (
                <option key={candidate.id} value={candidate.id}>
                  {candidate.organisation} ({candidate.sectors.join(', ') || 'no sector'}; {candidate.systems} systems, {candidate.transfers} transfers)
                </option>
              ))}
            </select>
          )}
        </label>
      )}
      {source === 'blank' && (
        <label class="field">
          <span class="field-label">Organisation</span>
          <span class="field-help">The company entering the mainland, as the annex should name it. You fill in the rest in the intake.</span>
          <input name="organisation" value={organisation} required onInput={(e) => setOrganisation(e.currentTarget.value)} />
        </label>
      )}
      {source === 'upload' && (
        <label class="field">
          <span class="field-label">Profile file</span>
          <span class="field-help">An entry profile in YAML or JSON (the format <code>landfall assess</code> reads). Every problem is listed with its path.</span>
          <input type="file" name="profile" accept=".yaml,.yml,.json,application/json,text/yaml" onChange={readFile} />
        </label>
      )}
      <label class="field">
        <span class="field-label">Engagement name <span class="optional">(optional)</span></span>
        <span class="field-help">Defaults to the organisation's name.</span>
        <input name="name" value={name} maxLength={200} onInput={(e) => setName(e.currentTarget.value)} />
      </label>
      {error ? <ErrorNotice error={error instanceof ApiFailure && error.status === 422 ? new ApiFailure(422, error.code, 'The profile has problems; nothing was created.', error.problems) : error} /> : null}
      <div class="actions">
        <button type="submit" class="button primary" disabled={busy}>{busy ? 'Creating and assessing…' : 'Create engagement'}</button>
        <button type="button" class="button" onClick={onCancel}>Cancel</button>
      </div>
    </form>
  );
}
