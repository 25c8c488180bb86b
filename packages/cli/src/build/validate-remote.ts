/**
 * Validating a feed at a public URL (`essaim validate https://…`): the SDK's client loads it, through a
 * fetch that refuses the addresses a public feed must not make us reach (loopback, private, link-local…,
 * also after DNS resolution and at each redirect), and says why a part was refused.
 */
import { lookup as dnsLookup } from 'node:dns/promises';
import { BlockList, isIP } from 'node:net';
import { createClient, emptyReport, isEssaimError, type ValidationIssue } from '@essaim/sdk';
import { CliError, ExitCode, type Messages } from './errors.ts';
import type { FeedValidation, ValidateOptions } from './validate-feed.ts';

/** Loopback, private, link-local, shared and unspecified addresses: not to be reached from a public feed. */
const PRIVATE = new BlockList();
for (const [net, bits] of [
  ['0.0.0.0', 8],
  ['10.0.0.0', 8],
  ['100.64.0.0', 10],
  ['127.0.0.0', 8],
  ['169.254.0.0', 16],
  ['172.16.0.0', 12],
  ['192.168.0.0', 16],
  ['198.18.0.0', 15],
] as const)
  PRIVATE.addSubnet(net, bits, 'ipv4');
for (const [net, bits] of [
  ['::', 128],
  ['::1', 128],
  ['fc00::', 7],
  ['fe80::', 10],
] as const)
  PRIVATE.addSubnet(net, bits, 'ipv6');

/** Is this IP address loopback, private, link-local or unspecified (IPv4-mapped IPv6 included)? */
export function isPrivateAddress(ip: string): boolean {
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(ip)?.[1];
  if (mapped) return PRIVATE.check(mapped, 'ipv4');
  const v = isIP(ip);
  return v === 4 ? PRIVATE.check(ip, 'ipv4') : v === 6 ? PRIVATE.check(ip, 'ipv6') : false;
}

const systemLookup = async (host: string) =>
  (await dnsLookup(host, { all: true, verbatim: true })).map((a) => a.address);

/**
 * A fetch for the SDK client that only follows addresses a manifest at `manifestUrl` may name: its own
 * origin under its own folder, or an origin in `allowOrigins`; and, when the manifest's host is public,
 * never a host that resolves to a loopback or private address. Redirects are followed by hand and
 * checked the same way. A refused address answers 403 and is listed in `refusals`.
 */
function guardedFetch(
  manifestUrl: string,
  options: ValidateOptions,
  refusals: Messages[],
): typeof globalThis.fetch {
  const base = new URL('.', manifestUrl);
  const allowOrigins = new Set((options.allowOrigins ?? []).map((o) => new URL(o).origin));
  const lookup = options.lookup ?? systemLookup;
  const doFetch = options.fetch ?? globalThis.fetch;
  const hostOf = (u: URL) => u.hostname.replace(/^\[|\]$/g, '');
  const privateHost = async (u: URL) => {
    try {
      const host = hostOf(u);
      const addresses = isIP(host) ? [host] : await lookup(host);
      return addresses.some(isPrivateAddress);
    } catch {
      return false; // unresolvable: the fetch itself fails and says so
    }
  };
  let manifestPrivate: Promise<boolean> | undefined;
  const refuse = (u: URL, why: Messages) => {
    refusals.push({
      fr: `Non téléchargé : ${u.href} (${why.fr}).`,
      en: `Not fetched: ${u.href} (${why.en}).`,
    });
    return new Response(null, { status: 403, statusText: 'Refused by essaim validate' });
  };
  const check = async (u: URL): Promise<Messages | undefined> => {
    if (u.protocol !== 'http:' && u.protocol !== 'https:') {
      return { fr: 'seuls http et https sont suivis', en: 'only http and https are followed' };
    }
    const inFolder = u.origin === base.origin && u.pathname.startsWith(base.pathname);
    if (!inFolder && !allowOrigins.has(u.origin)) {
      return {
        fr: `hors de l’origine et du dossier du manifeste (${base.href}) ; --allow-origin ${u.origin} pour l’autoriser`,
        en: `outside the manifest's origin and folder (${base.href}); --allow-origin ${u.origin} to allow it`,
      };
    }
    manifestPrivate ??= privateHost(new URL(manifestUrl));
    if (!(await manifestPrivate) && (await privateHost(u))) {
      return {
        fr: 'adresse locale ou privée, nommée par un manifeste public',
        en: 'a loopback or private address, named by a public manifest',
      };
    }
    return undefined;
  };
  return async (input, init) => {
    const request = new Request(input instanceof URL ? input.href : input, init);
    let url = new URL(request.url);
    for (let hop = 0; hop <= 5; hop++) {
      const why = await check(url);
      if (why) return refuse(url, why);
      const response = await doFetch(
        new Request(url.href, { headers: request.headers, signal: request.signal, redirect: 'manual' }),
      );
      const location = response.status >= 300 && response.status < 400 && response.headers.get('location');
      if (!location) return response;
      url = new URL(location, url);
    }
    return refuse(url, { fr: 'trop de redirections', en: 'too many redirects' });
  };
}

export async function validateRemote(url: string, options: ValidateOptions): Promise<FeedValidation> {
  const refusals: Messages[] = [];
  const client = createClient({
    feed: url,
    cache: false,
    fetch: guardedFetch(url, options, refusals),
  });
  try {
    const result = await client.load();
    const m = result.feed.manifest;
    return {
      target: url,
      manifest: { valid: true, issues: [], id: m.id, title: m.title, schemaVersion: m.schemaVersion },
      report: result.feed.report,
      // The refusals say why; the client's own error for those parts would only say "HTTP 403".
      errors: refusals.length ? refusals : result.partErrors.map((e) => e.messages),
    };
  } catch (e) {
    if (isEssaimError(e)) {
      const issues: ValidationIssue[] = (e as { issues?: ValidationIssue[] }).issues ?? [
        { path: '', code: e.code, message: e.messages },
      ];
      if (e.code === 'feed-format' || e.code === 'feed-unsupported-version') {
        return { target: url, manifest: { valid: false, issues }, report: emptyReport(), errors: [] };
      }
      throw new CliError(ExitCode.BadInput, e.messages, { cause: e });
    }
    throw e;
  } finally {
    client.dispose();
  }
}
