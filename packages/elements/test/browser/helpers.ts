/** Shared helpers of the browser tests of `<ess-directory>`. */
import { createFeedStore, type FeedStore } from '@essaim/sdk';
import { expect, waitUntil } from '@open-wc/testing';
import type { EssDirectory } from '../../src/directory/ess-directory.ts';

export const REAL_FEED = new URL('/data/feed/manifest.json', location.href).href;

let realStore: FeedStore | undefined;
/** One store over the real embedded feed (4,163 structures), shared by the tests; reset each time. */
export async function realFeed(): Promise<FeedStore> {
  realStore ??= createFeedStore({ feed: REAL_FEED, clientOptions: { cache: false } });
  await realStore.load();
  realStore.search.reset();
  realStore.search.refine({ territory: undefined, facets: undefined, near: undefined, pageSize: undefined });
  realStore.select(undefined);
  return realStore;
}

type RawStructure = Record<string, unknown>;

/** A structure with the required fields, and `extra` on top. */
export function structure(id: string, name: string, extra: RawStructure = {}): RawStructure {
  return {
    id: `test--${id}`,
    name,
    family: 'association',
    themes: ['theme--alimentation'],
    updatedAt: '2025-03-01',
    provenance: [
      {
        source: 'test',
        name: 'Source de test',
        localId: id,
        url: `https://example.org/fiche/${id}`,
        editUrl: `https://example.org/edit/${id}`,
      },
    ],
    ...extra,
  };
}

/** An inline manifest (no network): structures and a tiny taxonomy. */
export function inlineFeed(structures: RawStructure[], manifest: Record<string, unknown> = {}) {
  return {
    schemaVersion: '1.0',
    id: 'test-feed',
    title: 'Flux de test',
    publisher: { name: 'Tests' },
    licence: { id: 'ODbL-1.0', name: 'Open Database License 1.0' },
    attribution: 'Tests',
    updated: '2025-03-01',
    ...manifest,
    parts: {
      structures,
      taxonomy: {
        id: 'test',
        version: '1',
        concepts: [
          {
            id: 'theme--alimentation',
            scheme: 'themes',
            slug: 'alimentation',
            label: { fr: 'Alimentation', en: 'Food' },
          },
          {
            id: 'family--association',
            scheme: 'families',
            slug: 'association',
            label: { fr: 'Association', en: 'Association' },
          },
        ],
      },
    },
  };
}

export async function inlineStore(
  structures: RawStructure[],
  manifest: Record<string, unknown> = {},
): Promise<FeedStore> {
  const store = createFeedStore({ feed: inlineFeed(structures, manifest), clientOptions: { cache: false } });
  await store.load();
  return store;
}

export const shadow = (el: Element) => el.shadowRoot!;
export const $ = <T extends Element = HTMLElement>(el: Element, sel: string) =>
  shadow(el).querySelector<T>(sel);
export const $$ = <T extends Element = HTMLElement>(el: Element, sel: string) => [
  ...shadow(el).querySelectorAll<T>(sel),
];

export async function cards(el: EssDirectory, atLeast = 1): Promise<HTMLButtonElement[]> {
  await waitUntil(() => $$(el, '.card-button').length >= atLeast, 'cards rendered', { timeout: 15000 });
  return $$<HTMLButtonElement>(el, '.card-button');
}

/** Types into an input like a user (one input event per character). */
export function type(input: HTMLInputElement, text: string): void {
  for (let i = 1; i <= text.length; i++) {
    input.value = text.slice(0, i);
    input.dispatchEvent(new Event('input', { bubbles: true, composed: true }));
  }
}

/** Elements (light DOM and the widgets' shadow roots) whose right edge passes the window's. */
export function pastTheRightEdge(root: Element): string[] {
  const out: string[] = [];
  const visit = (el: Element) => {
    const r = el.getBoundingClientRect();
    // (1 px boxes are the visually hidden texts for screen readers, clipped)
    if (
      r.width > 1 &&
      r.height > 1 &&
      r.right > innerWidth + 1 &&
      getComputedStyle(el).visibility !== 'hidden'
    )
      out.push(
        `${el.localName}${el.id ? `#${el.id}` : ''}.${[...el.classList].join('.')} (${Math.round(r.right)} px)`,
      );
    for (const child of el.children) visit(child);
    if (el.shadowRoot) for (const child of el.shadowRoot.children) visit(child);
  };
  visit(root);
  return out;
}

/**
 * After the window changed size: waits (up to 3 s) until MapLibre has fitted each map's canvas to its
 * container (it does so a frame or two later, from a ResizeObserver), so a check sees the settled page.
 */
export async function mapsSettled(root: Element): Promise<void> {
  const fitted = () =>
    [...root.querySelectorAll('ess-map')].every((el) => {
      const box = el.shadowRoot?.querySelector('#map');
      const canvas = el.shadowRoot?.querySelector('canvas');
      return !box || !canvas || canvas.getBoundingClientRect().right <= box.getBoundingClientRect().right + 1;
    });
  const end = performance.now() + 3000;
  while (!fitted() && performance.now() < end) await new Promise((r) => setTimeout(r, 50));
}

declare global {
  interface Window {
    __pwned?: number;
  }
}

/**
 * Asserts that nothing executable made it into a rendered tree: no injected element, no `on*` attribute,
 * only http(s), mailto, tel and `#` links and sources, and no script ran. `own` selects the component's
 * own icons (svg, img) that are allowed.
 */
export function assertInert(root: ShadowRoot | Element, own?: string) {
  const injected = [
    ...root.querySelectorAll('script, iframe, object, embed, svg, img, frame, base, link[rel="import"]'),
  ]
    .filter((e) => !(own && e.matches(own)))
    .map((e) => e.outerHTML.slice(0, 120));
  expect(injected, 'no injected elements').to.deep.equal([]);
  for (const el of root.querySelectorAll('*')) {
    for (const attr of el.attributes) {
      expect(attr.name.startsWith('on'), `${el.localName}[${attr.name}]`).to.equal(false);
      if (['href', 'src', 'action', 'formaction', 'xlink:href', 'srcdoc'].includes(attr.name))
        expect(attr.value, `${el.localName}[${attr.name}]`).to.match(/^(https?:|mailto:|tel:|#)/);
    }
  }
  expect(window.__pwned, 'no script ran').to.equal(undefined);
}

/** Captures the next download (the Blob given to URL.createObjectURL, and its file name); nothing is saved. */
export function interceptDownload(): { blob: Promise<Blob>; name: Promise<string>; restore: () => void } {
  const create = URL.createObjectURL;
  const click = HTMLAnchorElement.prototype.click;
  let resolve!: (b: Blob) => void;
  let named!: (n: string) => void;
  const blob = new Promise<Blob>((r) => (resolve = r));
  const name = new Promise<string>((r) => (named = r));
  URL.createObjectURL = (b: Blob | MediaSource) => {
    resolve(b as Blob);
    return 'blob:intercepted';
  };
  HTMLAnchorElement.prototype.click = function (this: HTMLAnchorElement) {
    named(this.download);
  };
  return {
    blob,
    name,
    restore: () => {
      URL.createObjectURL = create;
      HTMLAnchorElement.prototype.click = click;
    },
  };
}
