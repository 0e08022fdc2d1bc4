// Archiving, restoring and deleting an engagement (owners only): the button in the header of an
// active engagement, and the banner of an archived one with Restore and a delete that must be
// confirmed by typing the engagement's name.
import { useState } from 'preact/hooks';
import { useLocation } from 'preact-iso';
import { api, type Engagement } from '../api.ts';
import { ErrorNotice, formatDateTime, useAction } from '../components/common.tsx';
import { tx, useT } from '../i18n/i18n.ts';

export function ArchiveButton({ engagement, onArchived }: { engagement: Engagement; onArchived: (engagement: Engagement) => void }) {
  const t = useT();
  const { busy, error, run } = useAction();
  const archive = async () => {
    if (!window.confirm(t('life.archiveConfirm', { name: engagement.name }))) return;
    await run(async () => onArchived(await api.archive(engagement.id)));
  };
  return (
    <>
      <button type="button" class="button small" onClick={() => void archive()} disabled={busy} data-testid="archive">{busy ? t('life.archiving') : t('life.archive')}</button>
      {error ? <ErrorNotice error={error} /> : null}
    </>
  );
}

export function ArchivedBanner({ engagement, isOwner, onRestored }: { engagement: Engagement; isOwner: boolean; onRestored: (engagement: Engagement) => void }) {
  const t = useT();
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
        {tx(engagement.archivedAt ? 'life.bannerOn' : 'life.banner', { date: engagement.archivedAt ? formatDateTime(engagement.archivedAt) : '', who: isOwner ? 'owner' : 'other', strong: (chunks) => <strong>{chunks}</strong> })}
      </p>
      {isOwner && (
        <div class="actions">
          <button type="button" class="button primary small" onClick={() => void restore()} disabled={busy}>{t('engagements.restore')}</button>
          <button type="button" class="button danger small" onClick={() => setDeleting(!deleting)} aria-expanded={deleting}>{t('life.deleteOpen')}</button>
        </div>
      )}
      {isOwner && deleting && (
        <form class="archived-delete" onSubmit={remove}>
          <p>{t('life.deleteWarning')}</p>
          <label class="field">
            <span class="field-label">{tx('life.deleteConfirm', { name: engagement.name, strong: (chunks) => <strong>{chunks}</strong> })}</span>
            <input name="confirm-name" value={typed} autoComplete="off" onInput={(event) => setTyped(event.currentTarget.value)} />
          </label>
          <button type="submit" class="button danger" disabled={busy || typed !== engagement.name}>{t('life.delete')}</button>

        </form>
      )}
      {error ? <ErrorNotice error={error} /> : null}
    </div>
  );
}
