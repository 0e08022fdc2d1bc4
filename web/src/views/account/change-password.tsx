// Changing one's own password: on the Account page, and right after a first login with a one-time
// password, when it is the only thing the account may do.
import { useRef, useState } from 'preact/hooks';
import { PASSWORD_LENGTH } from '../../../../src/store/account-rules.ts';
import { api, ApiFailure, type PasswordChanged, type User } from '../../api.ts';
import { ErrorNotice } from '../../components/common.tsx';

type FieldErrors = Partial<Record<'current' | 'next' | 'repeat', string>>;

export function ChangePasswordForm({ onChanged, currentLabel = 'Current password', submitLabel = 'Change password' }: {
  onChanged: (result: PasswordChanged) => void;
  currentLabel?: string;
  submitLabel?: string;
}) {
  const [current, setCurrent] = useState('');
  const [next, setNext] = useState('');
  const [repeat, setRepeat] = useState('');
  const [errors, setErrors] = useState<FieldErrors>({});
  const [failure, setFailure] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const inputs = { current: useRef<HTMLInputElement>(null), next: useRef<HTMLInputElement>(null), repeat: useRef<HTMLInputElement>(null) };

  const show = (found: FieldErrors) => {
    setErrors(found);
    const first = (['current', 'next', 'repeat'] as const).find((field) => found[field]);
    if (first) inputs[first].current?.focus();
  };

  const submit = async (event: Event) => {
    event.preventDefault();
    setFailure(null);
    const found: FieldErrors = {};
    if (!current) found.current = 'Enter your current password.';
    if (next.length < PASSWORD_LENGTH.min) found.next = `Use at least ${PASSWORD_LENGTH.min} characters; a few unrelated words make a good one.`;
    else if (next === current) found.next = 'Choose a password other than the current one.';
    if (repeat !== next) found.repeat = 'The two new passwords differ.';
    show(found);
    if (Object.keys(found).length > 0) return;
    setBusy(true);
    try {
      const result = await api.changePassword(current, next);
      setCurrent('');
      setNext('');
      setRepeat('');
      onChanged(result);
    } catch (error) {
      if (error instanceof ApiFailure && error.code === 'wrong_password') show({ current: 'That is not your current password.' });
      else if (error instanceof ApiFailure && error.code === 'same_password') show({ next: 'Choose a password other than the current one.' });
      else setFailure(error);
    } finally {
      setBusy(false);
    }
  };

  const field = (name: keyof FieldErrors, text: string, value: string, set: (value: string) => void, autoComplete: string, help?: string) => (
    <div class="field">
      <label class="field-label" for={`password-${name}`}>{text}</label>
      <input
        id={`password-${name}`}
        ref={inputs[name]}
        type="password"
        name={name === 'current' ? 'current-password' : name === 'next' ? 'new-password' : 'repeat-password'}
        autoComplete={autoComplete}
        value={value}
        maxLength={PASSWORD_LENGTH.max}
        aria-invalid={errors[name] ? 'true' : undefined}
        aria-describedby={errors[name] ? `password-${name}-error` : help ? `password-${name}-help` : undefined}
        onInput={(event) => set(event.currentTarget.value)}
      />
      {help && !errors[name] && <span class="field-help" id={`password-${name}-help`}>{help}</span>}
      {errors[name] && <span class="field-error" id={`password-${name}-error`}>{errors[name]}</span>}
    </div>
  );

  return (
    <form onSubmit={submit} noValidate aria-label="Change password">
      {field('current', currentLabel, current, setCurrent, 'current-password')}
      {field('next', 'New password', next, setNext, 'new-password', `At least ${PASSWORD_LENGTH.min} characters.`)}
      {field('repeat', 'Repeat the new password', repeat, setRepeat, 'new-password')}
      {failure ? <ErrorNotice error={failure} /> : null}
      <div class="actions">
        <button type="submit" class="button primary" disabled={busy}>{busy ? 'Changing…' : submitLabel}</button>
      </div>
    </form>
  );
}

/** After logging in with a one-time password: the account can do nothing else until it has its own. */
export function FirstPasswordPage({ user, onChanged, onLogout }: { user: User; onChanged: () => void; onLogout: () => void }) {
  return (
    <main class="login" id="main">
      <div class="login-card">
        <h1>Choose your password</h1>
        <p class="hint">
          You logged in as <strong>{user.email}</strong> with a one-time password someone else chose. Choose your own to carry on; nobody else will know it.
        </p>
        <ChangePasswordForm onChanged={onChanged} currentLabel="One-time password" submitLabel="Set my password" />
        <button type="button" class="button ghost" onClick={onLogout}>Log out</button>
      </div>
    </main>
  );
}
