/**
 * Links from feed content are untrusted: only web pages (http, https), e-mail (mailto) and phone (tel)
 * links are ever put in an `href`. Anything else (`javascript:`, `data:`, `vbscript:`, relative URLs
 * that would resolve against the host page…) gives `undefined`, and the caller renders plain text.
 */

export type UrlKind = 'http' | 'mailto' | 'tel';

const EMAIL = /^[^\s@<>"'`()\\,;:]+@[^\s@<>"'`()\\,;:]+\.[^\s@<>"'`()\\,;:]+$/;
const PHONE = /^\+?[0-9][0-9 .()-]{3,30}$/;

/**
 * The URL as a safe `href`, or `undefined` when its scheme is not one of `kinds`.
 * - `http`: an absolute `http:` or `https:` URL (normalised by the URL parser);
 * - `mailto`: `mailto:address` (or a bare e-mail address), with one plain address;
 * - `tel`: `tel:number` (or a bare phone number), digits and a leading `+` only in the result.
 */
export function safeHref(
  url: string | null | undefined,
  kinds: readonly UrlKind[] = ['http'],
): string | undefined {
  if (typeof url !== 'string') return undefined;
  // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what is stripped
  const raw = url.trim().replace(/[\u0000-\u001f\u007f]/g, '');
  if (!raw) return undefined;
  const scheme = /^([a-z][a-z0-9+.-]*):/i.exec(raw)?.[1]?.toLowerCase();
  if (kinds.includes('http') && (scheme === 'http' || scheme === 'https')) {
    try {
      const u = new URL(raw);
      return u.protocol === 'http:' || u.protocol === 'https:' ? u.href : undefined;
    } catch {
      return undefined;
    }
  }
  if (kinds.includes('mailto') && (scheme === 'mailto' || (!scheme && EMAIL.test(raw)))) {
    const address = scheme ? raw.slice(7).split('?')[0]! : raw;
    let decoded: string;
    try {
      decoded = decodeURIComponent(address);
    } catch {
      return undefined;
    }
    return EMAIL.test(decoded) ? `mailto:${encodeURIComponent(decoded).replace('%40', '@')}` : undefined;
  }
  if (kinds.includes('tel') && (scheme === 'tel' || (!scheme && PHONE.test(raw)))) {
    const number = scheme ? raw.slice(4) : raw;
    if (!PHONE.test(number)) return undefined;
    const digits = number.replace(/[^0-9+]/g, '');
    return /^\+?[0-9]{4,20}$/.test(digits) ? `tel:${digits}` : undefined;
  }
  return undefined;
}

/** Fills a link template: `{id}`, `{name}`, `{source}`, `{url}` are replaced by URL-encoded values. */
export function fillTemplate(template: string, values: Record<string, string | undefined>): string {
  return template.replace(/\{(id|name|source|url)\}/g, (_, key: string) =>
    encodeURIComponent(values[key] ?? ''),
  );
}
