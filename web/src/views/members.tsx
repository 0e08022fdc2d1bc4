// The Members tab: who is on the engagement, in which role, and who is invited. Owners invite
// addresses (pending until that person logs in), change roles and remove members, never leaving
// the engagement without an owner. Administrators also create accounts, with a one-time password
// shown once. Everyone else reads the list.
import { useEffect, useRef, useState } from 'preact/hooks';
import { api, ApiFailure, type Invitation, type Member, type Role } from '../api.ts';
import { useUser } from '../session.ts';
import { Chip, Empty, ErrorNotice, Loading, formatDateTime, useAction, useAsync } from '../components/common.tsx';
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
const LAST_OWNER_HELP = 'The only owner: make someone else an owner before changing this role or removing them. An engagement always keeps at least one owner.';

const article = (role: Role) => (role === 'owner' ? 'an owner' : role === 'editor' ? 'an editor' : 'a viewer');
const messageOf = (error: unknown) => (error instanceof Error ? error.message : String(error));

interface NewAccount {
  email: string;
  name: string;
  oneTimePassword: string;
}

export function MembersView() {
  const { engagement, isOwner, isArchived, reload } = useEngagement();
  const user = useUser();
  const id = engagement.id;
  const state = useAsync(() => api.members(id), [id]);
  const [notice, setNotice] = useState<string | null>(null);
  /** Kept apart from `notice` so no later message replaces a password shown only once. */
  const [created, setCreated] = useState<NewAccount | null>(null);
  const [accountEmail, setAccountEmail] = useState('');
  const members = state.data?.members;
  const invitations = state.data?.invitations ?? [];
  const owners = members?.filter((member) => member.role === 'owner').length ?? 0;
  const canManage = isOwner && !isArchived;
  const isAdmin = user?.isAdmin === true;

  const changed = (message: string, affectsMe = false) => {
    setNotice(message);
    state.reload();
    if (affectsMe) reload();
  };

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
      {isOwner && isArchived && <p class="notice notice-info">This engagement is archived, so its members cannot change. Restore it to invite people or change roles.</p>}

      {created && <OneTimePassword account={created} onDone={() => setCreated(null)} />}
      {notice && <p class="notice notice-good" role="status">{notice}</p>}

      <div class={canManage || isAdmin ? 'members-layout' : undefined}>
        <div>
          <section class="panel members-list" aria-labelledby="members-list-title">
            <h3 id="members-list-title">People on this engagement{members ? ` (${members.length})` : ''}</h3>
            {state.error ? <ErrorNotice error={state.error} onRetry={state.reload} /> : null}
            {state.loading && !members ? <Loading what="the members" /> : null}
            {members && members.length === 0 && <Empty title="No members" />}
            {members && members.length > 0 && (
              <div class="table-wrap">
                <table class="data members-table">
                  <caption class="visually-hidden">Members and their roles</caption>
                  <thead>
                    <tr>
                      <th scope="col">Name</th>
                      <th scope="col">Email</th>
                      <th scope="col">Role</th>
                      {canManage && <th scope="col"><span class="visually-hidden">Actions</span></th>}
                    </tr>
                  </thead>
                  <tbody>
                    {members.map((member) => (
                      <MemberRow
                        key={member.userId}
                        engagementId={id}
                        member={member}
                        isSelf={member.userId === user?.id}
                        canManage={canManage}
                        soleOwner={member.role === 'owner' && owners <= 1}
                        onChanged={(message) => changed(message, member.userId === user?.id)}
                      />
                    ))}
                  </tbody>
                </table>
              </div>
            )}
          </section>

          {invitations.length > 0 && (
            <section class="panel members-list" aria-labelledby="members-invited-title" data-testid="invitations">
              <h3 id="members-invited-title">Invited ({invitations.length})</h3>
              <p class="hint">An invitation is pending until someone with that address logs in; then they join in the invited role.{isAdmin ? '' : ' If they have no Landfall account yet, an administrator creates one for them.'}</p>
              <div class="table-wrap">
                <table class="data members-table">
                  <caption class="visually-hidden">Pending invitations</caption>
                  <thead>
                    <tr>
                      <th scope="col">Email</th>
                      <th scope="col">Role</th>
                      <th scope="col">Status</th>
                      {(canManage || isAdmin) && <th scope="col"><span class="visually-hidden">Actions</span></th>}
                    </tr>
                  </thead>
                  <tbody>
                    {invitations.map((invitation) => (
                      <InvitationRow
                        key={invitation.id}
                        engagementId={id}
                        invitation={invitation}
                        canManage={canManage}
                        isAdmin={isAdmin}
                        onCreateAccount={() => setAccountEmail(invitation.email)}
                        onChanged={changed}
                      />
                    ))}
                  </tbody>
                </table>
              </div>
            </section>
          )}
        </div>

        {(canManage || isAdmin) && (
          <div>
            {canManage && <InviteForm engagementId={id} members={members ?? []} onDone={changed} />}
            {isAdmin && (
              <CreateAccount
                email={accountEmail}
                onEmail={setAccountEmail}
                onCreated={(account) => {
                  setCreated(account);
                  setNotice(null);
                  setAccountEmail('');
                  state.reload();
                }}
              />
            )}
          </div>
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
  onChanged: (message: string) => void;
}) {
  const action = useAction();
  const { busy, error } = action;
  const [pending, setPending] = useState<Role | null>(null);
  const selectId = `member-role-${member.userId}`;
  const name = member.name || member.email;
  const run = async (work: () => Promise<void>) => {
    await action.run(work);
    setPending(null);
  };

  const change = async (role: Role) => {
    if (role === member.role || busy) return;
    if (isSelf && member.role === 'owner' && !window.confirm(`Make yourself ${article(role)}? You will no longer be able to manage members.`)) {
      setPending(null);
      return;
    }
    setPending(role);
    await run(async () => {
      await api.invite(engagementId, { email: member.email, role });
      onChanged(`${name} is now ${article(role)}.`);
    });
  };

  const remove = async () => {
    const question = isSelf ? 'Remove yourself from this engagement? You will lose access to it.' : `Remove ${name} from this engagement? They lose access at once; you can invite them again later.`;
    if (!window.confirm(question)) return;
    await run(async () => {
      await api.removeMember(engagementId, member.userId);
      onChanged(`Removed ${name} from the engagement.`);
    });
  };

  return (
    <tr data-testid="member-row" data-email={member.email}>
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
              disabled={soleOwner || busy}
              aria-busy={busy ? 'true' : undefined}
              aria-describedby={soleOwner ? `${selectId}-help` : undefined}
              onChange={(event) => void change(event.currentTarget.value as Role)}
            >
              {ROLES.map((role) => (
                <option key={role} value={role}>{label(role)}</option>
              ))}
            </select>
            {soleOwner && <span class="field-help" id={`${selectId}-help`}>{LAST_OWNER_HELP}</span>}
            {error ? <span class="field-error" role="alert">{messageOf(error)}</span> : null}
          </div>
        ) : (
          <Chip value={member.role} tone={ROLE_TONE[member.role]} />
        )}
      </td>
      {canManage && (
        <td>
          <button
            type="button"
            class="button danger small"
            disabled={soleOwner || busy}
            title={soleOwner ? LAST_OWNER_HELP : undefined}
            aria-describedby={soleOwner ? `${selectId}-help` : undefined}
            onClick={() => void remove()}
          >
            Remove<span class="visually-hidden"> {name}</span>
          </button>
        </td>
      )}
    </tr>
  );
}

function InvitationRow({ engagementId, invitation, canManage, isAdmin, onCreateAccount, onChanged }: {
  engagementId: string;
  invitation: Invitation;
  canManage: boolean;
  isAdmin: boolean;
  onCreateAccount: () => void;
  onChanged: (message: string) => void;
}) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const cancel = async () => {
    if (!window.confirm(`Cancel the invitation for ${invitation.email}?`)) return;
    setBusy(true);
    setError(null);
    try {
      await api.cancelInvitation(engagementId, invitation.id);
      onChanged(`Cancelled the invitation for ${invitation.email}.`);
    } catch (failure) {
      setError(failure);
    } finally {
      setBusy(false);
    }
  };
  return (
    <tr data-testid="invitation-row" data-email={invitation.email}>
      <td>{invitation.email}</td>
      <td><Chip value={invitation.role} tone={ROLE_TONE[invitation.role]} /></td>
      <td>
        <Chip value="pending" tone="warn" text="Pending until they log in" />
        <span class="field-help members-invited">
          Invited {formatDateTime(invitation.invitedAt)}{invitation.invitedBy ? ` by ${invitation.invitedBy.name || invitation.invitedBy.email}` : ''}
          {isAdmin && invitation.hasAccount !== undefined && (invitation.hasAccount ? '; has an account' : '; no account yet')}
        </span>
        {error ? <span class="field-error" role="alert">{messageOf(error)}</span> : null}
      </td>
      {(canManage || isAdmin) && (
        <td>
          <div class="members-actions">
            {isAdmin && invitation.hasAccount === false && <button type="button" class="button small" onClick={onCreateAccount}>Create account<span class="visually-hidden"> for {invitation.email}</span></button>}
            {canManage && <button type="button" class="button small" disabled={busy} onClick={() => void cancel()}>Cancel<span class="visually-hidden"> the invitation for {invitation.email}</span></button>}
          </div>
        </td>
      )}
    </tr>
  );
}

function InviteForm({ engagementId, members, onDone }: { engagementId: string; members: Member[]; onDone: (message: string) => void }) {
  const [email, setEmail] = useState('');
  const [role, setRole] = useState<Role>('viewer');
  const [emailError, setEmailError] = useState<string | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const emailInput = useRef<HTMLInputElement>(null);

  const submit = async (event: Event) => {
    event.preventDefault();
    const address = email.trim();
    setError(null);
    if (!/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(address)) {
      setEmailError('Enter the person’s email address, like name@example.com.');
      emailInput.current?.focus();
      return;
    }
    setEmailError(null);
    const member = members.find((candidate) => candidate.email.toLowerCase() === address.toLowerCase());
    setBusy(true);
    try {
      const result = await api.invite(engagementId, { email: address, role });
      const who = member?.name || address;
      onDone(
        result.outcome === 'invited' ? `Invited ${address} as ${article(role)}. The invitation is pending until they log in.`
          : result.outcome === 'invitation_updated' ? `${address} was already invited; the invitation is now for ${article(role)}.`
            : result.outcome === 'role_changed' ? `${who} is now ${article(role)}.`
              : `${who} was already ${article(role)}; nothing changed.`,
      );
      setEmail('');
    } catch (failure) {
      if (failure instanceof ApiFailure && failure.status === 400 && failure.problems.some((problem) => problem.path === 'email')) {
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
      <h3 id="members-add-title">Invite a person or change a role</h3>
      <p class="hint">Inviting a current member changes their role. Anyone else gets a pending invitation that turns into membership when they next log in with that address.</p>
      <label class="field">
        <span class="field-label">Email</span>
        <input
          ref={emailInput}
          type="email"
          name="email"
          autoComplete="off"
          value={email}
          required
          aria-invalid={emailError ? 'true' : undefined}
          aria-describedby={emailError ? 'members-email-error' : undefined}
          onInput={(event) => setEmail(event.currentTarget.value)}
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
      {error ? <ErrorNotice error={error} /> : null}
      <div class="actions">
        <button type="submit" class="button primary" disabled={busy}>{busy ? 'Saving…' : 'Invite'}</button>
      </div>
    </form>
  );
}

function CreateAccount({ email, onEmail, onCreated }: { email: string; onEmail: (email: string) => void; onCreated: (account: NewAccount) => void }) {
  const [name, setName] = useState('');
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);

  const submit = async (event: Event) => {
    event.preventDefault();
    const address = email.trim();
    const shown = name.trim() || address.split('@')[0] || address;
    setBusy(true);
    setError(null);
    try {
      const created = await api.createAccount({ email: address, name: shown });
      onCreated({ email: created.account.email, name: created.account.name, oneTimePassword: created.oneTimePassword });
      setName('');
    } catch (failure) {
      setError(failure);
    } finally {
      setBusy(false);
    }
  };

  return (
    <form class="panel members-add" onSubmit={submit} aria-labelledby="members-account-title" data-testid="create-account">
      <h3 id="members-account-title">Create an account</h3>
      <p class="hint">You are an administrator: only administrators create accounts. You get a one-time password to hand over; it is shown once. Invitations waiting for the address take effect when they log in.</p>
      <label class="field">
        <span class="field-label">Email</span>
        <input type="email" name="account-email" autoComplete="off" value={email} required onInput={(event) => onEmail(event.currentTarget.value)} />
      </label>
      <label class="field">
        <span class="field-label">Name <span class="optional">(optional)</span></span>
        <input name="account-name" value={name} maxLength={200} autoComplete="off" onInput={(event) => setName(event.currentTarget.value)} />
        <span class="field-help">How Landfall shows them. Defaults to the part of the address before the @.</span>
      </label>
      {error ? <ErrorNotice error={error} /> : null}
      <div class="actions">
        <button type="submit" class="button" disabled={busy || email.trim() === ''}>{busy ? 'Creating…' : 'Create account'}</button>
      </div>
    </form>
  );
}

function OneTimePassword({ account, onDone }: { account: NewAccount; onDone: () => void }) {
  const box = useRef<HTMLDivElement>(null);
  const code = useRef<HTMLElement>(null);
  const [copied, setCopied] = useState<string>('');
  const password = account.oneTimePassword;

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
      <h3 id="members-otp-title">One-time password for {account.email}</h3>
      <p>
        Landfall created an account for <strong>{account.name}</strong>. This password is shown <strong>only this once</strong>; copy it now.
      </p>
      <div class="members-otp-value">
        <code ref={code} data-testid="one-time-password">{password}</code>
        <button type="button" class="button primary small" onClick={() => void copy()}>Copy</button>
        <span class="members-otp-copied" role="status">{copied}</span>
      </div>
      <p class="members-otp-advice">
        Hand it over securely: in person, by phone, or through your organisation’s password manager, never in the same message as the login address. They log in with {account.email} and this password, and join the engagements they are invited to.
      </p>
      <div class="actions">
        <button type="button" class="button" onClick={onDone}>I have handed it over; hide it</button>
      </div>
    </div>
  );
}
