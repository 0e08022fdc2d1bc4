// Who may work on an engagement, and the engagement's life: administrators and accounts,
// memberships and invitations, archiving, restoring and deleting. Every change that could leave an
// engagement without an owner runs in one transaction that first locks the engagement's row, so
// two owners demoting each other at the same moment are ordered and the second is refused.
import { LandfallError } from '../core/errors.ts';
import { audit } from './audit-log.ts';
import type { Database, Queryable } from './database.ts';
import { KeptReads } from './kept-reads.ts';
import type { Role } from './workspace-store.ts';


export interface EngagementAccess {
  role: Role;
  archivedAt: string | null;
  revision: number;
}

export interface Member {
  userId: string;
  email: string;
  name: string;
  role: Role;
}

export interface Invitation {
  id: string;
  email: string;
  role: Role;
  invitedAt: string;
  invitedBy: { email: string; name: string } | null;
  /** Only for administrators: whether the address has an account yet. */
  hasAccount?: boolean;
}

export interface Account {
  id: string;
  email: string;
  name: string;
  isAdmin: boolean;
  createdAt: string;
}

export type InviteOutcome =
  | { outcome: 'invited' | 'invitation_updated'; invitation: Invitation }
  | { outcome: 'role_changed' | 'unchanged'; member: Member };

export const ARCHIVED_MESSAGE = 'This engagement is archived, so it is read-only. An owner can restore it.';

export class MembershipStore {
  /** Who may do what on which engagement, asked on every engagement request: kept until the next write (kept-reads.ts). */
  private readonly keptAccess: KeptReads<EngagementAccess | null>;

  constructor(private readonly db: Database) {
    this.keptAccess = new KeptReads(db.changes, 10_000);
  }

  /**
   * The caller's role on an engagement, whether it is archived, and its revision (moved on by every
   * change to it: audit-log.ts); null for a non-member.
   */
  async access(engagementId: string, userId: string): Promise<EngagementAccess | null> {
    const access = await this.keptAccess.get(`${engagementId} ${userId}`, () => this.readAccess(engagementId, userId));
    return access && { ...access };
  }

  private async readAccess(engagementId: string, userId: string): Promise<EngagementAccess | null> {
    const { rows } = await this.db.query<{ role: Role; archived_at: Date | null; revision: string | number }>(
      'select m.role, e.archived_at, e.revision from memberships m join engagements e on e.id = m.engagement_id where m.engagement_id = $1 and m.user_id = $2',
      [engagementId, userId],
    );
    const row = rows[0];
    return row ? { role: row.role, archivedAt: row.archived_at == null ? null : new Date(row.archived_at).toISOString(), revision: Number(row.revision) } : null;
  }

  async isAdmin(userId: string): Promise<boolean> {
    const { rows } = await this.db.query<{ is_admin: boolean }>('select is_admin from users where id = $1', [userId]);
    return rows[0]?.is_admin === true;
  }

  /** Creates an account; refuses an address that already has one. */
  async createAccount(actorId: string | null, account: { email: string; name: string; passwordHash: string; isAdmin: boolean }): Promise<Account> {
    return this.db.transaction(async (tx) => {
      const { rows } = await tx.query<{ id: string; email: string; name: string; is_admin: boolean; created_at: Date }>(
        // An account made for someone else carries a one-time password, changed at first login.
        'insert into users (email, name, password_hash, is_admin, must_change_password) values (lower($1), $2, $3, $4, true) on conflict (email) do nothing returning id, email, name, is_admin, created_at',
        [account.email, account.name, account.passwordHash, account.isAdmin],
      );
      const row = rows[0];
      if (!row) throw new LandfallError('account_exists', `There is already an account for ${account.email.toLowerCase()}.`);
      await audit(tx, { engagementId: null, userId: actorId, action: 'create_account', entity: 'user', entityId: row.id, before: null, after: { email: row.email, name: row.name, isAdmin: row.is_admin } });
      return { id: row.id, email: row.email, name: row.name, isAdmin: row.is_admin, createdAt: new Date(row.created_at).toISOString() };
    });
  }

  async accounts(): Promise<Account[]> {
    const { rows } = await this.db.query<{ id: string; email: string; name: string; is_admin: boolean; created_at: Date }>('select id, email, name, is_admin, created_at from users order by email');
    return rows.map((row) => ({ id: row.id, email: row.email, name: row.name, isAdmin: row.is_admin, createdAt: new Date(row.created_at).toISOString() }));
  }

  /** Members of an engagement with their roles, owners first. */
  async members(engagementId: string): Promise<Member[]> {
    const { rows } = await this.db.query<{ user_id: string; email: string; name: string; role: Role }>(
      "select m.user_id, u.email, u.name, m.role from memberships m join users u on u.id = m.user_id where m.engagement_id = $1 order by case m.role when 'owner' then 0 when 'editor' then 1 else 2 end, u.email",
      [engagementId],
    );
    return rows.map((row) => ({ userId: row.user_id, email: row.email, name: row.name, role: row.role }));
  }

  /**
   * Pending invitations, oldest first. Whether each address has an account is always looked up, so
   * the list costs the same either way, and only returned when `revealAccounts` (administrators).
   */
  invitations(engagementId: string, revealAccounts: boolean): Promise<Invitation[]> {
    return invitationsIn(this.db, engagementId, revealAccounts);
  }

  /**
   * Invites an address to an engagement in a role. A member's role is changed instead (members are
   * listed to every member, so this reveals nothing). For anyone else the address is invited
   * without looking at accounts at all, so the answer cannot tell whether it has one.
   */
  async invite(engagementId: string, actorId: string, email: string, role: Role): Promise<InviteOutcome> {
    return this.db.transaction(async (tx) => {
      await lockWritable(tx, engagementId);
      const member = (await tx.query<{ user_id: string }>('select m.user_id from memberships m join users u on u.id = m.user_id where m.engagement_id = $1 and u.email = lower($2)', [engagementId, email])).rows[0];
      if (member) return changeRole(tx, engagementId, actorId, member.user_id, role);
      const existing = (await tx.query<{ id: string; role: Role }>('select id, role from invitations where engagement_id = $1 and email = lower($2)', [engagementId, email])).rows[0];
      let id: string;
      if (existing) {
        await tx.query('update invitations set role = $2 where id = $1', [existing.id, role]);
        id = existing.id;
      } else {
        id = (await tx.query<{ id: string }>('insert into invitations (engagement_id, email, role, invited_by) values ($1, lower($2), $3, $4) returning id', [engagementId, email, role, actorId])).rows[0]!.id;
      }
      await audit(tx, { engagementId, userId: actorId, action: existing ? 'change_invitation' : 'invite', entity: 'invitation', entityId: id, before: existing ? { email: email.toLowerCase(), role: existing.role } : null, after: { email: email.toLowerCase(), role } });
      const invitation = (await invitationsIn(tx, engagementId, false)).find((candidate) => candidate.id === id)!;
      return { outcome: existing ? 'invitation_updated' : 'invited', invitation };
    });
  }

  /** Adds an account to an engagement directly, or changes its role (demo data and tests). */
  async setMember(engagementId: string, actorId: string, userId: string, role: Role): Promise<Member> {
    return this.db.transaction(async (tx) => {
      await lockWritable(tx, engagementId);
      const before = (await tx.query('select 1 from memberships where engagement_id = $1 and user_id = $2', [engagementId, userId])).rows[0];
      if (before) return (await changeRole(tx, engagementId, actorId, userId, role)).member;
      await tx.query('insert into memberships (engagement_id, user_id, role) values ($1, $2, $3)', [engagementId, userId, role]);
      await audit(tx, { engagementId, userId: actorId, action: 'add_member', entity: 'membership', entityId: userId, before: null, after: { role } });
      return (await memberIn(tx, engagementId, userId))!;
    });
  }

  /** Removes a member; the last owner stays. */
  async removeMember(engagementId: string, actorId: string, userId: string): Promise<void> {
    await this.db.transaction(async (tx) => {
      await lockWritable(tx, engagementId);
      const member = await memberIn(tx, engagementId, userId);
      if (!member) throw new LandfallError('not_found', 'No such member of this engagement.');
      if (member.role === 'owner') await refuseLastOwner(tx, engagementId, member, 'removed');
      await tx.query('delete from memberships where engagement_id = $1 and user_id = $2', [engagementId, userId]);
      await audit(tx, { engagementId, userId: actorId, action: 'remove_member', entity: 'membership', entityId: userId, before: { email: member.email, role: member.role }, after: null });
    });
  }

  async cancelInvitation(engagementId: string, actorId: string, invitationId: string): Promise<void> {
    await this.db.transaction(async (tx) => {
      await lockWritable(tx, engagementId);
      const { rows } = await tx.query<{ email: string; role: Role }>('delete from invitations where id = $1 and engagement_id = $2 returning email, role', [invitationId, engagementId]);
      if (!rows[0]) throw new LandfallError('not_found', 'No such invitation in this engagement.');
      await audit(tx, { engagementId, userId: actorId, action: 'cancel_invitation', entity: 'invitation', entityId: invitationId, before: rows[0], after: null });
    });
  }

  /** Turns the pending invitations for the user's address into memberships (at login). */
  async acceptInvitations(userId: string): Promise<number> {
    return this.db.transaction(async (tx) => {
      const { rows } = await tx.query<{ id: string; engagement_id: string; role: Role }>(
        'delete from invitations where email = (select email from users where id = $1) returning id, engagement_id, role',
        [userId],
      );
      for (const invitation of rows) {
        const added = await tx.query('insert into memberships (engagement_id, user_id, role) values ($1, $2, $3) on conflict (engagement_id, user_id) do nothing returning role', [invitation.engagement_id, userId, invitation.role]);
        if (added.rows.length === 0) continue;
        await audit(tx, { engagementId: invitation.engagement_id, userId, action: 'accept_invitation', entity: 'membership', entityId: userId, before: null, after: { role: invitation.role, invitation: invitation.id } });
      }
      return rows.length;
    });
  }

  async archive(engagementId: string, actorId: string): Promise<void> {
    await this.db.transaction(async (tx) => {
      await lockWritable(tx, engagementId);
      await tx.query('update engagements set archived_at = now(), archived_by = $2 where id = $1', [engagementId, actorId]);
      await audit(tx, { engagementId, userId: actorId, action: 'archive', entity: 'engagement', entityId: engagementId, before: { archived: false }, after: { archived: true } });
    });
  }

  async restore(engagementId: string, actorId: string): Promise<void> {
    await this.db.transaction(async (tx) => {
      const row = await lockEngagement(tx, engagementId);
      if (row.archived_at == null) throw new LandfallError('not_archived', 'This engagement is not archived.');
      await tx.query('update engagements set archived_at = null, archived_by = null where id = $1', [engagementId]);
      await audit(tx, { engagementId, userId: actorId, action: 'restore', entity: 'engagement', entityId: engagementId, before: { archived: true }, after: { archived: false } });
    });
  }

  /**
   * Deletes an archived engagement and everything in it, its own history included. The record of the
   * deletion is written without an engagement id, so the cascade that removes the engagement's audit
   * rows leaves it in place: who deleted what, when, and who had access.
   */
  async deleteEngagement(engagementId: string, actorId: string, confirmName: string): Promise<void> {
    await this.db.transaction(async (tx) => {
      const row = await lockEngagement(tx, engagementId);
      if (row.archived_at == null) throw new LandfallError('not_archived', 'Archive the engagement before deleting it.');
      if (confirmName !== row.name) throw new LandfallError('name_mismatch', 'The name does not match the engagement\'s name; nothing was deleted.');
      const members = (await tx.query<{ email: string; role: Role }>('select u.email, m.role from memberships m join users u on u.id = m.user_id where m.engagement_id = $1 order by u.email', [engagementId])).rows;
      await audit(tx, {
        engagementId: null, userId: actorId, action: 'delete', entity: 'engagement', entityId: engagementId,
        before: { name: row.name, client: row.client, version: row.version, archivedAt: new Date(row.archived_at).toISOString(), members }, after: null,
      });
      await tx.query('delete from engagements where id = $1', [engagementId]);
    });
  }
}

async function invitationsIn(q: Queryable, engagementId: string, revealAccounts: boolean): Promise<Invitation[]> {
  const { rows } = await q.query<{ id: string; email: string; role: Role; created_at: Date; by_email: string | null; by_name: string | null; has_account: boolean }>(
    `select i.id, i.email, i.role, i.created_at, u.email as by_email, u.name as by_name, exists (select 1 from users x where x.email = i.email) as has_account
       from invitations i left join users u on u.id = i.invited_by
      where i.engagement_id = $1 order by i.created_at, i.email`,
    [engagementId],
  );
  return rows.map((row) => ({
    id: row.id, email: row.email, role: row.role, invitedAt: new Date(row.created_at).toISOString(),
    invitedBy: row.by_email == null ? null : { email: row.by_email, name: row.by_name ?? '' },
    ...(revealAccounts ? { hasAccount: row.has_account } : {}),
  }));
}

async function lockEngagement(tx: Queryable, engagementId: string) {
  const { rows } = await tx.query<{ name: string; client: string | null; version: number; archived_at: Date | null }>('select name, client, version, archived_at from engagements where id = $1 for update', [engagementId]);
  const row = rows[0];
  if (!row) throw new LandfallError('not_found', 'No such engagement.');
  return row;
}

/** Locks the engagement's row for a change of who has access; an archived engagement refuses. */
async function lockWritable(tx: Queryable, engagementId: string): Promise<void> {
  const row = await lockEngagement(tx, engagementId);
  if (row.archived_at != null) throw new LandfallError('archived', ARCHIVED_MESSAGE);
}

async function memberIn(tx: Queryable, engagementId: string, userId: string): Promise<Member | null> {
  const { rows } = await tx.query<{ email: string; name: string; role: Role }>('select u.email, u.name, m.role from memberships m join users u on u.id = m.user_id where m.engagement_id = $1 and m.user_id = $2', [engagementId, userId]);
  const row = rows[0];
  return row ? { userId, email: row.email, name: row.name, role: row.role } : null;
}

/** Refuses to take away the only owner; the caller holds the engagement's row lock. */
async function refuseLastOwner(tx: Queryable, engagementId: string, member: Member, what: 'demoted' | 'removed'): Promise<void> {
  const { rows } = await tx.query<{ n: number }>("select count(*)::int as n from memberships where engagement_id = $1 and role = 'owner'", [engagementId]);
  if (rows[0]!.n > 1) return;
  throw new LandfallError('last_owner', `${member.name || member.email} is the only owner of this engagement and cannot be ${what}. Make someone else an owner first.`);
}

async function changeRole(tx: Queryable, engagementId: string, actorId: string, userId: string, role: Role): Promise<{ outcome: 'role_changed' | 'unchanged'; member: Member }> {
  const member = (await memberIn(tx, engagementId, userId))!;
  if (member.role === role) return { outcome: 'unchanged', member };
  if (member.role === 'owner') await refuseLastOwner(tx, engagementId, member, 'demoted');
  await tx.query('update memberships set role = $3 where engagement_id = $1 and user_id = $2', [engagementId, userId, role]);
  await audit(tx, { engagementId, userId: actorId, action: 'change_role', entity: 'membership', entityId: userId, before: { role: member.role }, after: { role } });
  return { outcome: 'role_changed', member: { ...member, role } };
}
