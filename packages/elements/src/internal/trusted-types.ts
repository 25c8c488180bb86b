/**
 * Trusted Types (`require-trusted-types-for 'script'`): the two places where Essaim hands a string to a
 * script sink go through one named policy, `essaim`, never through a page's `default` policy:
 *
 * - the JSON-LD of the directory and the agenda (`<script type="application/ld+json">`, never run):
 *   `createScript` accepts only text that parses as JSON;
 * - MapLibre's worker (`new Worker(url)` inside maplibre-gl, which has no hook for it): while the map
 *   starts its workers, and only then, `Worker` is wrapped so that the URL goes through
 *   `createScriptURL`; the page's `Worker` is put back at once.
 *
 * - MapLibre's attribution (`DOMParser.parseFromString`, before its own allow-list sanitiser): while the
 *   map updates its attribution, and only then, the string goes through `createHTML` (a DOMParser
 *   document runs no script; MapLibre keeps only its allowed tags and attributes from it).
 *
 * Lit creates its own policy, `lit-html`. A page that lists allowed policies writes
 * `trusted-types essaim lit-html 'allow-duplicates'` (duplicates: the script pasted twice creates the
 * policy twice). Without Trusted Types (other browsers, or no such header), nothing changes.
 */

interface Policy {
  createHTML(input: string): unknown;
  createScript(input: string): unknown;
  createScriptURL(input: string): unknown;
}
interface TrustedTypesFactory {
  createPolicy(
    name: string,
    rules: {
      createHTML(s: string): string;
      createScript(s: string): string;
      createScriptURL(s: string): string;
    },
  ): Policy;
}

let policy: Policy | null | undefined;

/** The `essaim` policy, created on first use; null without Trusted Types or when the page refuses it. */
function essaimPolicy(): Policy | null {
  if (policy !== undefined) return policy;
  const factory = (globalThis as { trustedTypes?: TrustedTypesFactory }).trustedTypes;
  try {
    policy =
      factory?.createPolicy('essaim', {
        // Only for DOMParser, inside withTrustedHtmlParsing (a parsed document runs nothing).
        createHTML: (html) => html,
        createScript: (text) => {
          JSON.parse(text); // JSON only: the JSON-LD blocks
          return text;
        },
        createScriptURL: (url) => {
          // MapLibre's worker: its module on http(s), or the blob:/data: URL it builds from it.
          const base = (globalThis as { location?: { href?: string } }).location?.href;
          const { protocol } = new URL(url, base);
          const allowed =
            protocol === 'http:' ||
            protocol === 'https:' ||
            protocol === 'blob:' ||
            /^data:text\/javascript[;,]/i.test(url);
          if (!allowed) throw new TypeError(`Essaim: refused worker URL ${url.slice(0, 80)}`);
          return url;
        },
      }) ?? null;
  } catch (error) {
    // The page's CSP does not allow the name `essaim` (see the README's CSP section).
    console.error('Essaim: the Trusted Types policy "essaim" could not be created.', error);
    policy = null;
  }
  return policy;
}

/** Sets the JSON text of a `<script type="application/ld+json">` (through the policy when required). */
export function setJsonScript(script: HTMLScriptElement, json: string): void {
  const p = essaimPolicy();
  script.textContent = (p ? p.createScript(json) : json) as string;
}

/**
 * Runs `start` (which creates MapLibre's workers synchronously) with `Worker` taking its URL through
 * the policy; the page's own `Worker` is restored before this returns.
 */
export function withTrustedWorkers<T>(start: () => T): T {
  const p = essaimPolicy();
  const scope = globalThis as { Worker?: typeof Worker };
  const Native = scope.Worker;
  if (!p || !Native) return start();
  function TrustedWorker(url: string | URL, options?: WorkerOptions): Worker {
    return new Native!(p!.createScriptURL(String(url)) as string, options);
  }
  TrustedWorker.prototype = Native.prototype;
  scope.Worker = TrustedWorker as unknown as typeof Worker;
  try {
    return start();
  } finally {
    scope.Worker = Native;
  }
}

/**
 * Runs `update` (MapLibre's attribution update, which parses the attribution HTML with `DOMParser`
 * before sanitising it) with `parseFromString` taking its string through the policy; the page's own
 * method is put back before this returns.
 */
export function withTrustedHtmlParsing<T>(update: () => T): T {
  const p = essaimPolicy();
  const proto = (globalThis as { DOMParser?: typeof DOMParser }).DOMParser?.prototype;
  if (!p || !proto) return update();
  const native = proto.parseFromString;
  proto.parseFromString = function (this: DOMParser, text: string, type: DOMParserSupportedType) {
    return native.call(this, p.createHTML(String(text)) as string, type);
  };
  try {
    return update();
  } finally {
    proto.parseFromString = native;
  }
}
