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

const EXPIRY_CHOICES = [
  { days: 30, text: '30 days' },
  { days: 90, text: '90 days' },
  { days: TOKEN_MAX_DAYS, text: 'One year' },
  { days: 0, text: 'Never' },
] as const;

export function AccountPage() {
  const user = useUser();
  const tokens = useAsync(() => api.tokens(), []);
  const [changed, setChanged] = useState<PasswordChanged | null>(null);

  return (
    <div class="account">
      <div class="page-head">
        <div>
          <h1>Account</h1>
          <p class="lede">{user?.name ? `${user.name}, ` : ''}{user?.email}</p>
        </div>
      </div>
      <div class="account-layout">
        <section class="panel" aria-labelledby="account-password-title">
          <h2 id="account-password-title">Password</h2>
          {changed && (
            <p class="notice notice-good" role="status">
              Your password is changed. {changed.sessionsEnded === 0 ? 'You were logged in nowhere else.' : `You are logged out everywhere else (${changed.sessionsEnded} ${changed.sessionsEnded === 1 ? 'session' : 'sessions'}).`}{' '}
              {changed.tokensKept > 0 && `Your ${changed.tokensKept} API ${changed.tokensKept === 1 ? 'token keeps' : 'tokens keep'} working; revoke any you no longer trust below.`}
            </p>
          )}
          <p class="hint">Changing it logs you out of every other browser. API tokens keep working until you revoke them.</p>
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
  if (token.revokedAt) return { value: 'gap', text: 'Revoked' };
  if (token.expiresAt && Date.parse(token.expiresAt) <= now) return { value: 'open', text: 'Expired' };
  return { value: 'confirmed', text: 'Active' };
}

function TokensPanel({ tokens, loading, error, reload }: { tokens: TokenInfo[] | undefined; loading: boolean; error: unknown; reload: () => void }) {
  const [created, setCreated] = useState<CreatedToken | null>(null);
  const [revokeError, setRevokeError] = useState<unknown>(null);
  const now = Date.now();

  const revoke = async (token: TokenInfo) => {
    if (!window.confirm(`Revoke the token “${token.name}”? Scripts that use it stop working at once.`)) return;
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
      <h2 id="account-tokens-title">API tokens</h2>
      <p class="hint">
        Scripts and CI send a token as <code>Authorization: Bearer …</code> instead of logging in. A token acts as you, on every engagement you can reach.
      </p>
      {created && <NewToken token={created} onDone={() => setCreated(null)} />}
      <CreateToken onCreated={(token) => { setCreated(token); reload(); }} />
      {error ? <ErrorNotice error={error} onRetry={reload} /> : null}
      {revokeError ? <ErrorNotice error={revokeError} /> : null}
      {loading && !tokens ? <Loading what="your tokens" /> : null}
      {tokens && tokens.length === 0 && <Empty title="No API tokens yet" />}
      {tokens && tokens.length > 0 && (
        <div class="table-wrap">
          <table class="data account-tokens" data-testid="token-list">
            <caption class="visually-hidden">Your API tokens</caption>
            <thead>
              <tr>
                <th scope="col">Name</th>
                <th scope="col">Created</th>
                <th scope="col">Last used</th>
                <th scope="col">Expires</th>
                <th scope="col">Status</th>
                <th scope="col"><span class="visually-hidden">Actions</span></th>
              </tr>
            </thead>
            <tbody>
              {tokens.map((token) => {
                const state = status(token, now);
                return (
                  <tr key={token.id} data-testid="token-row" data-name={token.name}>
                    <td>{token.name}</td>
                    <td>{formatDateTime(token.createdAt)}</td>
                    <td>{token.lastUsedAt ? formatDateTime(token.lastUsedAt) : 'Never'}</td>
                    <td>{token.expiresAt ? formatDateTime(token.expiresAt) : 'Never'}</td>
                    <td><Chip value={state.value} text={state.text} /></td>
                    <td>
                      {state.text === 'Active' && (
                        <button type="button" class="button danger small" onClick={() => void revoke(token)} aria-label={`Revoke ${token.name}`}>Revoke</button>
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
  const [name, setName] = useState('');
  const [days, setDays] = useState<number>(90);
  const [nameError, setNameError] = useState<string | null>(null);
  const [failure, setFailure] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);

  const submit = async (event: Event) => {
    event.preventDefault();
    setFailure(null);
    if (!name.trim()) {
      setNameError('Name the token after what uses it, like “CI deploy”.');
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
    <form class="account-create" onSubmit={submit} noValidate aria-label="Create an API token">
      <label class="field">
        <span class="field-label">Token name</span>
        <input name="token-name" value={name} maxLength={100} autoComplete="off" aria-invalid={nameError ? 'true' : undefined} aria-describedby={nameError ? 'token-name-error' : undefined} onInput={(event) => setName(event.currentTarget.value)} />
        {nameError && <span class="field-error" id="token-name-error">{nameError}</span>}
      </label>
      <label class="field">
        <span class="field-label">Expires after</span>
        <select name="token-expiry" value={String(days)} onChange={(event) => setDays(Number(event.currentTarget.value))}>
          {EXPIRY_CHOICES.map((choice) => <option key={choice.days} value={String(choice.days)}>{choice.text}</option>)}
        </select>
      </label>
      <div class="actions">
        <button type="submit" class="button primary" disabled={busy}>{busy ? 'Creating…' : 'Create token'}</button>
      </div>
      {failure ? <ErrorNotice error={failure} /> : null}
    </form>
  );
}

function NewToken({ token, onDone }: { token: CreatedToken; onDone: () => void }) {
  const box = useRef<HTMLDivElement>(null);
  const [copied, setCopied] = useState('');
  useEffect(() => box.current?.focus(), [token.id]);
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(token.token);
      setCopied('Copied to the clipboard.');
    } catch {
      setCopied('Select the token and copy it with Ctrl+C (⌘C on a Mac).');
    }
  };
  return (
    <div class="notice account-new-token" role="alert" tabIndex={-1} ref={box} aria-labelledby="account-new-token-title">
      <h3 id="account-new-token-title">Your new token “{token.name}”</h3>
      <p>This is shown <strong>only this once</strong>; store it where the script reads it now. Landfall keeps only a digest and cannot show it again.</p>
      <div class="account-token-value">
        <code data-testid="new-token">{token.token}</code>
        <button type="button" class="button primary small" onClick={() => void copy()}>Copy</button>
        <span role="status">{copied}</span>
      </div>
      <div class="actions">
        <button type="button" class="button" onClick={onDone}>I have stored it; hide it</button>
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
    reader.onerror = () => reject(reader.error ?? new Error('The file could not be read.'));
    reader.readAsDataURL(file);
  });
}

/** Administrators: the consultancy name and logo every annex export carries. */
function BrandingPanel() {
  const current = useAsync(() => api.branding(), []);
  return (
    <section class="panel" aria-labelledby="account-branding-title">
      <h2 id="account-branding-title">Branding of the deliverables</h2>
      <p class="hint">The consultancy named on every annex's cover, running header and document properties, and the logo on the cover (DOCX, HTML and PDF). Only administrators change it; it applies to every engagement.</p>
      {current.error ? <ErrorNotice error={current.error} onRetry={current.reload} /> : null}
      {current.loading && !current.data ? <Loading what="the branding" /> : null}
      {current.data && <BrandingForm branding={current.data} onSaved={current.reload} />}
    </section>
  );
}

function BrandingForm({ branding, onSaved }: { branding: Branding; onSaved: () => void }) {
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
    if (!name.trim()) return setProblem({ field: 'name', text: 'Give the name the client should see, like “Harbour Advisory”.' });
    if (file && file.size > LOGO_MAX_BYTES) return setProblem({ field: 'logo', text: `The logo is ${Math.ceil(file.size / 1024)} KB; at most ${LOGO_MAX_BYTES / 1024} KB are accepted.` });
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
    <form class="account-create" onSubmit={submit} noValidate aria-label="Branding of the deliverables">
      <label class="field">
        <span class="field-label">Consultancy name</span>
        <input name="consultancy" value={name} maxLength={120} autoComplete="organization" aria-invalid={problem?.field === 'name' ? 'true' : undefined} aria-describedby={problem?.field === 'name' ? 'branding-name-error' : undefined} onInput={(event) => setName(event.currentTarget.value)} />
        {problem?.field === 'name' && <span class="field-error" id="branding-name-error">{problem.text}</span>}
      </label>
      {branding.hasLogo && !removeLogo && (
        <figure class="account-logo">
          <img src={api.logoUrl(branding.version)} alt={`The current logo of ${branding.consultancy ?? 'the consultancy'}`} />
          <figcaption><button type="button" class="button small" onClick={() => setRemoveLogo(true)}>Remove the logo</button></figcaption>
        </figure>
      )}
      {removeLogo && <p class="hint" role="status">The logo is removed when you save.</p>}
      <label class="field">
        <span class="field-label">{branding.hasLogo ? 'Replace the logo' : 'Logo'} (PNG, JPEG or WebP, at most {LOGO_MAX_BYTES / 1024} KB)</span>
        <input type="file" name="logo" accept="image/png,image/jpeg,image/webp" aria-invalid={problem?.field === 'logo' ? 'true' : undefined} aria-describedby={problem?.field === 'logo' ? 'branding-logo-error' : undefined} onChange={(event) => { setFile(event.currentTarget.files?.[0] ?? null); setRemoveLogo(false); }} />
        {problem?.field === 'logo' && <span class="field-error" id="branding-logo-error">{problem.text}</span>}
      </label>
      <div class="actions">
        <button type="submit" class="button primary" disabled={busy}>{busy ? 'Saving…' : 'Save branding'}</button>
        {saved && <span role="status">Saved. Every annex export now carries it.</span>}
      </div>
      {failure ? <ErrorNotice error={failure} /> : null}
    </form>
  );
}
