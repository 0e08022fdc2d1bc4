// The bounds of a consultancy's filing template, apart from the code that reads one, so the server
// can state and enforce them without loading docx.
export const TEMPLATE_MAX_BYTES = 5 * 1024 * 1024;
/** What the template's parts may hold once unzipped: a template is styles and a letterhead, not a payload. */
export const TEMPLATE_MAX_UNZIPPED_BYTES = 40 * 1024 * 1024;
export const TEMPLATE_MAX_ENTRIES = 500;
export const FILING_PLACEHOLDER = 'filing';
