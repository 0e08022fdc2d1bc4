// Archiving, restoring and deleting an engagement (owners only): the button in the header of an
// active engagement, and the banner of an archived one with Restore and a delete that must be
// confirmed by typing the engagement's name.
import { useState } from 'preact/hooks';
import { useLocation } from 'preact-iso';
import { api, type Engagement } from '../api.ts';
import { ErrorNotice, formatDateTime, useAction } from '../components/common.tsx';

export function ArchiveButton({ engagement, onArchived }: { engagement: Engagement; onArchived: (engagement: Engagement) => void }) {
  const { busy, error, run } = useAction();
  const archive = async () => {
    if (!window.confirm(`Archive “${engagement.name}”? It becomes read-only and leaves the list of engagements; nothing is deleted, and an owner can restore it.`)) return;
    await run(async () => onArchived(await api.archive(engagement.id)));
  };
  return (
    <>
      <button type="button" class="button small" onClick={() => void archive()} disabled={busy} data-testid="archive">{busy ? 'Archiving…' : 'Archive'}</button>
      {error ? <ErrorNotice error={error} /> : null}
    </>
  );
}

export function ArchivedBanner({ engagement, isOwner, onRestored }: { engagement: Engagement; isOwner: boolean; onRestored: (engagement: Engagement) => void }) {
  const { route } = useLocation();
  const { busy, error, run } = useAction();
  const [deleting, setDeleting] = useState(false);
  const [typed, setTyped] = useState('');
  const restore = () => run(async () => onRestored(await api.restore(engagement.id)));
  const remove = (event: Event) => {
    event.preventDefault();
    void run(async () => {
      await api.deleteEngagement(engagement.id, typed);
      route('/');
    });
  };

  return (
    <div class="notice notice-warn archived-banner" role="status" data-testid="archived-banner">
      <p>
        <strong>Archived</strong>{engagement.archivedAt ? ` on ${formatDateTime(engagement.archivedAt)}` : ''}. Everything is kept and can be read and exported, but nothing can be changed
        {isOwner ? ' until you restore it.' : ' until an owner restores it.'}
      </p>
      {isOwner && (
        <div class="actions">
          <button type="button" class="button primary small" onClick={() => void restore()} disabled={busy}>Restore</button>
          <button type="button" class="button danger small" onClick={() => setDeleting(!deleting)} aria-expanded={deleting}>Delete permanently…</button>
        </div>
      )}
      {isOwner && deleting && (
        <form class="archived-delete" onSubmit={remove}>
          <p>
            Deleting removes the engagement, its profile versions, annex and history for everyone, and cannot be undone. The audit log keeps a record that you deleted it.
          </p>
          <label class="field">
            <span class="field-label">Type the engagement’s name, <strong>{engagement.name}</strong>, to confirm</span>
            <input name="confirm-name" value={typed} autoComplete="off" onInput={(event) => setTyped(event.currentTarget.value)} />
          </label>
          <button type="submit" class="button danger" disabled={busy || typed !== engagement.name}>Delete this engagement</button>
        </form>
      )}
      {error ? <ErrorNotice error={error} /> : null}
    </div>
  );
}
