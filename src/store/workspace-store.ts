// Engagements, immutable profile versions, pinned assessments and the kept annex, with the audit
// log. Every change is one transaction: an engagement is created whole or not at all, and a stale
// `version` is refused (optimistic concurrency) before anything is written.
import { EDITABLE_DATA_FIELDS, EDITABLE_FIELDS, draftData, mergeAnnex, type StoredAnnexItem } from '../core/annex/merge-annex.ts';
import type { AnnexItemDraft, DerivedAnnex, DocumentState } from '../core/annex/annex-types.ts';

/** What the application layer made of a profile for the store to keep: its assessment and the annex derived from it. */
export interface Derived {
  readonly assessment: Assessment;
  readonly annex: DerivedAnnex;
}
import { unconfirmedItems } from '../core/annex/annex-counts.ts';

export type AnnexFrame = Omit<DerivedAnnex, 'items'>;
import { assessNormalised } from '../core/assess/assess-profile.ts';
import { engineText } from '../i18n/messages.ts';
import { invalidProfile } from '../core/input-errors.ts';
import { LandfallError, isLandfallError } from '../core/errors.ts';
import type { Assessment } from '../core/assess/assessment-schema.ts';
import type { LawBook } from '../core/law/content-schema.ts';
import { normaliseProfile } from '../core/profile/normalise-profile.ts';
import { diffProfiles, type ProfileChange } from '../core/profile/diff-profiles.ts';
import type { DeterminationChange } from '../core/review/diff-assessments.ts';
import { changesTouching } from '../core/review/items-resting-on.ts';
import { audit, lockEngagementRow } from './audit-log.ts';
import type { Database, Queryable } from './database.ts';
import { BrandingStore } from './branding-store.ts';
import { FilingTemplateStore } from './filing-template-store.ts';
import { KeptReads } from './kept-reads.ts';
import { ARCHIVED_MESSAGE, MembershipStore } from './membership-store.ts';
import { IncidentStore } from './incident-store.ts';
import { CalendarFeedStore } from './calendar-feed-store.ts';
import { ANNEX_ITEM_DATA, ASSESSMENT, PROFILE, readAnnexItemData, readAssessment, readProfile } from './records/index.ts';

export const ROLES = ['owner', 'editor', 'viewer'] as const;
export type Role = (typeof ROLES)[number];

/** A write against a version someone else has moved on from: 409 stale_version. */
export class ConflictError extends LandfallError {
  override readonly name = 'ConflictError';
  constructor(readonly currentVersion: number) {
    super('stale_version', `Someone changed this first; the current version is ${currentVersion}. Reload and try again.`);
  }
}

/** Final asked for without confirming it: 409 confirm_final, the items still unconfirmed as problems. */
export class FinalNotConfirmedError extends LandfallError {
  override readonly name = 'FinalNotConfirmedError';
  constructor(readonly unconfirmed: StoredAnnexItem[]) {
    super('confirm_final', `${unconfirmed.length} ${unconfirmed.length === 1 ? 'item is' : 'items are'} still unconfirmed; confirm to mark the annex Final anyway.`, {
      problems: unconfirmed.map((item) => ({ path: `items.${item.id}`, message: `${item.title} (${item.status.replaceAll('_', ' ')})` })),
    });
  }
}

export interface EngagementRow {
  id: string;
  name: string;
  client: string | null;
  version: number;
  createdAt: string;
  updatedAt: string;
  /** When an owner archived it (read-only, left out of the default list); null when active. */
  archivedAt: string | null;
  /** The default output language of its documents (migration 0013). */
  language: EngagementLanguage;
}

export const ENGAGEMENT_LANGUAGES = ['en', 'zh-CN'] as const;
export type EngagementLanguage = (typeof ENGAGEMENT_LANGUAGES)[number];

/** What the engagement list shows of each engagement's latest assessment. */
export interface EngagementHeadline {
  organisation: string;
  asOf: string;
  transferRoute: string;
  cii: string;
  systems: number;
  highestMlps: number | null;
  needsLegalReview: boolean;
}

export type EngagementListRow = Omit<EngagementRow, 'language'> & { role: Role; headline: EngagementHeadline | null };

/** Where a page of the engagement list starts: after this row (its update time to the microsecond, and its id). */
export interface ListCursor {
  updatedAt: string;
  id: string;
}

export const LIST_LIMIT = { default: 50, max: 200 } as const;

/** The headline the engagement list shows, as stored with each assessment. */
export function headlineOf(assessment: Assessment): EngagementHeadline {
  const levels = assessment.systems.map((system) => system.mlps.level);
  return {
    organisation: assessment.profile.organisation,
    asOf: assessment.asOf,
    transferRoute: assessment.organisation.cbdt.mechanism,
    cii: assessment.organisation.cii.status,
    systems: assessment.systems.length,
    highestMlps: levels.length > 0 ? Math.max(...levels) : null,
    needsLegalReview: assessment.needsLegalReview,
  };
}

export interface HistoryEntry {
  id: number;
  action: string;
  entity: string;
  entityId: string | null;
  at: string;
  by: { email: string; name: string } | null;
  before: unknown;
  after: unknown;
  /** A profile save: what it changed against the version before, answer by answer. */
  profileChanges?: { changes: ProfileChange[]; total: number };
}

export interface ItemEdit {
  status?: string | undefined;
  title?: string | undefined;
  statement?: string | undefined;
  /** A role or a person's name; kept in the item's data and pinned against re-derivation. */
  owner?: string | undefined;
  /** An ISO date; kept in the item's data and pinned against re-derivation. */
  due?: string | undefined;
}

/** The annex item columns, named as StoredAnnexItem names them. */
const ITEM_COLUMNS = 'id, key, provenance, status, title, statement, data, edited_fields as "editedFields", superseded, version, record_version as "recordVersion"';

type ItemRow = StoredAnnexItem & { recordVersion: number };

/** An annex item row with its data read through the record layer (migrated to the current version, then parsed). */
function storedItem({ recordVersion, ...row }: ItemRow): StoredAnnexItem {
  return { ...row, data: readAnnexItemData(row.data, recordVersion, `annex_items ${row.id}: data`) };
}

export class WorkspaceStore {
  /** Administrators, memberships, invitations and the archived state. */
  readonly memberships: MembershipStore;
  /** The engagement's incidents and their event log. */
  readonly incidents: IncidentStore;
  /** The consultancy's name and logo on the deliverables. */
  readonly branding: BrandingStore;
  /** The consultancy's Word templates for the filing packs, by language. */
  readonly filingTemplates: FilingTemplateStore;
  /** The subscribable calendar feed tokens of each engagement. */
  readonly calendarFeeds: CalendarFeedStore;
  /** Pages of the engagement list, asked for on every visit to the workbench: kept until the next write (kept-reads.ts). */
  private readonly keptLists: KeptReads<{ rows: EngagementListRow[]; next: ListCursor | null }>;

  /** `book`: the law book the engagements are assessed with, read by the routes that derive documents from an assessment. */
  constructor(private readonly db: Database, readonly book: LawBook) {
    this.memberships = new MembershipStore(db);
    this.incidents = new IncidentStore(db);
    this.branding = new BrandingStore(db);
    this.filingTemplates = new FilingTemplateStore(db);
    this.calendarFeeds = new CalendarFeedStore(db);
    this.keptLists = new KeptReads(db.changes, 500);
  }

  /** The law book every assessment of this store is made with. */
  get lawBook(): LawBook {
    return this.book;
  }

  /**
   * The one assessment the store makes itself: an earlier release's stored assessment that no
   * migration can complete is assessed again (readOrReassess). Everything else is assessed by the
   * application layer (src/app), which hands the store what to keep.
   */
  private reassess(input: unknown, asOf: string): Assessment {
    const normalised = normaliseProfile(input, asOf);
    if (!normalised.ok) throw invalidProfile(normalised.problems);
    return assessNormalised(this.book, normalised.profile, normalised.defaultsUsed, asOf, engineText());
  }

  /** `oneTimePassword`: someone else chose the password, so it must be changed at first login. */
  async createUser(email: string, name: string, passwordHash: string, options: { isAdmin?: boolean; oneTimePassword?: boolean } = {}): Promise<string> {
    const { rows } = await this.db.query<{ id: string }>(
      'insert into users (email, name, password_hash, is_admin, must_change_password) values (lower($1), $2, $3, $4, $5) returning id',
      [email, name, passwordHash, options.isAdmin ?? false, options.oneTimePassword ?? false],
    );
    return rows[0]!.id;
  }

  async roleOf(engagementId: string, userId: string): Promise<Role | null> {
    const { rows } = await this.db.query<{ role: Role }>('select role from memberships where engagement_id = $1 and user_id = $2', [engagementId, userId]);
    return rows[0]?.role ?? null;
  }

  /** Keeps a new engagement: its first profile version, the assessment and annex src/app made of it, the creator its owner. */
  async insertEngagement(userId: string, name: string, input: unknown, sourceText: string | null, { assessment, annex }: Derived): Promise<string> {
    return this.db.transaction(async (tx) => {
      const { rows } = await tx.query<{ id: string }>('insert into engagements (name, client, created_by, headline) values ($1, $2, $3, $4) returning id', [name, assessment.profile.organisation, userId, JSON.stringify(headlineOf(assessment))]);
      const engagementId = rows[0]!.id;
      await tx.query('insert into memberships (engagement_id, user_id, role) values ($1, $2, $3)', [engagementId, userId, 'owner']);
      const assessmentId = await this.insertVersionAndAssessment(tx, engagementId, userId, 1, input, sourceText, assessment, annex);
      for (const draft of annex.items) await this.insertDerived(tx, engagementId, assessmentId, userId, draft);
      await audit(tx, { engagementId, userId, action: 'create', entity: 'engagement', entityId: engagementId, before: null, after: { name, profileVersion: 1 } });
      return engagementId;
    });
  }

  /** Keeps a new immutable profile version, its assessment, and the annex merged with people's edits. */
  async insertProfileVersion(engagementId: string, userId: string, input: unknown, sourceText: string | null, expectedVersion: number, { assessment, annex }: Derived): Promise<number> {
    return this.db.transaction(async (tx) => {
      const version = await this.lockVersion(tx, engagementId, expectedVersion);
      const { rows } = await tx.query<{ next: number }>('select coalesce(max(number), 0) + 1 as next from profile_versions where engagement_id = $1', [engagementId]);
      const number = Number(rows[0]!.next);
      const assessmentId = await this.insertVersionAndAssessment(tx, engagementId, userId, number, input, sourceText, assessment, annex);
      await this.mergeDerived(tx, engagementId, assessmentId, userId, annex.items);
      await tx.query('update engagements set version = version + 1, headline = $2, updated_at = now() where id = $1', [engagementId, JSON.stringify(headlineOf(assessment))]);
      await audit(tx, { engagementId, userId, action: 'update_profile', entity: 'engagement', entityId: engagementId, before: { version }, after: { version: version + 1, profileVersion: number } });
      return version + 1;
    });
  }

  /** The annex frame of the newest assessment: title, framing, diagrams and confidence. */
  async annexFrame(engagementId: string): Promise<AnnexFrame> {
    const { rows } = await this.db.query<{ annex: AnnexFrame }>(
      'select a.annex from assessments a join profile_versions p on p.id = a.profile_version_id where a.engagement_id = $1 order by p.number desc, a.created_at desc limit 1',
      [engagementId],
    );
    const frame = rows[0]?.annex;
    if (!frame) throw new LandfallError('not_found', 'no assessment in this engagement');
    return frame;
  }

  /** A person's edit of one item: the fields edited are pinned against later re-derivation. */
  async editItem(engagementId: string, itemId: string, userId: string, edit: ItemEdit, expectedVersion: number): Promise<StoredAnnexItem> {
    return this.db.transaction(async (tx) => {
      if (!(await lockEngagementRow(tx, engagementId))) throw new LandfallError('not_found', 'no such engagement');
      const { rows } = await tx.query<ItemRow>(`select ${ITEM_COLUMNS} from annex_items where id = $1 and engagement_id = $2 for update`, [itemId, engagementId]);
      const row = rows[0] && storedItem(rows[0]);
      if (!row) throw new LandfallError('not_found', 'no such annex item in this engagement');
      if (row.version !== expectedVersion) throw new ConflictError(row.version);
      const edited = new Set(row.editedFields);
      const next = { status: row.status, title: row.title, statement: row.statement };
      for (const field of EDITABLE_FIELDS) {
        const value = edit[field];
        if (value != null && value !== row[field]) {
          next[field] = value;
          edited.add(field);
        }
      }
      const data = { ...row.data };
      for (const field of EDITABLE_DATA_FIELDS) {
        const value = edit[field];
        if (value != null && value !== data[field]) {
          data[field] = value;
          edited.add(field);
        }
      }
      // A person has looked at the item: a re-review mark from an accepted review is cleared.
      delete data.reReview;
      const updated = await tx.query<ItemRow>(
        `update annex_items set status = $2, title = $3, statement = $4, edited_fields = $5, data = $6, record_version = $8, version = version + 1, updated_by = $7, updated_at = now() where id = $1 returning ${ITEM_COLUMNS}`,
        [itemId, next.status, next.title, next.statement, [...edited], JSON.stringify(data), userId, ANNEX_ITEM_DATA.currentVersion],
      );
      const after = storedItem(updated.rows[0]!);
      await audit(tx, { engagementId, userId, action: 'edit', entity: 'annex_item', entityId: itemId, before: row, after });
      return after;
    });
  }

  /** An item a person adds; re-assessment never changes or supersedes it. */
  async addItem(engagementId: string, userId: string, item: { section: string; category: string | null; status: string; title: string; statement: string; basis?: string | undefined; owner?: string | undefined; due?: string | undefined }): Promise<StoredAnnexItem> {
    return this.db.transaction(async (tx) => {
      if (!(await lockEngagementRow(tx, engagementId))) throw new LandfallError('not_found', 'no such engagement');
      const { rows } = await tx.query<ItemRow>(
        `insert into annex_items (engagement_id, key, section, provenance, status, title, statement, data, updated_by, record_version) values ($1, 'person.' || gen_random_uuid(), $2, 'person', $3, $4, $5, $6, $7, $8) returning ${ITEM_COLUMNS}`,
        [engagementId, item.section, item.status, item.title, item.statement, JSON.stringify({ section: item.section, category: item.category, system: null, systems: [], implication: null, basis: [], basisText: item.basis ?? null, owner: item.owner ?? null, due: item.due ?? null, needsLegalReview: false }), userId, ANNEX_ITEM_DATA.currentVersion],
      );
      const added = storedItem(rows[0]!);
      await audit(tx, { engagementId, userId, action: 'add', entity: 'annex_item', entityId: added.id, before: null, after: added });
      return added;
    });
  }

  /** The annex's document state: Draft until an editor sets it. */
  async annexState(engagementId: string): Promise<DocumentState> {
    const { rows } = await this.db.query<{ annex_state: DocumentState }>('select annex_state from engagements where id = $1', [engagementId]);
    if (!rows[0]) throw new LandfallError('not_found', 'no such engagement');
    return rows[0].annex_state;
  }

  /**
   * An editor sets the annex's document state. Final needs `confirmFinal`, given once the person
   * has seen what is still unconfirmed; the change is in the audit log with that list.
   */
  async setAnnexState(engagementId: string, userId: string, state: DocumentState, confirmFinal: boolean): Promise<{ state: DocumentState; unconfirmed: StoredAnnexItem[] }> {
    return this.db.transaction(async (tx) => {
      const { rows } = await tx.query<{ annex_state: DocumentState; archived_at: Date | null }>('select annex_state, archived_at from engagements where id = $1 for update', [engagementId]);
      const row = rows[0];
      if (!row) throw new LandfallError('not_found', 'no such engagement');
      if (row.archived_at != null) throw new LandfallError('archived', ARCHIVED_MESSAGE);
      const items = (await tx.query<ItemRow>(`select ${ITEM_COLUMNS} from annex_items where engagement_id = $1 order by key`, [engagementId])).rows.map(storedItem);
      const unconfirmed = unconfirmedItems(items);
      if (state === 'Final' && !confirmFinal) throw new FinalNotConfirmedError(unconfirmed);
      if (row.annex_state !== state) {
        await tx.query('update engagements set annex_state = $2, updated_at = now() where id = $1', [engagementId, state]);
        await audit(tx, {
          engagementId, userId, action: 'set_state', entity: 'annex', entityId: engagementId,
          before: { documentState: row.annex_state }, after: { documentState: state, ...(state === 'Final' ? { unconfirmed: unconfirmed.map((item) => item.title) } : {}) },
        });
      }
      return { state, unconfirmed };
    });
  }

  async annexItems(engagementId: string): Promise<StoredAnnexItem[]> {
    const { rows } = await this.db.query<ItemRow>(`select ${ITEM_COLUMNS} from annex_items where engagement_id = $1 order by superseded, key`, [engagementId]);
    return rows.map(storedItem);
  }

  async engagement(engagementId: string): Promise<EngagementRow> {
    const { rows } = await this.db.query<{ id: string; name: string; client: string | null; version: number; created_at: Date; updated_at: Date; archived_at: Date | null; language: EngagementLanguage }>('select * from engagements where id = $1', [engagementId]);
    const row = rows[0];
    if (!row) throw new LandfallError('not_found', 'no such engagement');
    return {
      id: row.id, name: row.name, client: row.client, version: row.version, createdAt: new Date(row.created_at).toISOString(), updatedAt: new Date(row.updated_at).toISOString(),
      archivedAt: row.archived_at == null ? null : new Date(row.archived_at).toISOString(), language: row.language,
    };
  }

  /** An editor sets the engagement's default output language; a change is in the audit log. */
  async setLanguage(engagementId: string, userId: string, language: EngagementLanguage): Promise<void> {
    await this.db.transaction(async (tx) => {
      const { rows } = await tx.query<{ language: EngagementLanguage; archived_at: Date | null }>('select language, archived_at from engagements where id = $1 for update', [engagementId]);
      const row = rows[0];
      if (!row) throw new LandfallError('not_found', 'no such engagement');
      if (row.archived_at != null) throw new LandfallError('archived', ARCHIVED_MESSAGE);
      if (row.language === language) return;
      await tx.query('update engagements set language = $2, updated_at = now() where id = $1', [engagementId, language]);
      await audit(tx, { engagementId, userId, action: 'set_language', entity: 'engagement', entityId: engagementId, before: { language: row.language }, after: { language } });
    });
  }

  /**
   * One page of the caller's engagements, newest first (by last update, then id), each with the
   * headline of its latest assessment; active ones unless `archived`. `after` is the cursor of the
   * previous page's last row: a page is a range of the (archived, updated_at, id) index, so it costs
   * the same at any depth, and engagements created while someone pages land before the first page
   * rather than shifting the pages after it.
   */
  async listEngagements(userId: string, options: { archived?: boolean; limit?: number; after?: ListCursor | null } = {}): Promise<{ rows: EngagementListRow[]; next: ListCursor | null }> {
    const limit = options.limit ?? LIST_LIMIT.default;
    const after = options.after ?? null;
    const archived = options.archived ?? false;
    const page = await this.keptLists.get(JSON.stringify([userId, archived, limit, after?.updatedAt ?? null, after?.id ?? null]), () => this.readEngagementList(userId, archived, limit, after));
    return { rows: page.rows.map((row) => ({ ...row })), next: page.next };
  }

  private async readEngagementList(userId: string, archived: boolean, limit: number, after: ListCursor | null): Promise<{ rows: EngagementListRow[]; next: ListCursor | null }> {
    const { rows } = await this.db.query<{ id: string; name: string; client: string | null; version: number; created_at: Date; updated_at: Date; archived_at: Date | null; role: Role; headline: EngagementHeadline | null; position: string }>(
      `select e.id, e.name, e.client, e.version, e.created_at, e.updated_at, e.archived_at, e.headline, m.role,
              to_char(e.updated_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') as position
         from engagements e
         join memberships m on m.engagement_id = e.id and m.user_id = $1
        where (e.archived_at is not null) = $2
          and ($3::timestamptz is null or (e.updated_at, e.id) < ($3::timestamptz, $4::uuid))
        order by (e.archived_at is not null), e.updated_at desc, e.id desc
        limit $5`,
      [userId, archived, after?.updatedAt ?? null, after?.id ?? null, limit + 1],
    );
    const page = rows.slice(0, limit);
    const last = page.at(-1);
    return {
      rows: page.map((row) => ({
        id: row.id, name: row.name, client: row.client, version: row.version, createdAt: new Date(row.created_at).toISOString(), updatedAt: new Date(row.updated_at).toISOString(),
        archivedAt: row.archived_at == null ? null : new Date(row.archived_at).toISOString(), role: row.role, headline: row.headline,
      })),
      next: rows.length > limit && last ? { updatedAt: last.position, id: last.id } : null,
    };
  }

  /** The newest profile version and its assessment. */
  async latest(engagementId: string): Promise<{ profileVersion: number; profile: unknown; assessment: Assessment }> {
    const { rows } = await this.db.query<{ number: number; profile: unknown; profile_record: number; assessment_id: string; result: unknown; result_record: number }>(
      `select p.number, p.profile, p.record_version as profile_record, a.id as assessment_id, a.result, a.record_version as result_record
         from profile_versions p join assessments a on a.profile_version_id = p.id where p.engagement_id = $1 order by p.number desc, a.created_at desc limit 1`,
      [engagementId],
    );
    const row = rows[0];
    if (!row) throw new LandfallError('not_found', 'no profile in this engagement');
    const profile = readProfile(row.profile, row.profile_record, `profile_versions ${engagementId}#${row.number}: profile`);
    return { profileVersion: row.number, profile, assessment: this.readOrReassess(row.result, row.result_record, `assessments ${row.assessment_id}: result`, profile) };
  }

  /**
   * A stored assessment, or, when it was stored before the assessment had every section it has now
   * (an earlier release's record that no migration can complete: the missing sections are legal
   * findings, not defaults), the same profile assessed again on the same date with today's content.
   * A record of a newer release is still refused: this one cannot know what it holds.
   */
  private readOrReassess(stored: unknown, version: number, where: string, profile: unknown): Assessment {
    try {
      return readAssessment(stored, version, where);
    } catch (error) {
      if (!isLandfallError(error, 'invalid_record')) throw error;
      const asOf = stored != null && typeof stored === 'object' && typeof (stored as { asOf?: unknown }).asOf === 'string' ? (stored as { asOf: string }).asOf : null;
      if (asOf == null) throw error;
      return this.reassess(profile, asOf);
    }
  }

  /** Adds an existing account as a member or changes its role (demo data and tests; people invite). */
  async setMember(engagementId: string, actorId: string, email: string, role: Role): Promise<{ userId: string; role: Role }> {
    const user = (await this.db.query<{ id: string }>('select id from users where email = lower($1)', [email])).rows[0];
    if (!user) throw new LandfallError('not_found', `no account for ${email}`);
    const member = await this.memberships.setMember(engagementId, actorId, user.id, role);
    return { userId: member.userId, role: member.role };
  }

  /**
   * The audit log of an engagement, newest first, with who made each change; `entityId` narrows it
   * to one item. Entries keep their before and after values so a reader can see what changed.
   */
  async history(engagementId: string, options: { entityId?: string | undefined; limit?: number } = {}): Promise<HistoryEntry[]> {
    const { rows } = await this.db.query<{ id: string; action: string; entity: string; entity_id: string | null; before: unknown; after: unknown; at: Date; email: string | null; name: string | null }>(
      `select a.id, a.action, a.entity, a.entity_id, a.before, a.after, a.at, u.email, u.name
         from audit_log a left join users u on u.id = a.user_id
        where a.engagement_id = $1 and ($2::text is null or a.entity_id = $2)
        order by a.id desc limit $3`,
      [engagementId, options.entityId ?? null, options.limit ?? 500],
    );
    const entries: HistoryEntry[] = rows.map((row) => ({
      id: Number(row.id), action: row.action, entity: row.entity, entityId: row.entity_id, at: new Date(row.at).toISOString(),
      by: row.email == null ? null : { email: row.email, name: row.name ?? '' }, before: row.before ?? null, after: row.after ?? null,
    }));
    // A profile save shows what it changed: the stored version against the one before it.
    const savedVersion = (entry: HistoryEntry) => {
      const after = entry.after as { profileVersion?: unknown } | null;
      return entry.action === 'update_profile' && typeof after?.profileVersion === 'number' && after.profileVersion > 1 ? after.profileVersion : null;
    };
    const numbers = [...new Set(entries.map(savedVersion).filter((number): number is number => number !== null).flatMap((number) => [number, number - 1]))];
    if (numbers.length === 0) return entries;
    const versions = await this.db.query<{ number: number; profile: unknown; record_version: number }>('select number, profile, record_version from profile_versions where engagement_id = $1 and number = any($2::int[])', [engagementId, numbers]);
    const profiles = new Map(versions.rows.map((row) => [Number(row.number), readProfile(row.profile, row.record_version, `profile_versions ${engagementId}#${row.number}: profile`)]));
    for (const entry of entries) {
      const number = savedVersion(entry);
      if (number !== null && profiles.has(number) && profiles.has(number - 1)) entry.profileChanges = diffProfiles(profiles.get(number - 1), profiles.get(number));
    }
    return entries;
  }

  async auditTrail(engagementId: string): Promise<Array<{ action: string; entity: string; entityId: string | null; userId: string | null }>> {
    const { rows } = await this.db.query<{ action: string; entity: string; entity_id: string | null; user_id: string | null }>('select action, entity, entity_id, user_id from audit_log where engagement_id = $1 order by id', [engagementId]);
    return rows.map((row) => ({ action: row.action, entity: row.entity, entityId: row.entity_id, userId: row.user_id }));
  }

  /** Applies a re-derived annex: new items inserted, derived ones updated (people's edits kept), stale ones superseded. */
  private async mergeDerived(tx: Queryable, engagementId: string, assessmentId: string, userId: string, derived: readonly AnnexItemDraft[]): Promise<void> {
    const existing = (await tx.query<ItemRow>(`select ${ITEM_COLUMNS} from annex_items where engagement_id = $1`, [engagementId])).rows.map(storedItem);
    const changes = mergeAnnex(existing, derived);
    for (const draft of changes.insert) await this.insertDerived(tx, engagementId, assessmentId, userId, draft);
    for (const update of changes.update) {
      await tx.query(
        'update annex_items set status = $2, title = $3, statement = $4, data = $5, record_version = $8, superseded = false, assessment_id = $6, version = version + 1, updated_by = $7, updated_at = now() where id = $1',
        [update.id, update.after.status, update.after.title, update.after.statement, JSON.stringify(update.after.data), assessmentId, userId, ANNEX_ITEM_DATA.currentVersion],
      );
      await audit(tx, { engagementId, userId, action: 'rederive', entity: 'annex_item', entityId: update.id, before: update.before, after: update.after });
    }
    for (const stale of changes.supersede) {
      await tx.query('update annex_items set superseded = true, version = version + 1, updated_by = $2, updated_at = now() where id = $1', [stale.id, userId]);
      await audit(tx, { engagementId, userId, action: 'supersede', entity: 'annex_item', entityId: stale.id, before: stale, after: { ...stale, superseded: true } });
    }
  }

  /**
   * Accepting a regulatory-change review: the newest profile re-assessed on `review.asOf` with the
   * current content (a new assessment of the same profile version), the annex re-derived and merged
   * (people's edits kept), and every item resting on a changed determination marked for re-review
   * with the changes attached; the mark stays until a person edits the item.
   */
  async recordAcceptedReview(engagementId: string, userId: string, review: { runId: string; asOf: string; changes: readonly DeterminationChange[] }, { assessment, annex }: Derived): Promise<{ version: number; marked: number; acceptedAt: string }> {
    return this.db.transaction(async (tx) => {
      const { rows } = await tx.query<{ version: number; archived_at: Date | null }>('select version, archived_at from engagements where id = $1 for update', [engagementId]);
      const engagement = rows[0];
      if (!engagement) throw new LandfallError('not_found', 'no such engagement');
      if (engagement.archived_at != null) throw new LandfallError('archived', ARCHIVED_MESSAGE);
      // The review's row is marked in the same transaction, once: a second accept finds it taken.
      const accepted = await tx.query<{ accepted_at: Date }>(
        "update review_results set accepted_at = now(), accepted_by = $3 where run_id = $1 and engagement_id = $2 and state = 'done' and accepted_at is null returning accepted_at",
        [review.runId, engagementId, userId],
      );
      if (!accepted.rows[0]) throw new ConflictError(engagement.version);
      const profileVersion = (await tx.query<{ id: string }>('select id from profile_versions where engagement_id = $1 order by number desc limit 1', [engagementId])).rows[0]!;
      const assessmentId = await this.insertAssessment(tx, engagementId, profileVersion.id, userId, assessment, annex);
      await this.mergeDerived(tx, engagementId, assessmentId, userId, annex.items);
      const live = (await tx.query<ItemRow>(`select ${ITEM_COLUMNS} from annex_items where engagement_id = $1 and provenance = 'derived' and not superseded`, [engagementId])).rows.map(storedItem);
      let marked = 0;
      const at = new Date().toISOString();
      for (const item of live) {
        const touching = changesTouching(item, review.changes);
        if (touching.length === 0) continue;
        const mark = { runId: review.runId, at, changes: touching.map(({ path, kind, impact, meaning }) => ({ path, kind, impact, meaning })) };
        await tx.query('update annex_items set data = $2, record_version = $4, version = version + 1, updated_by = $3, updated_at = now() where id = $1', [item.id, JSON.stringify({ ...item.data, reReview: mark }), userId, ANNEX_ITEM_DATA.currentVersion]);
        await audit(tx, { engagementId, userId, action: 're_review', entity: 'annex_item', entityId: item.id, before: null, after: mark });
        marked += 1;
      }
      await tx.query('update engagements set version = version + 1, revision = revision + 1, headline = $2, updated_at = now() where id = $1', [engagementId, JSON.stringify(headlineOf(assessment))]);
      await audit(tx, { engagementId, userId, action: 'accept_review', entity: 'engagement', entityId: engagementId, before: { version: engagement.version }, after: { version: engagement.version + 1, runId: review.runId, asOf: review.asOf, marked } });
      return { version: engagement.version + 1, marked, acceptedAt: new Date(accepted.rows[0].accepted_at).toISOString() };
    });
  }

  private async lockVersion(tx: Queryable, engagementId: string, expectedVersion: number): Promise<number> {
    const { rows } = await tx.query<{ version: number; archived_at: Date | null }>('select version, archived_at from engagements where id = $1 for update', [engagementId]);
    const row = rows[0];
    if (!row) throw new LandfallError('not_found', 'no such engagement');
    if (row.archived_at != null) throw new LandfallError('archived', ARCHIVED_MESSAGE);
    if (row.version !== expectedVersion) throw new ConflictError(row.version);
    return row.version;
  }

  private async insertVersionAndAssessment(tx: Queryable, engagementId: string, userId: string, number: number, input: unknown, sourceText: string | null, assessment: Assessment, annex: DerivedAnnex): Promise<string> {
    const version = await tx.query<{ id: string }>('insert into profile_versions (engagement_id, number, profile, source_text, created_by, record_version) values ($1, $2, $3, $4, $5, $6) returning id', [engagementId, number, JSON.stringify(input), sourceText, userId, PROFILE.currentVersion]);
    return this.insertAssessment(tx, engagementId, version.rows[0]!.id, userId, assessment, annex);
  }

  private async insertAssessment(tx: Queryable, engagementId: string, profileVersionId: string, userId: string, assessment: Assessment, annex: DerivedAnnex): Promise<string> {
    const { items: _items, ...frame } = annex;
    const stored = await tx.query<{ id: string }>(
      'insert into assessments (engagement_id, profile_version_id, as_of, content_version, engine_version, result, annex, created_by, record_version) values ($1, $2, $3, $4, $5, $6, $7, $8, $9) returning id',
      [engagementId, profileVersionId, assessment.asOf, assessment.contentVersion, assessment.engineVersion, JSON.stringify(assessment), JSON.stringify(frame), userId, ASSESSMENT.currentVersion],
    );
    return stored.rows[0]!.id;
  }

  private async insertDerived(tx: Queryable, engagementId: string, assessmentId: string, userId: string, draft: AnnexItemDraft): Promise<void> {
    await tx.query(
      'insert into annex_items (engagement_id, key, section, provenance, status, title, statement, data, assessment_id, updated_by, record_version) values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)',
      [engagementId, draft.key, draft.section, 'derived', draft.status, draft.title, draft.statement, JSON.stringify(draftData(draft)), assessmentId, userId, ANNEX_ITEM_DATA.currentVersion],
    );
  }
}
