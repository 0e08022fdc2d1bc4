// Request and response schemas of the API (CONTRACT §4). The OpenAPI document is generated from
// these, and the handlers validate against them, so the two cannot drift apart.
import { z } from '@hono/zod-openapi';
import { PASSWORD_LENGTH, TOKEN_MAX_DAYS } from '../store/account-rules.ts';
import { LOGO_MAX_BYTES } from '../render/logo.ts';
import { ANNEX_SECTIONS, DOCUMENT_STATES, ITEM_STATUSES } from '../core/annex/annex-types.ts';
import { ENGAGEMENT_LANGUAGES } from '../store/workspace-store.ts';
import { assessmentSchema } from '../core/assess/assessment-schema.ts';
import { profileGapsSchema } from '../core/controls/gap-report-schema.ts';

export const problemSchema = z.object({ path: z.string(), message: z.string() });
export const errorSchema = z
  .object({ error: z.object({ code: z.string(), message: z.string(), problems: z.array(problemSchema).optional() }) })
  .openapi('Error');

export const isoDateParam = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'expected a date as YYYY-MM-DD');

export const loginSchema = z.object({ email: z.string().email().max(320), password: z.string().min(1).max(1024) }).openapi('Login');
export const userSchema = z.object({
  id: z.string(),
  email: z.string(),
  name: z.string(),
  isAdmin: z.boolean().describe('Administrators create accounts.'),
  passwordChangeRequired: z.boolean().describe('The account has a one-time password; until it is changed every route but GET/DELETE /api/session and POST /api/session/password answers 403 password_change_required.'),
});
const sessionUserSchema = userSchema;
export const sessionSchema = z
  .object({ user: sessionUserSchema, csrfToken: z.string().describe('Send as X-CSRF-Token on every cookie-authenticated write.') })
  .openapi('Session');

export const passwordChangeSchema = z
  .object({
    currentPassword: z.string().min(1).max(PASSWORD_LENGTH.max),
    newPassword: z.string().min(PASSWORD_LENGTH.min, `use at least ${PASSWORD_LENGTH.min} characters`).max(PASSWORD_LENGTH.max),
  })
  .openapi('PasswordChange');
export const passwordChangedSchema = z
  .object({
    sessionsEnded: z.number().int().describe('Other sessions of the account, now logged out; the session that made the change stays.'),
    tokensKept: z.number().int().describe('Live API tokens, which a password change does not revoke (revoke them with DELETE /api/tokens/{tokenId}).'),
  })
  .openapi('PasswordChanged');

export const tokenRequestSchema = z
  .object({
    name: z.string().min(1).max(100),
    expiresInDays: z.number().int().min(1).max(TOKEN_MAX_DAYS).optional().describe(`The token stops working this many days from now (1 to ${TOKEN_MAX_DAYS}).`),
    expiresOn: isoDateParam.optional().describe(`The token stops working at 00:00 UTC on this date, tomorrow at the earliest and at most ${TOKEN_MAX_DAYS} days ahead.`),
  })
  .refine((request) => request.expiresInDays == null || request.expiresOn == null, { message: 'give expiresInDays or expiresOn, not both', path: ['expiresOn'] })
  .openapi('TokenRequest');
export const tokenInfoSchema = z
  .object({
    id: z.string(),
    name: z.string(),
    createdAt: z.string(),
    lastUsedAt: z.string().nullable(),
    expiresAt: z.string().nullable().describe('Null: the token does not expire.'),
    revokedAt: z.string().nullable(),
  })
  .openapi('TokenInfo');
export const tokenSchema = tokenInfoSchema.extend({ token: z.string().describe('Shown once; store it now.') }).openapi('Token');
export const tokenListSchema = z.object({ tokens: z.array(tokenInfoSchema) }).openapi('Tokens');
export const tokenParam = z.object({ tokenId: z.string().uuid() });

const profileInput = z.union([z.record(z.string(), z.unknown()), z.string().max(512 * 1024)]).describe('The entry profile as an object, or as YAML or JSON text.');
export const createEngagementSchema = z.object({ name: z.string().min(1).max(200), profile: profileInput }).openapi('CreateEngagement');
export const updateProfileSchema = z.object({ profile: profileInput, version: z.number().int().positive() }).openapi('UpdateProfile');

export const ROLE_VALUES = ['owner', 'editor', 'viewer'] as const;
export const engagementSummarySchema = z
  .object({
    id: z.string(),
    name: z.string(),
    client: z.string().nullable(),
    role: z.enum(ROLE_VALUES),
    version: z.number().int(),
    updatedAt: z.string(),
    archivedAt: z.string().nullable().describe('When an owner archived it: read-only until restored. Null when active.'),
    headline: z
      .object({ organisation: z.string(), asOf: z.string(), transferRoute: z.string(), cii: z.string(), systems: z.number().int(), highestMlps: z.number().int().nullable(), needsLegalReview: z.boolean() })
      .nullable()
      .describe('From the latest assessment.'),
  })
  .openapi('EngagementSummary');
export const engagementSchema = engagementSummarySchema
  .omit({ headline: true })
  .extend({
    profileVersion: z.number().int(),
    language: z.enum(ENGAGEMENT_LANGUAGES).describe('The default language of its filing packs; a download may ask for another.'),
    profile: z.unknown(),
    assessment: z.object({ asOf: z.string(), contentVersion: z.string(), engineVersion: z.string(), headline: z.record(z.string(), z.unknown()) }),
  })
  .openapi('Engagement');

export const annexItemSchema = z
  .object({
    id: z.string(),
    key: z.string(),
    provenance: z.enum(['derived', 'person']),
    status: z.string(),
    title: z.string(),
    statement: z.string(),
    data: z.record(z.string(), z.unknown()),
    editedFields: z.array(z.string()),
    superseded: z.boolean(),
    version: z.number().int(),
  })
  .openapi('AnnexItem');
export const editItemSchema = z
  .object({
    status: z.enum(ITEM_STATUSES).optional(),
    title: z.string().min(1).max(300).optional(),
    text: z.string().min(1).max(20_000).optional().describe('The statement.'),
    owner: z.string().min(1).max(200).optional().describe('Who answers or acts: a role or a name.'),
    due: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'expected a date as YYYY-MM-DD').optional().describe('The due date.'),
    version: z.number().int().positive(),
  })
  .openapi('EditItem');
export const annexStateSchema = z
  .object({
    state: z.enum(DOCUMENT_STATES),
    confirm: z.boolean().optional().describe('Required for Final: the person has seen the items still unconfirmed.'),
  })
  .openapi('AnnexState');
export const annexStateResultSchema = z
  .object({
    documentState: z.enum(DOCUMENT_STATES),
    unconfirmed: z.array(z.object({ id: z.string(), title: z.string(), status: z.string(), section: z.string() })),
  })
  .openapi('AnnexStateResult');
export const addItemSchema = z
  .object({
    section: z.enum(ANNEX_SECTIONS),
    category: z.enum(['data_sovereignty', 'infrastructure', 'integration', 'compliance', 'operations']).optional().describe('Register items only.'),
    status: z.enum(ITEM_STATUSES).default('draft'),
    title: z.string().min(1).max(300),
    text: z.string().min(1).max(20_000),
    basis: z.string().min(1).max(1000).optional().describe('The regulatory or technical basis, in words (an instrument and article, a client decision, a standard).'),
    owner: z.string().min(1).max(200).optional(),
    due: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'expected a date as YYYY-MM-DD').optional(),
  })
  .refine((item) => item.section !== 'register' || item.category != null, { message: 'register items need a category', path: ['category'] })
  .openapi('AddItem');
export const memberSchema = z
  .object({
    email: z.string().email().max(320).describe('A member\'s address changes their role; any other address is invited.'),
    role: z.enum(ROLE_VALUES),
  })
  .openapi('Member');
const memberItemSchema = z.object({ userId: z.string(), email: z.string(), name: z.string(), role: z.enum(ROLE_VALUES) });
export const invitationSchema = z
  .object({
    id: z.string(),
    email: z.string(),
    role: z.enum(ROLE_VALUES),
    invitedAt: z.string(),
    invitedBy: z.object({ email: z.string(), name: z.string() }).nullable(),
    hasAccount: z.boolean().optional().describe('Only for administrators: whether the address has an account yet.'),
  })
  .describe('Pending until someone with this address logs in; then it becomes a membership.')
  .openapi('Invitation');
export const memberResultSchema = z
  .object({
    outcome: z.enum(['invited', 'invitation_updated', 'role_changed', 'unchanged']),
    member: memberItemSchema.optional().describe('When the address was already a member\'s.'),
    invitation: invitationSchema.optional().describe('When the address was invited (whether or not it has an account).'),
  })
  .openapi('MemberResult');
export const memberListSchema = z
  .object({ members: z.array(memberItemSchema), invitations: z.array(invitationSchema) })
  .openapi('Members');
export const deleteEngagementSchema = z
  .object({ name: z.string().min(1).max(200).describe('The engagement\'s name, repeated to confirm.') })
  .openapi('DeleteEngagement');
export const createAccountSchema = z
  .object({ email: z.string().email().max(320), name: z.string().min(1).max(200), isAdmin: z.boolean().default(false) })
  .openapi('CreateAccount');
export const accountSchema = z
  .object({ id: z.string(), email: z.string(), name: z.string(), isAdmin: z.boolean(), createdAt: z.string() })
  .openapi('Account');
export const createdAccountSchema = z
  .object({ account: accountSchema, oneTimePassword: z.string().describe('Shown once; hand it to the person.') })
  .openapi('CreatedAccount');
export const currentSessionSchema = z
  .object({ user: sessionUserSchema, csrfToken: z.string().nullable().describe('The session\'s CSRF token; null for an API token, which needs none.') })
  .openapi('CurrentSession');
export const previewSchema = z
  .object({ profile: profileInput, asOf: isoDateParam.optional().describe('Defaults to today.'), lang: z.enum(['en', 'zh-CN']).optional().describe('The language of the assessment\'s prose: en (the default) or zh-CN.') })
  .openapi('Preview');
export const historyEntrySchema = z
  .object({
    id: z.number().int(),
    action: z.string(),
    entity: z.string(),
    entityId: z.string().nullable(),
    at: z.string(),
    by: z.object({ email: z.string(), name: z.string() }).nullable(),
    before: z.unknown(),
    after: z.unknown(),
    profileChanges: z
      .object({
        changes: z.array(z.object({ path: z.string(), subject: z.string().nullable(), before: z.unknown(), after: z.unknown() })),
        total: z.number().int().describe('Every answer changed; `changes` lists the first 200.'),
      })
      .optional()
      .describe('A profile save: the answers it changed against the version before (null: not given, Landfall assumed the default).'),
  })
  .openapi('HistoryEntry');
export const exampleSchema = z
  .object({ id: z.string(), organisation: z.string(), sectors: z.array(z.string()), systems: z.number().int(), transfers: z.number().int(), text: z.string() })
  .openapi('Example');

export const idParam = z.object({ id: z.string().uuid() });
export const memberParam = z.object({ id: z.string().uuid(), userId: z.string().uuid() });
export const invitationParam = z.object({ id: z.string().uuid(), invitationId: z.string().uuid() });
export const itemParam = z.object({ id: z.string().uuid(), itemId: z.string().uuid() });
export const diagramParam = z.object({ id: z.string().uuid(), diagram: z.enum(['topology', 'target', 'data_flow']) });

const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;

export const brandingSchema = z
  .object({
    consultancy: z.string().nullable().describe('The name on the annex cover, running header and document properties; null until set (the deliverables then say Landfall).'),
    hasLogo: z.boolean(),
    version: z.number().int().describe('0 until the first change; one more with every change.'),
    updatedAt: z.string().nullable(),
  })
  .openapi('Branding');

export const brandingChangeSchema = z
  .object({
    consultancy: z.string().trim().min(1).max(120).regex(/^[^\p{Cc}]+$/u, 'no line breaks or control characters'),
    logo: z
      .string()
      .max(Math.ceil(LOGO_MAX_BYTES / 3) * 4, `at most ${LOGO_MAX_BYTES} bytes before base64`)
      .regex(BASE64, 'expected base64')
      .nullable()
      .optional()
      .describe('A PNG, JPEG or WebP image as base64; null removes the logo; absent keeps it.'),
  })
  .strict()
  .openapi('BrandingChange');

/** The assessment (CONTRACT §2), the product's main output: the engine's own schema, so the document describes what is returned
 * (built again with this module's `z`, the one extended with `.openapi`, from the very same shape). */
export const assessmentResponseSchema = z.object(assessmentSchema.shape).openapi('Assessment');

/** The GB/T 22239-2019 gap register of a profile, by the engine's schema (gap-report-schema.ts). */
export const gapsResponseSchema = z.object(profileGapsSchema.shape).openapi('ProfileGaps');
