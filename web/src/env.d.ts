/// <reference types="vite/client" />

declare module 'virtual:landfall/integrations' {
  /** The integrations of content/knowledge/integrations.yaml (id and name), in file order. */
  const integrations: ReadonlyArray<{ id: string; name: string; category: string }>;
  export default integrations;
}
