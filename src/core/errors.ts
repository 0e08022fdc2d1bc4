// The one error type of Landfall, after hono's HTTPException: a machine code, a message a person
// can act on, and for input errors every problem with its path. Whoever throws picks the code;
// ERROR_STATUS is the one place that says what each code means at a boundary: the server answers
// with its HTTP status, the CLI exits with exitCodeOf (2 for what the caller can fix, 1 otherwise).
// Subclasses exist only where an error carries data of its own (ConflictError's current version,
// PdfExportError's retry hint, InvalidInputError's subject).
import type { Problem } from './profile/normalise-profile.ts';

export const ERROR_STATUS = {
  // The request is malformed.
  invalid_request: 400,
  invalid_json: 400,
  invalid_facts: 400,
  invalid_input: 400,
  // Who is asking is not known.
  unauthenticated: 401,
  bad_credentials: 401,
  token_expired: 401,
  // Known, but not allowed.
  forbidden: 403,
  csrf: 403,
  password_change_required: 403,
  wrong_password: 403,
  // Absent, or not visible to the caller (non-members get 404 so ids do not leak).
  not_found: 404,
  filing_not_applicable: 404,
  // The state of the thing does not allow it.
  stale_version: 409,
  last_owner: 409,
  archived: 409,
  not_archived: 409,
  account_exists: 409,
  confirm_final: 409,
  incident_closed: 409,
  already_recorded: 409,
  not_reviewed: 409,
  already_accepted: 409,
  too_large: 413,
  unsupported_media_type: 415,
  // Well-formed, but the content is wrong.
  invalid_profile: 422,
  invalid_characters: 422,
  invalid_expiry: 422,
  invalid_review: 422,
  name_mismatch: 422,
  same_password: 422,
  rate_limited: 429,
  // Landfall's side.
  internal: 500,
  invalid_content: 500,
  // A stored record this Landfall cannot read, malformed or written by a newer one (store/records/).
  invalid_record: 500,
  unknown_record_version: 500,
  // PDF printing busy, stuck or missing a browser (pdf-browser-pool.ts): the server is degraded.
  busy: 503,
  timeout: 503,
  unavailable: 503,
  closed: 503,
  // Storage underneath the store (store/storage-errors.ts).
  database_unavailable: 503,
  storage_read_only: 503,
  storage_permission_denied: 503,
  insufficient_storage: 507,
} as const satisfies Record<string, 400 | 401 | 403 | 404 | 409 | 413 | 415 | 422 | 429 | 500 | 503 | 507>;

export type ErrorCode = keyof typeof ERROR_STATUS;
export type ErrorStatus = (typeof ERROR_STATUS)[ErrorCode];

export interface LandfallErrorOptions {
  problems?: Problem[] | undefined;
  /** Response headers the answer needs (Retry-After). */
  headers?: Record<string, string> | undefined;
  cause?: unknown;
}

export class LandfallError extends Error {
  override readonly name: string = 'LandfallError';
  readonly problems: Problem[] | undefined;
  readonly headers: Readonly<Record<string, string>>;
  constructor(readonly code: ErrorCode, message: string, options: LandfallErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.problems = options.problems;
    this.headers = options.headers ?? {};
  }
}

/** Whether `error` is a LandfallError, with one of `codes` when given. */
export function isLandfallError(error: unknown, ...codes: ErrorCode[]): error is LandfallError {
  return error instanceof LandfallError && (codes.length === 0 || codes.includes(error.code));
}

export const statusOf = (code: ErrorCode): ErrorStatus => ERROR_STATUS[code];

/** The CLI's exit code (CONTRACT §3): 2 for input the caller can fix, 1 for a failure. */
export const exitCodeOf = (code: ErrorCode): 1 | 2 => (statusOf(code) < 500 ? 2 : 1);

/**
 * The body every error answer has: `{ error: { code, message, problems? } }`. Problems are the
 * caller's to fix, so only a 4xx lists them; a 5xx's problems are Landfall's own and stay in its log.
 */
export function errorBody(error: LandfallError): { error: { code: ErrorCode; message: string; problems?: Problem[] } } {
  const problems = error.problems && statusOf(error.code) < 500 ? { problems: error.problems } : {};
  return { error: { code: error.code, message: error.message, ...problems } };
}

/** What any error becomes at a boundary: a LandfallError as it is, anything else the one internal error, its details kept out. */
export function toLandfallError(error: unknown): LandfallError {
  return error instanceof LandfallError ? error : new LandfallError('internal', 'Something went wrong on our side.', { cause: error });
}

/** The message with every problem on its own line, for logs and stored failure notes. */
export function describeError(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const problems = error instanceof LandfallError && error.problems ? error.problems.map((problem) => `\n  ${problem.path}: ${problem.message}`).join('') : '';
  return `${error.message}${problems}`;
}
