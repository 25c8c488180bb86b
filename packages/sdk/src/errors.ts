/**
 * The errors of the SDK: one class per kind of failure, all extending `EssaimError`. Each carries a
 * stable `code`, what happened and what to do in French and English (`messages`, the French one is
 * what a widget shows), the "what to do" part alone (`hint`), and `message` in English.
 */
import type { ValidationIssue } from './validate.ts';

export interface Messages {
  fr: string;
  en: string;
}

export type EssaimErrorCode =
  | 'feed-network'
  | 'feed-http'
  | 'feed-timeout'
  | 'feed-abort'
  | 'feed-format'
  | 'feed-unsupported-version'
  /** Anything else (a bug, an unexpected exception): the original error is the `cause`. */
  | 'feed-unknown';

export interface EssaimErrorOptions {
  /** The URL that failed, when there is one. */
  url?: string | undefined;
  cause?: unknown;
}

/** Base class: `instanceof EssaimError` catches every failure of the SDK. */
export class EssaimError extends Error {
  override name = 'EssaimError';
  readonly code: EssaimErrorCode;
  /** What happened and what to do, in French and English (the French one is for the page). */
  readonly messages: Messages;
  /** What to do about it, in French and English (also included at the end of `messages`). */
  readonly hint: Messages;
  /** The URL that failed (manifest or part), when there is one. */
  readonly url: string | undefined;

  constructor(code: EssaimErrorCode, what: Messages, hint: Messages, options: EssaimErrorOptions = {}) {
    const messages = { fr: join(what.fr, hint.fr), en: join(what.en, hint.en) };
    super(messages.en, options.cause === undefined ? undefined : { cause: options.cause });
    this.code = code;
    this.messages = messages;
    this.hint = hint;
    this.url = options.url;
  }
}

function join(what: string, hint: string): string {
  return hint ? `${what} ${hint}` : what;
}

const at = (url: string | undefined, lang: 'fr' | 'en') =>
  url ? (lang === 'fr' ? ` à l’adresse ${url}` : ` at ${url}`) : '';

/** Offline, DNS failure, connection refused, or blocked by the browser (CORS). */
export class FeedNetworkError extends EssaimError {
  override name = 'FeedNetworkError';
  constructor(options: EssaimErrorOptions = {}) {
    super(
      'feed-network',
      {
        fr: `Impossible de joindre le flux${at(options.url, 'fr')} : pas de connexion, adresse introuvable ou accès bloqué par le navigateur (CORS).`,
        en: `Could not reach the feed${at(options.url, 'en')}: no connection, unknown host, or blocked by the browser (CORS).`,
      },
      {
        fr: 'Vérifiez la connexion ou l’adresse du flux ; si le flux est sur un autre site, ce site doit envoyer les en-têtes CORS (Access-Control-Allow-Origin).',
        en: 'Check the connection or the feed URL; if the feed is on another site, it must send CORS headers (Access-Control-Allow-Origin).',
      },
      options,
    );
  }
}

function httpTexts(status: number): { what: Messages; hint: Messages } {
  if (status === 404 || status === 410) {
    return {
      what: { fr: `Flux introuvable (erreur ${status})`, en: `Feed not found (HTTP ${status})` },
      hint: { fr: 'Vérifiez l’adresse du flux.', en: 'Check the feed URL.' },
    };
  }
  if (status === 401 || status === 403) {
    return {
      what: {
        fr: `Accès au flux refusé (erreur ${status})`,
        en: `Access to the feed denied (HTTP ${status})`,
      },
      hint: {
        fr: 'Un flux doit être public : vérifiez l’adresse du flux et les droits d’accès du serveur qui l’héberge.',
        en: 'A feed must be public: check the feed URL and the access settings of the server hosting it.',
      },
    };
  }
  if (status === 429) {
    return {
      what: {
        fr: 'Trop de requêtes vers le flux (erreur 429)',
        en: 'Too many requests to the feed (HTTP 429)',
      },
      hint: { fr: 'Réessayez dans quelques minutes.', en: 'Try again in a few minutes.' },
    };
  }
  if (status >= 500) {
    return {
      what: {
        fr: `Le serveur qui héberge le flux a un problème (erreur ${status})`,
        en: `The server hosting the feed has a problem (HTTP ${status})`,
      },
      hint: { fr: 'Réessayez plus tard.', en: 'Try again later.' },
    };
  }
  return {
    what: {
      fr: `Le serveur a refusé la requête du flux (erreur ${status})`,
      en: `The server refused the feed request (HTTP ${status})`,
    },
    hint: { fr: 'Vérifiez l’adresse du flux.', en: 'Check the feed URL.' },
  };
}

/** The server answered with an error status (after retries, for the statuses that are retried). */
export class FeedHttpError extends EssaimError {
  override name = 'FeedHttpError';
  readonly status: number;
  readonly statusText: string;
  constructor(status: number, options: EssaimErrorOptions & { statusText?: string } = {}) {
    const { what, hint } = httpTexts(status);
    super(
      'feed-http',
      { fr: `${what.fr}${at(options.url, 'fr')}.`, en: `${what.en}${at(options.url, 'en')}.` },
      hint,
      options,
    );
    this.status = status;
    this.statusText = options.statusText ?? '';
  }
}

/** No answer within the timeout (each attempt has its own). */
export class FeedTimeoutError extends EssaimError {
  override name = 'FeedTimeoutError';
  /** The timeout of one attempt, in milliseconds. */
  readonly timeout: number;
  constructor(timeout: number, options: EssaimErrorOptions = {}) {
    const s = seconds(timeout);
    super(
      'feed-timeout',
      {
        fr: `Le flux${at(options.url, 'fr')} n’a pas répondu en ${s.fr}.`,
        en: `The feed${at(options.url, 'en')} did not answer within ${s.en}.`,
      },
      {
        fr: 'Le serveur ou la connexion est lent : réessayez plus tard, ou augmentez l’option `timeout`.',
        en: 'The server or the connection is slow: try again later, or raise the `timeout` option.',
      },
      options,
    );
    this.timeout = timeout;
  }
}

function seconds(ms: number): Messages {
  const n = ms / 1000;
  const en = n >= 1 ? `${Number(n.toFixed(1))} s` : `${ms} ms`;
  return { fr: en.replace('.', ','), en };
}

/**
 * Loading was cancelled through an `AbortSignal`. Its `name` is "AbortError", like the platform's, so
 * code that ignores aborts (`err.name === 'AbortError'`) keeps working.
 */
export class FeedAbortError extends EssaimError {
  override name = 'AbortError';
  /** The signal's reason. */
  readonly reason: unknown;
  constructor(options: EssaimErrorOptions & { reason?: unknown } = {}) {
    super(
      'feed-abort',
      { fr: 'Chargement du flux annulé.', en: 'Feed loading was cancelled.' },
      { fr: '', en: '' },
      { url: options.url, cause: options.cause ?? options.reason },
    );
    this.reason = options.reason;
  }
}

/** Why a file of the feed is unreadable (see `FeedFormatError.kind`). */
export type FeedFormatKind =
  /** Not JSON at all (an HTML error page served as 200, a truncated body…). */
  | 'not-json'
  /** Not a valid manifest. */
  | 'not-a-manifest'
  /** A list part that is not a JSON array of records (`{"error": …}`, `null`…). */
  | 'not-an-array'
  /** A taxonomy part that is not a taxonomy (`{ concepts: [...] }` or an array of concepts). */
  | 'not-a-taxonomy'
  /** A part with another number of records than the manifest's `count` (a truncated or outdated file). */
  | 'count-mismatch'
  /** A part whose SHA-256 differs from the manifest's `sha256` (a changed or damaged file). */
  | 'sha256-mismatch';

/**
 * A file of the feed is unreadable: not JSON, not a valid manifest (`issues` says why, from
 * `validateManifest`), or a part that is not what the manifest promises (`kind`).
 */
export class FeedFormatError extends EssaimError {
  override name = 'FeedFormatError';
  readonly kind: FeedFormatKind;
  readonly issues: ValidationIssue[];
  /** For `count-mismatch` and `sha256-mismatch`: what the manifest promises and what the file has. */
  readonly expected: string | number | undefined;
  readonly actual: string | number | undefined;
  constructor(
    kind: FeedFormatKind,
    options: EssaimErrorOptions & {
      issues?: ValidationIssue[];
      expected?: string | number;
      actual?: string | number;
    } = {},
  ) {
    const issues = options.issues ?? [];
    const list = (lang: 'fr' | 'en') =>
      issues
        .slice(0, 3)
        .map((i) => (i.path ? `${i.path}${lang === 'fr' ? ' : ' : ': '}${i.message[lang]}` : i.message[lang]))
        .join(lang === 'fr' ? ' ; ' : '; ') + (issues.length > 3 ? ' …' : '');
    const { expected, actual } = options;
    // A part that is not what the manifest promises: one sentence, the kind's detail inside.
    const part: Record<string, Messages> = {
      'not-an-array': {
        fr: 'n’est pas un tableau JSON d’enregistrements',
        en: 'is not a JSON array of records',
      },
      'not-a-taxonomy': {
        fr: 'n’est pas une taxonomie (« concepts »)',
        en: 'is not a taxonomy ("concepts")',
      },
      'count-mismatch': {
        fr: `a ${actual} enregistrement(s) au lieu des ${expected} annoncés (fichier tronqué ou pas à jour)`,
        en: `has ${actual} record(s) instead of the ${expected} announced (truncated or outdated)`,
      },
      'sha256-mismatch': {
        fr: 'ne correspond pas à l’empreinte SHA-256 annoncée (fichier modifié ou abîmé)',
        en: 'does not match the SHA-256 announced (changed or damaged)',
      },
    };
    const detail = part[kind];
    const what: Messages = detail
      ? {
          fr: `La partie du flux${at(options.url, 'fr')} ${detail.fr}.`,
          en: `The feed part${at(options.url, 'en')} ${detail.en}.`,
        }
      : kind === 'not-json'
        ? {
            fr: `Le fichier${at(options.url, 'fr')} n’est pas du JSON (page d’erreur ou fichier tronqué).`,
            en: `The file${at(options.url, 'en')} is not JSON (an error page or a truncated file).`,
          }
        : {
            fr: `Le fichier${at(options.url, 'fr')} n’est pas un manifeste de flux Essaim valide (${issues.length} problème${issues.length > 1 ? 's' : ''} : ${list('fr')}).`,
            en: `The file${at(options.url, 'en')} is not a valid Essaim feed manifest (${issues.length} issue${issues.length > 1 ? 's' : ''}: ${list('en')}).`,
          };
    super(
      'feed-format',
      what,
      {
        fr: 'Vérifiez le flux avec « essaim validate » et republiez-le en entier (essaim build).',
        en: 'Check the feed with "essaim validate" and publish it again in full (essaim build).',
      },
      options,
    );
    this.kind = kind;
    this.issues = issues;
    this.expected = expected;
    this.actual = actual;
  }
}

/** The feed is in a newer format (schemaVersion 2.x or later) than this SDK reads (1.x). */
export class FeedUnsupportedVersionError extends EssaimError {
  override name = 'FeedUnsupportedVersionError';
  /** The feed's `schemaVersion`. */
  readonly version: string;
  /** What this SDK reads. */
  readonly supported = '1.x';
  constructor(version: string, options: EssaimErrorOptions = {}) {
    super(
      'feed-unsupported-version',
      {
        fr: `Le flux${at(options.url, 'fr')} est au format ${version}, que cette version de @essaim/sdk ne sait pas lire (elle lit le format 1.x).`,
        en: `The feed${at(options.url, 'en')} uses format ${version}, which this version of @essaim/sdk cannot read (it reads format 1.x).`,
      },
      { fr: 'Mettez à jour @essaim/sdk.', en: 'Update @essaim/sdk.' },
      options,
    );
    this.version = version;
  }
}

/** True for every error of the SDK (also across bundles, where `instanceof` may fail). */
export function isEssaimError(error: unknown): error is EssaimError {
  if (error instanceof EssaimError) return true;
  const e = error as { code?: unknown; messages?: unknown } | null;
  return (
    typeof e === 'object' &&
    e !== null &&
    typeof e.code === 'string' &&
    e.code.startsWith('feed-') &&
    typeof e.messages === 'object'
  );
}
