/**
 * The autoloader's logic (side-effect free; `essaim.ts` starts it): registers only the Essaim elements
 * present on the page, each from its own chunk, as they appear (a MutationObserver watches for later
 * ones). "Lazy" tags (the map) load only when one of them comes near the viewport.
 */

export type Loader = () => Promise<unknown>;

export interface AutoloaderOptions {
  /** One loader per tag: a dynamic `import()` of its `define/<tag>` chunk. */
  loaders: Readonly<Record<string, Loader>>;
  /** Tags whose chunk loads only when an element is within `rootMargin` of the viewport. */
  lazy?: readonly string[];
  rootMargin?: string;
  /** Where to look (default: the document). */
  root?: Document | Element | ShadowRoot;
}

/** Starts the autoloader; returns a function that stops watching. */
export function startAutoloader(options: AutoloaderOptions): () => void {
  // In Node (server rendering, a static-site generator importing essaim.js): nothing to watch, no-op.
  if (typeof document === 'undefined' && !options.root) return () => {};
  const { loaders, lazy = [], rootMargin = '200px' } = options;
  const root = options.root ?? document;
  const tags = Object.keys(loaders);
  const started = new Set<string>();
  const selector = tags.join(',');
  let io: IntersectionObserver | undefined;

  const load = (tag: string) => {
    if (started.has(tag)) return;
    started.add(tag);
    if (customElements.get(tag)) return; // another copy of Essaim already registered it
    loaders[tag]!().catch((error: unknown) => {
      started.delete(tag); // e.g. offline: try again when the next such element appears
      console.error(`[essaim] <${tag}> could not be loaded`, error);
    });
  };

  const onVisible: IntersectionObserverCallback = (entries) => {
    for (const e of entries) {
      if (!e.isIntersecting) continue;
      const tag = e.target.localName;
      load(tag);
      io?.unobserve(e.target);
    }
  };

  const consider = (el: Element) => {
    const tag = el.localName;
    if (started.has(tag) || !loaders[tag]) return;
    if (lazy.includes(tag) && typeof IntersectionObserver !== 'undefined') {
      io ??= new IntersectionObserver(onVisible, { rootMargin });
      io.observe(el);
    } else load(tag);
  };

  const scan = (node: ParentNode) => {
    if (node instanceof Element && node.matches(selector)) consider(node);
    for (const el of node.querySelectorAll(selector)) consider(el);
  };

  scan(root);
  const mo = new MutationObserver((records) => {
    for (const r of records) for (const n of r.addedNodes) if (n instanceof Element) scan(n);
  });
  mo.observe(root, { childList: true, subtree: true });
  return () => {
    mo.disconnect();
    io?.disconnect();
  };
}
