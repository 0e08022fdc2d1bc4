// The Account page: change one's password, and the API tokens scripts use (listed with when they
// were last used and when they expire; created, shown once; revoked).
import { useEffect, useRef, useState } from 'preact/hooks';
import { TOKEN_MAX_DAYS } from '../../../src/store/account-rules.ts';
import { api, type Branding, type CreatedToken, type PasswordChanged, type TokenInfo } from '../api.ts';
import { useUser } from '../session.ts';
import { Chip, Empty, ErrorNotice, Loading, formatDateTime, useAsync } from '../components/common.tsx';
import { ChangePasswordForm } from './account/change-password.tsx';
import { FilingTemplatesPanel } from './account/filing-templates.tsx';
import './account/account.css';
import { t, tx, useT } from '../i18n/i18n.ts';

/** Token lifetimes; 0 is never. Their names: `account.expiry.<days>`, the year `account.expiry.year`. */
const EXPIRY_CHOICES = [30, 90, TOKEN_MAX_DAYS, 0] as const;
const expiryText = (days: number) => (days === 0 ? t('account.never') : days === TOKEN_MAX_DAYS ? t('account.expiry.year') : t('account.expiry.days', { days }));

export function AccountPage() {
  const t = useT();
  const user = useUser();
  const tokens = useAsync(() => api.tokens(), []);
  const [changed, setChanged] = useState<PasswordChanged | null>(null);

  return (
    <div class="account">
      <div class="page-head">
        <div>
          <h1>{t('shell.nav.account')}</h1>
          <p class="lede">{user?.name ? `${user.name}, ` : ''}{user?.email}</p>
        </div>
      </div>
      <div class="account-layout">
        <section class="panel" aria-labelledby="account-password-title">
          <h2 id="account-password-title">{t('login.password')}</h2>
          {changed && (
            <p class="notice notice-good" role="status">
              {t('account.changed', { sessions: changed.sessionsEnded })}{' '}
              {changed.tokensKept > 0 && t('account.tokensKept', { count: changed.tokensKept })}
            </p>
          )}
          <p class="hint">{t('account.passwordHint')}</p>
          <ChangePasswordForm onChanged={(result) => { setChanged(result); tokens.reload(); }} />
        </section>
        <TokensPanel tokens={tokens.data} loading={tokens.loading} error={tokens.error} reload={tokens.reload} />
        {user?.isAdmin && <BrandingPanel />}
        {user?.isAdmin && <FilingTemplatesPanel />}
      </div>
    </div>
  );
}

function status(token: TokenInfo, now: number): { value: string; text: string } {
  if (token.revokedAt) return { value: 'gap', text: t('account.token.revoked') };
  if (token.expiresAt && Date.parse(token.expiresAt) <= now) return { value: 'open', text: t('account.token.expired') };
  return { value: 'confirmed', text: t('account.token.active') };
}

function TokensPanel({ tokens, loading, error, reload }: { tokens: TokenInfo[] | undefined; loading: boolean; error: unknown; reload: () => void }) {
  const t = useT();
  const [created, setCreated] = useState<CreatedToken | null>(null);
  const [revokeError, setRevokeError] = useState<unknown>(null);
  const now = Date.now();

  const revoke = async (token: TokenInfo) => {
    if (!window.confirm(t('account.token.confirmRevoke', { name: token.name }))) return;
    setRevokeError(null);
    try {
      await api.revokeToken(token.id);
      reload();
    } catch (failure) {
      setRevokeError(failure);
    }
  };

  return (
    <section class="panel" aria-labelledby="account-tokens-title">
      <h2 id="account-tokens-title">{t('account.tokens')}</h2>
      <p class="hint">{tx('account.tokensHint', { code: (chunks) => <code>{chunks}</code> })}</p>
      {created && <NewToken token={created} onDone={() => setCreated(null)} />}
      <CreateToken onCreated={(token) => { setCreated(token); reload(); }} />
      {error ? <ErrorNotice error={error} onRetry={reload} /> : null}
      {revokeError ? <ErrorNotice error={revokeError} /> : null}
      {loading && !tokens ? <Loading what={t('account.tokensWhat')} /> : null}
      {tokens && tokens.length === 0 && <Empty title={t('account.noTokens')} />}
      {tokens && tokens.length > 0 && (
        <div class="table-wrap">
          <table class="data account-tokens" data-testid="token-list">
            <caption class="visually-hidden">{t('account.yourTokens')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('members.col.name')}</th>
                <th scope="col">{t('account.col.created')}</th>
                <th scope="col">{t('account.col.lastUsed')}</th>
                <th scope="col">{t('account.col.expires')}</th>
                <th scope="col">{t('gaps.col.status')}</th>
                <th scope="col"><span class="visually-hidden">{t('members.col.actions')}</span></th>
              </tr>
            </thead>
            <tbody>
              {tokens.map((token) => {
                const state = status(token, now);
                return (
                  <tr key={token.id} data-testid="token-row" data-name={token.name}>
                    <td>{token.name}</td>
                    <td>{formatDateTime(token.createdAt)}</td>
                    <td>{token.lastUsedAt ? formatDateTime(token.lastUsedAt) : t('account.never')}</td>
                    <td>{token.expiresAt ? formatDateTime(token.expiresAt) : t('account.never')}</td>
                    <td><Chip value={state.value} text={state.text} /></td>
                    <td>
                      {state.value === 'confirmed' && (
                        <button type="button" class="button danger small" onClick={() => void revoke(token)} aria-label={t('account.token.revokeLabel', { name: token.name })}>{t('calendar.feed.revoke')}</button>
                      )}
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}

function CreateToken({ onCreated }: { onCreated: (token: CreatedToken) => void }) {
  const t = useT();
  const [name, setName] = useState('');
  const [days, setDays] = useState<number>(90);
  const [nameError, setNameError] = useState<string | null>(null);
  const [failure, setFailure] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);

  const submit = async (event: Event) => {
    event.preventDefault();
    setFailure(null);
    if (!name.trim()) {
      setNameError(t('account.token.nameError'));
      return;
    }
    setNameError(null);
    setBusy(true);
    try {
      onCreated(await api.createToken(name.trim(), days || undefined));
      setName('');
    } catch (error) {
      setFailure(error);
    } finally {
      setBusy(false);
    }
  };

  return (
    <form class="account-create" onSubmit={submit} noValidate aria-label={t('account.token.createLabel')}>
      <label class="field">
        <span class="field-label">{t('account.token.name')}</span>
        <input name="token-name" value={name} maxLength={100} autoComplete="off" aria-invalid={nameError ? 'true' : undefined} aria-describedby={nameError ? 'token-name-error' : undefined} onInput={(event) => setName(event.currentTarget.value)} />
        {nameError && <span class="field-error" id="token-name-error">{nameError}</span>}
      </label>
      <label class="field">
        <span class="field-label">{t('account.token.expiresAfter')}</span>
        <select name="token-expiry" value={String(days)} onChange={(event) => setDays(Number(event.currentTarget.value))}>
          {EXPIRY_CHOICES.map((choice) => <option key={choice} value={String(choice)}>{expiryText(choice)}</option>)}
        </select>
      </label>
      <div class="actions">
        <button type="submit" class="button primary" disabled={busy}>{busy ? t('members.account.busy') : t('account.token.create')}</button>
      </div>
      {failure ? <ErrorNotice error={failure} /> : null}
    </form>
  );
}

function NewToken({ token, onDone }: { token: CreatedToken; onDone: () => void }) {
  const t = useT();
  const box = useRef<HTMLDivElement>(null);
  const [copied, setCopied] = useState('');
  useEffect(() => box.current?.focus(), [token.id]);
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(token.token);
      setCopied(t('members.otp.copied'));
    } catch {
      setCopied(t('account.token.selectCopy'));
    }
  };
  return (
    <div class="notice account-new-token" role="alert" tabIndex={-1} ref={box} aria-labelledby="account-new-token-title">
      <h3 id="account-new-token-title">{t('account.token.newTitle', { name: token.name })}</h3>
      <p>{tx('account.token.once', { strong: (chunks) => <strong>{chunks}</strong> })}</p>
      <div class="account-token-value">
        <code data-testid="new-token">{token.token}</code>
        <button type="button" class="button primary small" onClick={() => void copy()}>{t('members.otp.copy')}</button>
        <span role="status">{copied}</span>
      </div>
      <div class="actions">
        <button type="button" class="button" onClick={onDone}>{t('account.token.done')}</button>
      </div>
    </div>
  );
}

/** The largest logo the server accepts (src/render/logo.ts), checked here before the upload. */
const LOGO_MAX_BYTES = 512 * 1024;

function base64Of(file: File): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(String(reader.result).replace(/^data:[^,]*,/, ''));
    reader.onerror = () => reject(reader.error ?? new Error(t('account.branding.unreadable')));
    reader.readAsDataURL(file);
  });
}

/** Administrators: the consultancy name and logo every annex export carries. */
function BrandingPanel() {
  const t = useT();
  const current = useAsync(() => api.branding(), []);
  return (
    <section class="panel" aria-labelledby="account-branding-title">
      <h2 id="account-branding-title">{t('account.branding.title')}</h2>
      <p class="hint">{t('account.branding.hint')}</p>
      {current.error ? <ErrorNotice error={current.error} onRetry={current.reload} /> : null}
      {current.loading && !current.data ? <Loading what={t('account.branding.loadingWhat')} /> : null}
      {current.data && <BrandingForm branding={current.data} onSaved={current.reload} />}
    </section>
  );
}

function BrandingForm({ branding, onSaved }: { branding: Branding; onSaved: () => void }) {
  const t = useT();
  const [name, setName] = useState(branding.consultancy ?? '');
  const [file, setFile] = useState<File | null>(null);
  const [removeLogo, setRemoveLogo] = useState(false);
  const [problem, setProblem] = useState<{ field: 'name' | 'logo'; text: string } | null>(null);
  const [failure, setFailure] = useState<unknown>(null);
  const [saved, setSaved] = useState(false);
  const [busy, setBusy] = useState(false);

  const submit = async (event: Event) => {
    event.preventDefault();
    setFailure(null);
    setSaved(false);
    if (!name.trim()) return setProblem({ field: 'name', text: t('account.branding.nameError') });
    if (file && file.size > LOGO_MAX_BYTES) return setProblem({ field: 'logo', text: t('account.branding.logoTooLarge', { size: Math.ceil(file.size / 1024), max: LOGO_MAX_BYTES / 1024 }) });
    setProblem(null);
    setBusy(true);
    try {
      const logo = file ? await base64Of(file) : removeLogo ? null : undefined;
      await api.setBranding({ consultancy: name.trim(), ...(logo === undefined ? {} : { logo }) });
      setFile(null);
      setRemoveLogo(false);
      setSaved(true);
      onSaved();
    } catch (error) {
      setFailure(error);
    } finally {
      setBusy(false);
    }
  };

  return (
    <form class="account-create" onSubmit={submit} noValidate aria-label={t('account.branding.title')}>
      <label class="field">
        <span class="field-label">{t('account.branding.name')}</span>
        <input name="consultancy" value={name} maxLength={120} autoComplete="organization" aria-invalid={problem?.field === 'name' ? 'true' : undefined} aria-describedby={problem?.field === 'name' ? 'branding-name-error' : undefined} onInput={(event) => setName(event.currentTarget.value)} />
        {problem?.field === 'name' && <span class="field-error" id="branding-name-error">{problem.text}</span>}
      </label>
      {branding.hasLogo && !removeLogo && (
        <figure class="account-logo">
          <img src={api.logoUrl(branding.version)} alt={branding.consultancy ? t('account.branding.logoAlt', { name: branding.consultancy }) : t('account.branding.logoAltNone')} />
          <figcaption><button type="button" class="button small" onClick={() => setRemoveLogo(true)}>{t('account.branding.remove')}</button></figcaption>
        </figure>
      )}
      {removeLogo && <p class="hint" role="status">{t('account.branding.removed')}</p>}
      <label class="field">
        <span class="field-label">{t('account.branding.logo', { replace: branding.hasLogo ? 'yes' : 'no', max: LOGO_MAX_BYTES / 1024 })}</span>
        <input type="file" name="logo" accept="image/png,image/jpeg,image/webp" aria-invalid={problem?.field === 'logo' ? 'true' : undefined} aria-describedby={problem?.field === 'logo' ? 'branding-logo-error' : undefined} onChange={(event) => { setFile(event.currentTarget.files?.[0] ?? null); setRemoveLogo(false); }} />
        {problem?.field === 'logo' && <span class="field-error" id="branding-logo-error">{problem.text}</span>}
      </label>
      <div class="actions">
        <button type="submit" class="button primary" disabled={busy}>{busy ? t('item.saving') : t('account.branding.save')}</button>
        {saved && <span role="status">{t('account.branding.saved')}</span>}

      </div>
      {failure ? <ErrorNotice error={failure} /> : null}
    </form>
  );
}
