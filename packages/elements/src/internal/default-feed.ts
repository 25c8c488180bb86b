/** Set by the one-script-tag build (vite.config.ts): the embedded feed it ships, relative to its chunks. */
declare const __ESSAIM_DEFAULT_FEED__: string | undefined;

/** The feed an element shows when the page names none: the embedded default feed of the CDN build. */
export const DEFAULT_FEED: string | undefined =
  typeof __ESSAIM_DEFAULT_FEED__ === 'string'
    ? new URL(__ESSAIM_DEFAULT_FEED__, import.meta.url).href
    : undefined;
