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
import { tx, useT } from '../i18n/i18n.ts';

const ROLES: readonly Role[] = ['owner', 'editor', 'viewer'];
const ROLE_TONE: Record<Role, string> = { owner: 'info', editor: 'good', viewer: 'neutral' };
const messageOf = (error: unknown) => (error instanceof Error ? error.message : String(error));

interface NewAccount {
  email: string;
  name: string;
  oneTimePassword: string;
}

export function MembersView() {
  const t = useT();
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
        <h2>{t('tab.members')}</h2>
        <p class="lede">{t('members.lede')}</p>
      </div>

      {!isOwner && (
        <p class="notice notice-info">
          {t('members.onlyOwners', { role: engagement.role })}
        </p>
      )}
      {isOwner && isArchived && <p class="notice notice-info">{t('members.archived')}</p>}

      {created && <OneTimePassword account={created} onDone={() => setCreated(null)} />}
      {notice && <p class="notice notice-good" role="status">{notice}</p>}

      <div class={canManage || isAdmin ? 'members-layout' : undefined}>
        <div>
          <section class="panel members-list" aria-labelledby="members-list-title">
            <h3 id="members-list-title">{members ? t('members.peopleCount', { count: members.length }) : t('members.people')}</h3>
            {state.error ? <ErrorNotice error={state.error} onRetry={state.reload} /> : null}
            {state.loading && !members ? <Loading what={t('members.loadingWhat')} /> : null}
            {members && members.length === 0 && <Empty title={t('members.none')} />}
            {members && members.length > 0 && (
              <div class="table-wrap">
                <table class="data members-table">
                  <caption class="visually-hidden">{t('members.caption')}</caption>
                  <thead>
                    <tr>
                      <th scope="col">{t('members.col.name')}</th>
                      <th scope="col">{t('login.email')}</th>
                      <th scope="col">{t('members.col.role')}</th>
                      {canManage && <th scope="col"><span class="visually-hidden">{t('members.col.actions')}</span></th>}
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
              <h3 id="members-invited-title">{t('members.invitedCount', { count: invitations.length })}</h3>
              <p class="hint">{t('members.invitedHint', { admin: isAdmin ? 'yes' : 'no' })}</p>
              <div class="table-wrap">
                <table class="data members-table">
                  <caption class="visually-hidden">{t('members.invitedCaption')}</caption>
                  <thead>
                    <tr>
                      <th scope="col">{t('login.email')}</th>
                      <th scope="col">{t('members.col.role')}</th>
                      <th scope="col">{t('gaps.col.status')}</th>
                      {(canManage || isAdmin) && <th scope="col"><span class="visually-hidden">{t('members.col.actions')}</span></th>}
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
  const t = useT();
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
    if (isSelf && member.role === 'owner' && !window.confirm(t('members.confirmSelfRole', { role }))) {
      setPending(null);
      return;
    }
    setPending(role);
    await run(async () => {
      await api.invite(engagementId, { email: member.email, role });
      onChanged(t('members.nowRole', { name, role }));
    });
  };

  const remove = async () => {
    const question = isSelf ? t('members.confirmRemoveSelf') : t('members.confirmRemove', { name });
    if (!window.confirm(question)) return;
    await run(async () => {
      await api.removeMember(engagementId, member.userId);
      onChanged(t('members.removed', { name }));
    });
  };

  return (
    <tr data-testid="member-row" data-email={member.email}>
      <td>
        {name}
        {isSelf && <span class="members-you"> {t('members.you')}</span>}
      </td>
      <td>
        <a href={`mailto:${member.email}`}>{member.email}</a>
      </td>
      <td>
        {canManage ? (
          <div class="members-role-cell">
            <label class="visually-hidden" for={selectId}>{t('members.roleOf', { name })}</label>
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
            {soleOwner && <span class="field-help" id={`${selectId}-help`}>{t('members.lastOwner')}</span>}
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
            title={soleOwner ? t('members.lastOwner') : undefined}
            aria-describedby={soleOwner ? `${selectId}-help` : undefined}
            onClick={() => void remove()}
          >
            {t('members.remove')}<span class="visually-hidden"> {name}</span>
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
  const t = useT();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const cancel = async () => {
    if (!window.confirm(t('members.confirmCancel', { email: invitation.email }))) return;
    setBusy(true);
    setError(null);
    try {
      await api.cancelInvitation(engagementId, invitation.id);
      onChanged(t('members.cancelled', { email: invitation.email }));
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
        <Chip value="pending" tone="warn" text={t('members.pending')} />
        <span class="field-help members-invited">
          {invitation.invitedBy ? t('members.invitedBy', { date: formatDateTime(invitation.invitedAt), by: invitation.invitedBy.name || invitation.invitedBy.email }) : t('members.invitedOn', { date: formatDateTime(invitation.invitedAt) })}
          {isAdmin && invitation.hasAccount !== undefined && (invitation.hasAccount ? t('members.hasAccount') : t('members.noAccount'))}
        </span>
        {error ? <span class="field-error" role="alert">{messageOf(error)}</span> : null}
      </td>
      {(canManage || isAdmin) && (
        <td>
          <div class="members-actions">
            {isAdmin && invitation.hasAccount === false && <button type="button" class="button small" onClick={onCreateAccount}>{t('members.createAccount')}<span class="visually-hidden"> {t('members.forEmail', { email: invitation.email })}</span></button>}
            {canManage && <button type="button" class="button small" disabled={busy} onClick={() => void cancel()}>{t('common.cancel')}<span class="visually-hidden"> {t('members.theInvitationFor', { email: invitation.email })}</span></button>}
          </div>
        </td>
      )}
    </tr>
  );
}

function InviteForm({ engagementId, members, onDone }: { engagementId: string; members: Member[]; onDone: (message: string) => void }) {
  const t = useT();
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
      setEmailError(t('members.error.email'));
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
        result.outcome === 'invited' ? t('members.outcome.invited', { email: address, role })
          : result.outcome === 'invitation_updated' ? t('members.outcome.updated', { email: address, role })
            : result.outcome === 'role_changed' ? t('members.nowRole', { name: who, role })
              : t('members.outcome.same', { name: who, role }),
      );
      setEmail('');
    } catch (failure) {
      if (failure instanceof ApiFailure && failure.status === 400 && failure.problems.some((problem) => problem.path === 'email')) {
        setEmailError(t('members.error.server'));
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
      <h3 id="members-add-title">{t('members.invite.title')}</h3>
      <p class="hint">{t('members.invite.hint')}</p>
      <label class="field">
        <span class="field-label">{t('login.email')}</span>
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
        <span class="field-label">{t('members.col.role')}</span>
        <select name="role" value={role} aria-describedby="members-role-help" onChange={(event) => setRole(event.currentTarget.value as Role)}>
          {ROLES.map((candidate) => (
            <option key={candidate} value={candidate}>{label(candidate)}</option>
          ))}
        </select>
        <span class="field-help" id="members-role-help">{t(`members.roleHelp.${role}`)}</span>
      </label>
      {error ? <ErrorNotice error={error} /> : null}
      <div class="actions">
        <button type="submit" class="button primary" disabled={busy}>{busy ? t('item.saving') : t('members.invite.submit')}</button>
      </div>
    </form>
  );
}

function CreateAccount({ email, onEmail, onCreated }: { email: string; onEmail: (email: string) => void; onCreated: (account: NewAccount) => void }) {
  const t = useT();
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
      <h3 id="members-account-title">{t('members.account.title')}</h3>
      <p class="hint">{t('members.account.hint')}</p>
      <label class="field">
        <span class="field-label">{t('login.email')}</span>
        <input type="email" name="account-email" autoComplete="off" value={email} required onInput={(event) => onEmail(event.currentTarget.value)} />
      </label>
      <label class="field">
        <span class="field-label">{t('members.col.name')} <span class="optional">{t('common.optional')}</span></span>
        <input name="account-name" value={name} maxLength={200} autoComplete="off" onInput={(event) => setName(event.currentTarget.value)} />
        <span class="field-help">{t('members.account.nameHelp')}</span>
      </label>
      {error ? <ErrorNotice error={error} /> : null}
      <div class="actions">
        <button type="submit" class="button" disabled={busy || email.trim() === ''}>{busy ? t('members.account.busy') : t('members.createAccount')}</button>
      </div>
    </form>
  );
}

function OneTimePassword({ account, onDone }: { account: NewAccount; onDone: () => void }) {
  const t = useT();
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
      setCopied(t('members.otp.copied'));
    } catch {
      select();
      setCopied(t('members.otp.selected'));
    }
  };

  return (
    <div class="notice members-otp" role="alert" tabIndex={-1} ref={box} aria-labelledby="members-otp-title">
      <h3 id="members-otp-title">{t('members.otp.title', { email: account.email })}</h3>
      <p>{tx('members.otp.created', { name: account.name, strong: (chunks) => <strong>{chunks}</strong> })}</p>
      <div class="members-otp-value">
        <code ref={code} data-testid="one-time-password">{password}</code>
        <button type="button" class="button primary small" onClick={() => void copy()}>{t('members.otp.copy')}</button>
        <span class="members-otp-copied" role="status">{copied}</span>
      </div>
      <p class="members-otp-advice">
        {t('members.otp.advice', { email: account.email })}
      </p>
      <div class="actions">
        <button type="button" class="button" onClick={onDone}>{t('members.otp.done')}</button>

      </div>
    </div>
  );
}
