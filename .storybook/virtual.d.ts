/** custom-elements.json of the elements, trimmed to their public API (custom-elements.ts). */
declare module 'virtual:essaim/custom-elements' {
  const manifest: { schemaVersion: string; modules: unknown[] };
  export default manifest;
}
