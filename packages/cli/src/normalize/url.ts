/**
 * Web addresses and e-mail addresses, checked. Only http(s) links are kept (the feed is shown on other
 * people's sites: a `javascript:` or `data:` link must never get through). What sources really hold:
 *
 * - bare domains: "www.cpa-cps.fr", "jardindescapucines.com" → "https://…";
 * - mangled schemes: "http\c//terresfertiles.com/" (a broken escape of ":"), "http:// http://www.…";
 * - a link inside words: "Banques Alimentaires :https://www.facebook.com/…", "Manquant (http://…)",
 *   "ldh-paris-10-11.com  ou www.ldh-france.org/…" (the first link is taken, with a note);
 * - e-mail addresses typed in the website field ("contact@enerpro-biogaz.fr");
 * - garbage: "manquant", "L?Arlequin - Théâtre de Morsang", "@ActionAidFrance", "http://café citoyen de
 *   dourdan (groupe facebook)" → dropped, with a note.
 */
import { Email, WebUrl } from '@essaim/sdk';
import { type Normalized, type Note, note, quote } from './notes.ts';
import { isPlaceholder, scrub } from './text.ts';

/** Top-level domains accepted for a bare domain without "www." (a link with a scheme accepts any TLD). */
const COMMON_TLDS = new Set(
  (
    'fr com org net eu info coop asso paris bzh alsace corsica re gp mq gf yt pm nc pf wf bio eco green earth ' +
    'io be ch lu de es it uk nl pt ca us ma tn sn dz ci cm ml bf ne mg ht ' +
    'co me tv fm xyz site online blog ong ngo social solutions media tech app dev page studio art cafe shop store ' +
    'world life live today space fun club network agency community education school academy farm garden'
  ).split(' '),
);

const SCHEMES_REFUSED = /^(?:javascript|data|vbscript|file|about|blob|chrome|ftp|ssh|tel|sms):/i;

/** True for something that is an e-mail address rather than a link. */
export function looksLikeEmail(s: string): boolean {
  return /^(?:mailto:)?[^\s@/:]+@[^\s@/]+\.[a-z]{2,}$/i.test(s.trim());
}

/**
 * A web address → an absolute http(s) URL the schema accepts, or nothing (with a note). Bare domains get
 * "https://"; a link found inside text is taken with a note. E-mail addresses are refused here with the
 * code "url-is-email" (callers can move them to the e-mail field with {@link normalizeEmail}).
 */
export function normalizeUrl(raw: unknown): Normalized<string> {
  if (raw === null || raw === undefined) return { notes: [] };
  if (typeof raw !== 'string') return { notes: [garbage(raw)] };
  let s = scrub(raw).trim();
  if (s === '') return { notes: [] };
  if (isPlaceholder(s)) {
    return {
      notes: [
        note(
          'placeholder',
          `valeur de remplissage ignorée : « ${quote(s)} »`,
          `placeholder value ignored: "${quote(s)}"`,
        ),
      ],
    };
  }
  if (SCHEMES_REFUSED.test(s)) {
    return {
      notes: [
        note(
          'url-unsafe',
          `lien refusé (seuls http et https sont acceptés) : « ${quote(s)} »`,
          `link refused (only http and https are accepted): "${quote(s)}"`,
        ),
      ],
    };
  }
  if (looksLikeEmail(s)) {
    return {
      notes: [
        note(
          'url-is-email',
          `adresse électronique à la place d’un lien : « ${quote(s)} »`,
          `e-mail address instead of a link: "${quote(s)}"`,
        ),
      ],
    };
  }
  const notes: Note[] = [];
  // "http\c//x" (a broken escape of ":"), "http//x", "https:/x".
  const fixed = s.replace(/^(https?)(?:\\c|:)?\/\/?(?=[^/])/i, '$1://');
  if (fixed !== s && !/^https?:\/\//i.test(s)) {
    notes.push(
      note(
        'url-fixed',
        `lien réparé : « ${quote(s)} » → « ${quote(fixed)} »`,
        `link repaired: "${quote(s)}" → "${quote(fixed)}"`,
      ),
    );
  }
  s = fixed.replace(/(https?)\\c\/\//gi, '$1://');
  // The whole value is a link.
  const whole = checkUrl(s) ?? (isBareDomain(s) ? checkUrl(`https://${s}`) : undefined);
  if (whole) {
    if (!/^https?:\/\//i.test(s)) {
      notes.push(
        note(
          'url-scheme-added',
          `« https:// » ajouté à « ${quote(s)} »`,
          `"https://" added to "${quote(s)}"`,
        ),
      );
    }
    return { value: whole, notes };
  }
  // A link somewhere in the text.
  const candidates = [
    ...s.matchAll(/https?:\/\/[^\s<>"'()[\]{}]+/gi),
    ...s.matchAll(/(?<![@\w.-])(?:www\.)?[a-z0-9][a-z0-9-]*(?:\.[a-z0-9-]+)+(?:\/[^\s<>"'()[\]{}]*)?/gi),
  ]
    .sort((a, b) => (a.index ?? 0) - (b.index ?? 0))
    .map((m) => m[0]);
  for (const c of candidates) {
    const trimmed = c.replace(/[.,;:!?]+$/, '');
    const url = /^https?:/i.test(trimmed)
      ? checkUrl(trimmed)
      : isBareDomain(trimmed)
        ? checkUrl(`https://${trimmed}`)
        : undefined;
    if (url) {
      notes.push(
        note(
          'url-extracted',
          `lien extrait du texte « ${quote(s)} » : ${url}`,
          `link taken out of the text "${quote(s)}": ${url}`,
        ),
      );
      return { value: url, notes };
    }
  }
  return { notes: [...notes, garbage(s)] };
}

function garbage(raw: unknown): Note {
  return note(
    'url-invalid',
    `lien inutilisable : « ${quote(raw)} » (ignoré)`,
    `unusable link: "${quote(raw)}" (ignored)`,
  );
}

/** "www.x.y", or "name.tld[/path]" with a common TLD. */
function isBareDomain(s: string): boolean {
  const m = /^([a-z0-9][a-z0-9-]*(?:\.[a-z0-9-]+)+)(?:[/?#]\S*)?$/i.exec(s);
  if (!m) return false;
  const host = m[1]!.toLowerCase();
  if (host.startsWith('www.')) return true;
  const tld = host.slice(host.lastIndexOf('.') + 1);
  return COMMON_TLDS.has(tld);
}

/** Parses and checks an absolute http(s) URL: a real host name with a dot and an alphabetic TLD. */
function checkUrl(s: string): string | undefined {
  if (!/^https?:\/\/\S+$/i.test(s)) return undefined;
  let u: URL;
  try {
    u = new URL(s);
  } catch {
    return undefined;
  }
  if (u.protocol !== 'http:' && u.protocol !== 'https:') return undefined;
  const host = u.hostname;
  if (!/^(?:[a-z0-9](?:[a-z0-9-]*[a-z0-9])?\.)+(?:[a-z]{2,63}|xn--[a-z0-9-]+)$/i.test(host)) return undefined;
  if (u.username || u.password) return undefined;
  const href = u.href;
  return WebUrl.safeParse(href).success ? href : undefined;
}

/** An e-mail address, checked with the feed schema's rule ("mailto:" and spaces removed, domain lower-cased). */
export function normalizeEmail(raw: unknown): Normalized<string> {
  if (raw === null || raw === undefined) return { notes: [] };
  if (typeof raw !== 'string') return { notes: [badEmail(raw)] };
  const s = scrub(raw)
    .trim()
    .replace(/^mailto:/i, '')
    .replace(/\s+/g, '');
  if (s === '') return { notes: [] };
  if (isPlaceholder(s)) {
    return {
      notes: [
        note(
          'placeholder',
          `valeur de remplissage ignorée : « ${quote(s)} »`,
          `placeholder value ignored: "${quote(s)}"`,
        ),
      ],
    };
  }
  const at = s.lastIndexOf('@');
  const candidate = at > 0 ? `${s.slice(0, at)}@${s.slice(at + 1).toLowerCase()}` : s;
  if (Email.safeParse(candidate).success) return { value: candidate, notes: [] };
  const found = extractEmails(raw);
  if (found.length) {
    return {
      value: found[0],
      notes: [
        note(
          'email-extracted',
          `adresse extraite du texte « ${quote(raw)} »`,
          `address taken out of the text "${quote(raw)}"`,
        ),
      ],
    };
  }
  return { notes: [badEmail(raw)] };
}

function badEmail(raw: unknown): Note {
  return note(
    'email-invalid',
    `adresse électronique invalide : « ${quote(raw)} » (ignorée)`,
    `invalid e-mail address: "${quote(raw)}" (ignored)`,
  );
}

/** Every valid e-mail address written in a text ("ubertieric@aol.com/  pierre …"), de-duplicated. */
export function extractEmails(raw: unknown): string[] {
  if (typeof raw !== 'string') return [];
  const out: string[] = [];
  for (const m of scrub(raw).matchAll(/[a-z0-9._%+'-]+@[a-z0-9.-]+\.[a-z]{2,}/gi)) {
    const at = m[0].lastIndexOf('@');
    const e = `${m[0].slice(0, at)}@${m[0].slice(at + 1).toLowerCase()}`.replace(/\.$/, '');
    if (Email.safeParse(e).success && !out.includes(e)) out.push(e);
  }
  return out;
}
