// Rules for passwords and API tokens, shared by the store, the API schemas and the workbench
// (which imports this file for its form checks, so it stays free of Node modules).

/** Bounds of a new password; the first administrator's and the one-time passwords meet them too. */
export const PASSWORD_LENGTH = { min: 12, max: 1024 } as const;
/** How long an API token may live at most, when it is given an expiry. */
export const TOKEN_MAX_DAYS = 365;
