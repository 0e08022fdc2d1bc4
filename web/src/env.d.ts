/// <reference types="vite/client" />

declare module 'virtual:landfall/integrations' {
  /** The integrations of content/knowledge/integrations.yaml (id and name), in file order. */
  const integrations: ReadonlyArray<{ id: string; name: string; category: string }>;
  export default integrations;
}

declare module 'virtual:landfall/legal-tables' {
  /** Sectors named in CII Regulations Art. 2 (content/tables/sector-lists.yaml: ciiSectors). */
  export const CII_SECTORS: readonly string[];
  /** Areas of the 2024 value-added telecom opening pilot (content/tables/opening-pilot-areas.yaml). */
  export const OPENING_PILOT_AREAS: ReadonlyArray<{ key: string; match: RegExp; area: string; example: string }>;
}

declare module 'virtual:landfall/messages/*' {
  import type { MessageFormatElement } from '@formatjs/icu-messageformat-parser';
  /** One part of a locale's catalogue (web/src/i18n/parts.ts): a message's text, or its parsed ICU elements. */
  const messages: Readonly<Record<string, string | MessageFormatElement[]>>;

  export default messages;
}
