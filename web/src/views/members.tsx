// The Members tab: who is on the engagement and in which role. Owners add people (creating an
// account with a one-time password when needed) and change roles; everyone else reads the list.
import { useEffect, useRef, useState } from 'preact/hooks';
import { api, ApiFailure, type Member, type Role } from '../api.ts';
import { useUser } from '../session.ts';
import { Chip, Empty, ErrorNotice, Loading, useAsync } from '../components/common.tsx';
import { label } from '../labels.ts';
import { useEngagement } from './engagement.tsx';
import './annex/members.css';

const ROLES: readonly Role[] = ['owner', 'editor', 'viewer'];
const ROLE_TONE: Record<Role, string> = { owner: 'info', editor: 'good', viewer: 'neutral' };
const ROLE_HELP: Record<Role, string> = {
  owner: 'Everything an editor does, and manages members.',
  editor: 'Changes the profile and works in the annex.',
  viewer: 'Reads everything and changes nothing.',
};

interface Outcome {
  email: string;
  name: string;
  role: Role;
  change: 'added' | 'changed' | 'unchanged';
  oneTimePassword?: string | undefined;
  /** The box was ticked but the person already had an account. */
  accountExisted: boolean;
}

const article = (role: Role) => (role === 'owner' ? 'an owner' : role === 'editor' ? 'an editor' : 'a viewer');

export function MembersView() {
  const { engagement, isOwner, reload } = useEngagement();
  const user = useUser();
  const id = engagement.id;
  const members = useAsync(() => api.members(id), [id]);
  const [outcome, setOutcome] = useState<Outcome | null>(null);
  /** Kept apart from `outcome` so no later message replaces a password shown only once. */
  const [created, setCreated] = useState<Outcome | null>(null);
  const list = members.data;
  const owners = list?.filter((member) => member.role === 'owner').length ?? 0;

  return (
    <div class="members">
      <div class="members-head">
        <h2>Members</h2>
        <p class="lede">Who can see and work on this engagement. Owners manage members, editors change the profile and the annex, viewers read everything and change nothing.</p>
      </div>

      {!isOwner && (
        <p class="notice notice-info">
          Only owners manage members. You are {article(engagement.role)}; ask an owner if someone needs access or a different role.
        </p>
      )}

      {created && <OneTimePassword outcome={created} onDone={() => setCreated(null)} />}
      {outcome && (
        <p class="notice notice-good" role="status">
          {outcome.change === 'added' ? `Added ${outcome.name} as ${outcome.role}.` : outcome.change === 'changed' ? `${outcome.name} is now ${article(outcome.role)}.` : `${outcome.name} was already ${article(outcome.role)}; nothing changed.`}
          {outcome.accountExisted && ' They already had an account, so no password was created; they log in with their own.'}
        </p>
      )}

      <div class={isOwner ? 'members-layout' : undefined}>
        <section class="panel members-list" aria-labelledby="members-list-title">
          <h3 id="members-list-title">People on this engagement{list ? ` (${list.length})` : ''}</h3>
          {members.error ? <ErrorNotice error={members.error} onRetry={members.reload} /> : null}
          {members.loading && !list ? <Loading what="the members" /> : null}
          {list && list.length === 0 && <Empty title="No members" />}
          {list && list.length > 0 && (
            <div class="table-wrap">
              <table class="data members-table">
                <caption class="visually-hidden">Members and their roles</caption>
                <thead>
                  <tr>
                    <th scope="col">Name</th>
                    <th scope="col">Email</th>
                    <th scope="col">Role</th>
                  </tr>
                </thead>
                <tbody>
                  {list.map((member) => (
                    <MemberRow
                      key={member.userId}
                      engagementId={id}
                      member={member}
                      isSelf={member.userId === user?.id}
                      canManage={isOwner}
                      soleOwner={member.role === 'owner' && owners <= 1}
                      onChanged={(role) => {
                        setOutcome({ email: member.email, name: member.name || member.email, role, change: 'changed', accountExisted: false });
                        members.reload();
                        if (member.userId === user?.id) reload();
                      }}
                    />
                  ))}
                </tbody>
              </table>
            </div>
          )}
        </section>

        {isOwner && (
          <AddMember
            engagementId={id}
            members={list ?? []}
            onDone={(result) => {
              if (result.oneTimePassword) {
                setCreated(result);
                setOutcome(null);
              } else setOutcome(result);
              members.reload();
            }}
          />
        )}
      </div>
    </div>
  );
}

function MemberRow({ engagementId, member, isSelf, canManage, soleOwner, onChanged }: {
  engagementId: string;
  member: Member;
  isSelf: boolean;
  canManage: boolean;
  soleOwner: boolean;
  onChanged: (role: Role) => void;
}) {
  const [busy, setBusy] = useState(false);
  const [pending, setPending] = useState<Role | null>(null);
  const [error, setError] = useState<unknown>(null);
  const selectId = `member-role-${member.userId}`;
  const name = member.name || member.email;

  const change = async (role: Role) => {
    if (role === member.role || busy) return;
    if (isSelf && member.role === 'owner' && !window.confirm(`Make yourself ${article(role)}? You will no longer be able to manage members.`)) {
      setPending(null);
      return;
    }
    setPending(role);
    setBusy(true);
    setError(null);
    try {
      await api.setMember(engagementId, { email: member.email, role });
      onChanged(role);
    } catch (failure) {
      setError(failure);
    } finally {
      setBusy(false);
      setPending(null);
    }
  };

  return (
    <tr>
      <td>
        {name}
        {isSelf && <span class="members-you"> (you)</span>}
      </td>
      <td>
        <a href={`mailto:${member.email}`}>{member.email}</a>
      </td>
      <td>
        {canManage ? (
          <div class="members-role-cell">
            <label class="visually-hidden" for={selectId}>Role of {name}</label>
            <select
              id={selectId}
              name="member-role"
              value={pending ?? member.role}
              disabled={soleOwner}
              aria-busy={busy ? 'true' : undefined}
              aria-describedby={soleOwner ? `${selectId}-help` : undefined}
              onChange={(event) => void change(event.currentTarget.value as Role)}
            >
              {ROLES.map((role) => (
                <option key={role} value={role}>{label(role)}</option>
              ))}
            </select>
            {soleOwner && <span class="field-help" id={`${selectId}-help`}>The only owner: add another owner before changing this role.</span>}
            {error ? <span class="field-error" role="alert">{error instanceof Error ? error.message : String(error)}</span> : null}
          </div>
        ) : (
          <Chip value={member.role} tone={ROLE_TONE[member.role]} />
        )}
      </td>
    </tr>
  );
}

function AddMember({ engagementId, members, onDone }: { engagementId: string; members: Member[]; onDone: (outcome: Outcome) => void }) {
  const [email, setEmail] = useState('');
  const [role, setRole] = useState<Role>('viewer');
  const [createAccount, setCreateAccount] = useState(false);
  const [name, setName] = useState('');
  const [emailError, setEmailError] = useState<string | null>(null);
  const [needsAccount, setNeedsAccount] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const emailInput = useRef<HTMLInputElement>(null);
  const createBox = useRef<HTMLInputElement>(null);

  const submit = async (event: Event) => {
    event.preventDefault();
    const address = email.trim();
    setError(null);
    setNeedsAccount(false);
    if (!/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(address)) {
      setEmailError('Enter the person’s email address, like name@example.com.');
      emailInput.current?.focus();
      return;
    }
    setEmailError(null);
    const existing = members.find((member) => member.email.toLowerCase() === address.toLowerCase());
    setBusy(true);
    try {
      const result = await api.setMember(engagementId, { email: address, role, ...(createAccount ? { createAccount: true, ...(name.trim() ? { name: name.trim() } : {}) } : {}) });
      onDone({
        email: address,
        name: existing?.name || name.trim() || address,
        role: result.role,
        change: !existing ? 'added' : existing.role === result.role ? 'unchanged' : 'changed',
        oneTimePassword: result.oneTimePassword,
        accountExisted: createAccount && !result.oneTimePassword,
      });
      setEmail('');
      setName('');
      setCreateAccount(false);
    } catch (failure) {
      if (failure instanceof ApiFailure && failure.status === 404 && !createAccount) {
        setNeedsAccount(true);
        createBox.current?.focus();
      } else if (failure instanceof ApiFailure && failure.status === 400 && failure.problems.some((problem) => problem.path === 'email')) {
        setEmailError('That is not an email address the server accepts; check it.');
        emailInput.current?.focus();
      } else {
        setError(failure);
      }
    } finally {
      setBusy(false);
    }
  };

  return (
    <form class="panel members-add" onSubmit={submit} aria-labelledby="members-add-title" noValidate>
      <h3 id="members-add-title">Add a person or change a role</h3>
      <p class="hint">Adding someone who is already a member changes their role.</p>
      <label class="field">
        <span class="field-label">Email</span>
        <input
          ref={emailInput}
          type="email"
          name="email"
          autoComplete="off"
          value={email}
          required
          aria-invalid={emailError || needsAccount ? 'true' : undefined}
          aria-describedby={emailError ? 'members-email-error' : needsAccount ? 'members-needs-account' : undefined}
          onInput={(event) => {
            setEmail(event.currentTarget.value);
            setNeedsAccount(false);
          }}
        />
        {emailError && <span class="field-error" id="members-email-error">{emailError}</span>}
      </label>
      <label class="field">
        <span class="field-label">Role</span>
        <select name="role" value={role} aria-describedby="members-role-help" onChange={(event) => setRole(event.currentTarget.value as Role)}>
          {ROLES.map((candidate) => (
            <option key={candidate} value={candidate}>{label(candidate)}</option>
          ))}
        </select>
        <span class="field-help" id="members-role-help">{ROLE_HELP[role]}</span>
      </label>
      <div class="field">
        <label class="members-check">
          <input
            ref={createBox}
            type="checkbox"
            name="createAccount"
            checked={createAccount}
            onChange={(event) => {
              setCreateAccount(event.currentTarget.checked);
              setNeedsAccount(false);
            }}
          />
          Create an account if this person has none
        </label>
        <span class="field-help">You get a one-time password to hand over; it is shown once.</span>
      </div>
      {needsAccount && (
        <div class="notice notice-warn" id="members-needs-account" role="alert">
          <p>
            <strong>There is no Landfall account for {email.trim()}.</strong> Tick “Create an account if this person has none” and add them again: Landfall creates the account and shows you a one-time password to hand over.
          </p>
        </div>
      )}
      {createAccount && (
        <label class="field">
          <span class="field-label">
            Name <span class="optional">(for a new account; optional)</span>
          </span>
          <input name="name" value={name} maxLength={200} autoComplete="off" onInput={(event) => setName(event.currentTarget.value)} />
          <span class="field-help">How Landfall shows them. Defaults to the part of the address before the @.</span>
        </label>
      )}
      {error ? <ErrorNotice error={error} /> : null}
      <div class="actions">
        <button type="submit" class="button primary" disabled={busy}>{busy ? 'Saving…' : 'Add member'}</button>
      </div>
    </form>
  );
}

function OneTimePassword({ outcome, onDone }: { outcome: Outcome; onDone: () => void }) {
  const box = useRef<HTMLDivElement>(null);
  const code = useRef<HTMLElement>(null);
  const [copied, setCopied] = useState<string>('');
  const password = outcome.oneTimePassword ?? '';

  useEffect(() => {
    box.current?.focus();
  }, [password]);

  const select = () => {
    const element = code.current;
    const selection = window.getSelection();
    if (!element || !selection) return;
    const range = document.createRange();
    range.selectNodeContents(element);
    selection.removeAllRanges();
    selection.addRange(range);
  };

  const copy = async () => {
    try {
      await navigator.clipboard.writeText(password);
      setCopied('Copied to the clipboard.');
    } catch {
      select();
      setCopied('Selected: press Ctrl+C (⌘C on a Mac) to copy.');
    }
  };

  return (
    <div class="notice members-otp" role="alert" tabIndex={-1} ref={box} aria-labelledby="members-otp-title">
      <h3 id="members-otp-title">One-time password for {outcome.email}</h3>
      <p>
        Landfall created an account for <strong>{outcome.name}</strong> and added them as {outcome.role}. This password is shown <strong>only this once</strong>; copy it now.
      </p>
      <div class="members-otp-value">
        <code ref={code} data-testid="one-time-password">{password}</code>
        <button type="button" class="button primary small" onClick={() => void copy()}>Copy</button>
        <span class="members-otp-copied" role="status">{copied}</span>
      </div>
      <p class="members-otp-advice">
        Hand it over securely: in person, by phone, or through your organisation’s password manager, never in the same message as the login address. They log in with {outcome.email} and this password.
      </p>
      <div class="actions">
        <button type="button" class="button" onClick={onDone}>I have handed it over; hide it</button>
      </div>
    </div>
  );
}
