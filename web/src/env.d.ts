/// <reference types="vite/client" />

declare module 'virtual:landfall/integrations' {
  /** The integrations of content/knowledge/integrations.yaml (id and name), in file order. */
  const integrations: ReadonlyArray<{ id: string; name: string; category: string }>;
  export default integrations;
}

declare module 'virtual:landfall/messages/*' {
  import type { MessageFormatElement } from '@formatjs/icu-messageformat-parser';
  /** One part of a locale's catalogue (web/src/i18n/parts.ts): a message's text, or its parsed ICU elements. */
  const messages: Readonly<Record<string, string | MessageFormatElement[]>>;

  export default messages;
}
