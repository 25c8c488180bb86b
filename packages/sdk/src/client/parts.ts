/**
 * The parts of a feed: which files a manifest names (the parts and the shards in scope), the checks
 * each file passes before it is used or cached, and how the loaded files make the raw parts of a feed
 * (with the parts that failed named).
 *
 * @module
 */
import { type EssaimError, FeedAbortError, FeedFormatError, type Messages } from '../errors.ts';
import type { Feed, RawParts } from '../feed.ts';
import type { FeedManifest, PartName } from '../schema/feed.ts';
import type { FileLoader, Resource } from './files.ts';
import { raceAbort, toFeedError } from './http.ts';
import type { ClientOptions, PartError, ShardInfo } from './types.ts';

export const LIST_PARTS = ['structures', 'services', 'events', 'parcours', 'indicators'] as const;
const PART_FR: Record<PartName | 'taxonomy', string> = {
  structures: 'structures',
  services: 'services',
  events: 'évènements',
  parcours: 'parcours',
  indicators: 'indicateurs',
  taxonomy: 'taxonomie',
};
const SHARD_BY_FR = { departement: 'département', region: 'région' } as const;
const SHARD_BY_EN = { departement: 'département', region: 'région' } as const;

export type PlannedPart = {
  part: PartName | 'taxonomy';
  shardBy?: 'departement' | 'region';
  shard?: string;
  /** What the manifest promises for the file. */
  count?: number | undefined;
  sha256?: string | undefined;
} & ({ url: string } | { inline: unknown } | { invalid: EssaimError; url: string });

export function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function inScope(scope: ClientOptions['scope'], shard: ShardInfo): boolean {
  if (!scope) return true;
  if (typeof scope === 'function') return scope(shard);
  const keys = shard.shardBy === 'departement' ? scope.departements : scope.regions;
  if (keys === undefined) return true;
  const key = shard.key.trim().toUpperCase();
  return keys.some((k) => k.trim().toUpperCase() === key);
}

function partMessages(p: PlannedPart, error: EssaimError): Messages {
  const fr = p.shard && p.shardBy ? ` (${SHARD_BY_FR[p.shardBy]} ${p.shard})` : '';
  const en = p.shard && p.shardBy ? ` (${SHARD_BY_EN[p.shardBy]} ${p.shard})` : '';
  return {
    fr: `La partie « ${PART_FR[p.part]} »${fr} du flux n’a pas pu être chargée : ${error.messages.fr}`,
    en: `The "${p.part}" part${en} of the feed could not be loaded: ${error.messages.en}`,
  };
}

/** The hex SHA-256 of a text's UTF-8 bytes (Web Crypto: browsers in secure contexts, Node ≥ 20); undefined without it. */
async function sha256Hex(text: string): Promise<string | undefined> {
  const subtle = (globalThis as { crypto?: Crypto }).crypto?.subtle;
  if (!subtle) return undefined;
  const digest = await subtle.digest('SHA-256', new TextEncoder().encode(text));
  return Array.from(new Uint8Array(digest), (b) => b.toString(16).padStart(2, '0')).join('');
}

/**
 * Checks a part's file against what the manifest promises before it is used or cached, as the manifest
 * is: a list part is an array of records (not `{"error": …}`), a taxonomy has concepts, and the `count`
 * and `sha256` match when the manifest gives them. Throws a FeedFormatError.
 */
export async function checkPart(
  p: Pick<PlannedPart, 'part' | 'count' | 'sha256'>,
  body: unknown,
  text: string | undefined,
  url?: string,
): Promise<void> {
  let n: number;
  if (p.part === 'taxonomy') {
    const concepts = Array.isArray(body)
      ? body
      : isObject(body) && Array.isArray(body.concepts)
        ? body.concepts
        : undefined;
    if (!concepts) throw new FeedFormatError('not-a-taxonomy', { url });
    n = concepts.length;
  } else {
    if (!Array.isArray(body)) throw new FeedFormatError('not-an-array', { url });
    n = body.length;
  }
  if (p.count !== undefined && n !== p.count)
    throw new FeedFormatError('count-mismatch', { url, expected: p.count, actual: n });
  if (p.sha256 && text !== undefined) {
    const actual = await sha256Hex(text);
    if (actual !== undefined && actual !== p.sha256)
      throw new FeedFormatError('sha256-mismatch', { url, expected: p.sha256, actual });
  }
}

/** The files to load for `manifest`: inline parts, and the URLs of the parts and shards in `scope`. */
export function planParts(
  manifest: FeedManifest,
  base: string | undefined,
  scope: ClientOptions['scope'],
): PlannedPart[] {
  const resolve = (
    url: string,
    part: PlannedPart['part'],
    path: string,
  ): { url: string } | { invalid: EssaimError; url: string } => {
    try {
      return { url: new URL(url, base).href };
    } catch {
      const message = {
        fr: `URL de partie invalide, ou relative sans adresse de base (option baseUrl) : « ${url} »`,
        en: `Invalid part URL, or relative without a base (baseUrl option): "${url}"`,
      };
      return {
        url,
        invalid: new FeedFormatError('not-a-manifest', {
          url,
          issues: [{ path: `parts.${part}${path}`, code: 'invalid_url', message }],
        }),
      };
    }
  };
  const planned: PlannedPart[] = [];
  for (const part of LIST_PARTS) {
    const value = manifest.parts[part];
    if (value === undefined) continue;
    if (Array.isArray(value)) planned.push({ part, inline: value });
    else if ('shards' in value) {
      value.shards.forEach((shard, i) => {
        const target = resolve(shard.url, part, `.shards.${i}.url`);
        const info: ShardInfo = { part, shardBy: value.shardBy, key: shard.key, url: target.url };
        if (inScope(scope, info))
          planned.push({
            part,
            shardBy: value.shardBy,
            shard: shard.key,
            count: shard.count,
            sha256: shard.sha256,
            ...target,
          });
      });
    } else
      planned.push({ part, count: value.count, sha256: value.sha256, ...resolve(value.url, part, '.url') });
  }
  const taxonomy = manifest.parts.taxonomy;
  if (taxonomy !== undefined) {
    if ('url' in taxonomy)
      planned.push({
        part: 'taxonomy',
        count: taxonomy.count,
        sha256: taxonomy.sha256,
        ...resolve(taxonomy.url, 'taxonomy', '.url'),
      });
    else planned.push({ part: 'taxonomy', inline: taxonomy });
  }
  return planned;
}

/** One planned part once fetched: its body (inline), its file, or why it could not be had. */
export type SettledPart =
  | { p: PlannedPart; body: unknown }
  | { p: PlannedPart; error: EssaimError }
  | { p: PlannedPart; resource: Resource };

/**
 * Fetches the planned files in parallel (the client on the page, or its worker), each settling on its
 * own, and puts them together (`collectParts`).
 */
export async function loadParts(
  files: FileLoader,
  planned: readonly PlannedPart[],
  mode: 'cache-first' | 'network',
  signal: AbortSignal,
  manifest: FeedManifest,
  manifestResource: Resource | undefined,
  manifestUrl: string | undefined,
): Promise<CollectedParts> {
  const settled = await raceAbort(
    Promise.all(
      planned.map(async (p): Promise<SettledPart> => {
        if ('inline' in p) return { p, body: p.inline };
        if ('invalid' in p) return { p, error: p.invalid };
        try {
          const check = (body: unknown, text: string | undefined) => checkPart(p, body, text, p.url);
          return { p, resource: await files.resource(p.url, mode, signal, check) };
        } catch (e) {
          return { p, error: toFeedError(e, p.url, files.http.timeout, signal) };
        }
      }),
    ),
    signal,
    manifestUrl,
  );
  if (signal.aborted) throw new FeedAbortError({ url: manifestUrl, reason: signal.reason });
  return collectParts(settled, manifest, manifestResource, manifestUrl);
}

/** The raw parts of a feed from its settled files, the parts missing or stale, and the files used. */
export interface CollectedParts {
  raw: RawParts;
  partErrors: PartError[];
  staleParts: PartError[];
  /** The files the feed is made of (for its age). */
  used: Resource[];
  /** One version token per file (same tokens, same feed). */
  tokens: string[];
}

/**
 * Puts the settled files together: shards of a part concatenated, a sharded part with no shard in
 * scope present and empty, each failed file named in `partErrors` and each file served from its last
 * good copy in `staleParts`. Throws when a file's load was aborted.
 */
export function collectParts(
  settled: readonly SettledPart[],
  manifest: FeedManifest,
  manifestResource: Resource | undefined,
  manifestUrl: string | undefined,
): CollectedParts {
  const raw: RawParts = {};
  const partErrors: PartError[] = [];
  const staleParts: PartError[] = [];
  const used: Resource[] = manifestResource ? [manifestResource] : [];
  const tokens: string[] = [manifestResource ? `${manifestUrl}=${manifestResource.token}` : 'inline'];
  for (const item of settled) {
    const { p } = item;
    if ('error' in item && item.error) {
      if (item.error instanceof FeedAbortError) throw item.error;
      partErrors.push({
        part: p.part,
        ...(p.shard ? { shard: p.shard } : {}),
        url: 'url' in p ? p.url : '',
        error: item.error,
        messages: partMessages(p, item.error),
      });
      tokens.push(`${'url' in p ? p.url : p.part}=!`);
      continue;
    }
    let body: unknown;
    if ('resource' in item && item.resource) {
      used.push(item.resource);
      const fallback = item.resource.fallback;
      if (fallback)
        staleParts.push({
          part: p.part,
          ...(p.shard ? { shard: p.shard } : {}),
          url: 'url' in p ? p.url : '',
          error: fallback,
          messages: partMessages(p, fallback),
        });
      tokens.push(`${'url' in p ? p.url : p.part}=${item.resource.token}`);
      body = item.resource.body;
    } else body = 'body' in item ? item.body : undefined;
    if (p.part === 'taxonomy') raw.taxonomy = body;
    else if (p.shard !== undefined) {
      if (!Array.isArray(body)) {
        const error = new FeedFormatError('not-an-array', { url: 'url' in p ? p.url : undefined });
        partErrors.push({
          part: p.part,
          shard: p.shard,
          url: 'url' in p ? p.url : '',
          error,
          messages: partMessages(p, error),
        });
        continue;
      }
      const list = (raw[p.part] ??= []) as unknown[];
      for (const record of body) list.push(record);
    } else raw[p.part] = body;
  }
  // A sharded part with no shard in scope is present and empty.
  for (const part of LIST_PARTS) {
    const value = manifest.parts[part];
    if (value !== undefined && !Array.isArray(value) && 'shards' in value && raw[part] === undefined)
      raw[part] = [];
  }
  return { raw, partErrors, staleParts, used, tokens };
}

/**
 * The parts of one load loaded in a worker (worker/remote.ts): what failed, the files used, and the
 * records, shown as they are (`preview`: shape-checked only) or validated (`feed`).
 */
export interface LoadedParts extends Omit<CollectedParts, 'raw' | 'used'> {
  raw?: undefined;
  used: Pick<Resource, 'storedAt' | 'fallback'>[];
  preview(): Promise<Feed>;
  feed(manifest: FeedManifest): Promise<Feed>;
}
