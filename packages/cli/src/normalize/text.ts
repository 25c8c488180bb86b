/**
 * Plain text out of what sources really contain: HTML fragments (`<p style="…">`, `<br class='autobr' />`,
 * Word's `<!--[if !supportLists]-->`), HTML entities in text that is not HTML (`l&#39;association`),
 * Windows line ends, byte-order marks and zero-width spaces, and placeholders typed instead of a value
 * ("manquant", "undefined undefined", "???").
 *
 * HTML is read with htmlparser2's tokenizer (no DOM, works in Node): entities are decoded, comments,
 * scripts and styles dropped, block elements become line breaks, and runs of spaces are collapsed.
 */
import { Parser } from 'htmlparser2';
import { type Normalized, note, quote } from './notes.ts';

/** Characters that are invisible and only get in the way: BOM, zero-width spaces and joiners, soft hyphen. */
const INVISIBLE = /[\uFEFF\u200B-\u200D\u2060\u00AD]/g;
/** C0/C1 control characters other than tab and line feed. */
const CONTROLS = /[^\P{Cc}\t\n]/gu;

/** Values people type when they have nothing to say (compared lower-cased, trimmed). */
const PLACEHOLDERS = new Set([
  'manquant',
  'manquante',
  'sans',
  'neant',
  'néant',
  'aucun',
  'aucune',
  'n/a',
  'na',
  'nc',
  'n.c.',
  'null',
  'none',
  'nil',
  'undefined',
  'undefined undefined',
  'inconnu',
  'non renseigné',
  'non renseigne',
  'à compléter',
  'a completer',
  'à venir',
  'tbd',
  'todo',
  'x',
  'xx',
  'xxx',
]);

/** True for values that only stand for "nothing": "manquant", "???", "-", "undefined undefined"… */
export function isPlaceholder(s: string): boolean {
  const t = s.trim().toLowerCase();
  if (t === '') return true;
  if (/^[?._\-–—*/\s]+$/.test(t)) return true;
  return PLACEHOLDERS.has(t);
}

/** Removes invisible and control characters and normalises line ends (no other change). */
export function scrub(s: string): string {
  return (
    s
      .replace(INVISIBLE, '')
      .replace(/\r\n?/g, '\n')
      .replace(CONTROLS, '')
      // Quotes escaped once too often by a PHP export: "d\\\'accéder" → "d'accéder".
      .replace(/\\+(?=['"])/g, '')
      .normalize('NFC')
  );
}

/**
 * A short single-line text (a name, a commune, a tag): invisible characters removed, whitespace collapsed,
 * entities decoded, placeholders refused (with a note). Non-strings (numbers) are stringified.
 */
export function cleanText(raw: unknown): Normalized<string> {
  if (raw === null || raw === undefined) return { notes: [] };
  if (typeof raw !== 'string' && typeof raw !== 'number') {
    return {
      notes: [
        note(
          'text-not-text',
          `valeur non textuelle ignorée : ${quote(raw)}`,
          `non-text value ignored: ${quote(raw)}`,
        ),
      ],
    };
  }
  let s = scrub(String(raw));
  if (/&(?:#\d+|#x[0-9a-f]+|[a-z][a-z0-9]*);/i.test(s) || /<\/?[a-z][^>]*>/i.test(s)) s = htmlToText(s);
  s = s.replace(/\s+/g, ' ').trim();
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
  return { value: s, notes: [] };
}

/**
 * A multi-line plain text (a description, opening hours written out): HTML turned into text, line breaks
 * kept, trailing spaces and runs of blank lines removed, placeholder-only lines (e.g. a first line
 * "Manquant") dropped.
 */
export function cleanMultiline(raw: unknown): Normalized<string> {
  if (raw === null || raw === undefined) return { notes: [] };
  if (typeof raw !== 'string') return cleanText(raw);
  const notes = [];
  const html = looksLikeHtml(raw);
  let s = html ? htmlToText(raw) : decodeEntities(scrub(raw));
  if (html)
    notes.push(note('html-stripped', 'balises HTML retirées du texte', 'HTML tags removed from the text'));
  const lines = s.split('\n').map((l) => l.replace(/[ \t]+/g, ' ').trim());
  const kept = lines.filter((l) => l === '' || !isPlaceholder(l));
  if (kept.length !== lines.length && kept.some((l) => l !== '')) {
    notes.push(
      note(
        'placeholder',
        'ligne de remplissage retirée (« manquant »…)',
        'placeholder line removed ("manquant"…)',
      ),
    );
  }
  s = kept
    .join('\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
  if (s === '') {
    return kept.length !== lines.length
      ? {
          notes: [
            note(
              'placeholder',
              `valeur de remplissage ignorée : « ${quote(raw)} »`,
              `placeholder value ignored: "${quote(raw)}"`,
            ),
          ],
        }
      : { notes: [] };
  }
  return { value: s, notes };
}

/** True when the string contains at least one HTML tag (not merely a "<" sign). */
export function looksLikeHtml(s: string): boolean {
  return /<\/?[a-z][a-z0-9]*(?:\s[^<>]*)?\/?>/i.test(s) || /<!--/.test(s);
}

/** Decodes HTML entities in text that is not HTML (`l&#39;association`, `&eacute;`, `&amp;`). */
export function decodeEntities(s: string): string {
  if (!s.includes('&')) return s;
  let out = '';
  const parser = new Parser({ ontext: (t) => (out += t) }, { decodeEntities: true });
  // Escape "<" so that nothing is read as a tag: only entities are decoded.
  parser.write(s.replace(/</g, '&lt;'));
  parser.end();
  return out;
}

const BLOCK = new Set([
  'address',
  'article',
  'aside',
  'blockquote',
  'dd',
  'div',
  'dl',
  'dt',
  'fieldset',
  'figcaption',
  'figure',
  'footer',
  'form',
  'h1',
  'h2',
  'h3',
  'h4',
  'h5',
  'h6',
  'header',
  'hr',
  'li',
  'main',
  'nav',
  'ol',
  'p',
  'pre',
  'section',
  'table',
  'tr',
  'ul',
]);
const PARAGRAPH = new Set([
  'p',
  'h1',
  'h2',
  'h3',
  'h4',
  'h5',
  'h6',
  'blockquote',
  'ul',
  'ol',
  'table',
  'pre',
]);
const SKIP = new Set(['script', 'style', 'template', 'noscript', 'head', 'title']);

/**
 * HTML fragment → plain text. Entities decoded; `<br>` → line break; paragraphs and headings → blank
 * line; list items → "- " lines; table cells separated by a tab; comments, scripts and styles dropped;
 * spaces collapsed (non-breaking spaces, which French typography uses before « ; : ? ! », are kept).
 * Text without any tag still gets its entities decoded and its line breaks kept.
 */
export function htmlToText(html: string): string {
  const src = scrub(html);
  if (!looksLikeHtml(src)) return decodeEntities(src).trim();
  // Authors who write plain text with a stray inline tag (<b>, <a>) mean their line breaks; in real HTML
  // (with <p>, <br>, <div>…) a line break in the source is only a space.
  const keepNewlines = !/<(?:br|p|div|li|h[1-6]|tr|table|ul|ol|blockquote|pre|section|article)\b/i.test(src);
  const NL = '\u0001';
  const parts: string[] = [];
  let skipDepth = 0;
  let preDepth = 0;
  const parser = new Parser(
    {
      onopentag(name) {
        if (SKIP.has(name)) skipDepth++;
        if (skipDepth) return;
        if (name === 'pre') preDepth++;
        if (name === 'br') parts.push(NL);
        else if (PARAGRAPH.has(name)) parts.push(NL + NL);
        else if (name === 'li') parts.push(`${NL}- `);
        else if (BLOCK.has(name)) parts.push(NL);
        else if (name === 'td' || name === 'th') parts.push(' \t ');
      },
      ontext(text) {
        if (skipDepth) return;
        if (preDepth || keepNewlines) parts.push(text.replace(/\n/g, NL));
        else parts.push(text.replace(/[ \t\n\f\v]+/g, ' '));
      },
      onclosetag(name) {
        if (SKIP.has(name)) {
          skipDepth = Math.max(0, skipDepth - 1);
          return;
        }
        if (skipDepth) return;
        if (name === 'pre') preDepth = Math.max(0, preDepth - 1);
        if (PARAGRAPH.has(name)) parts.push(NL + NL);
        else if (BLOCK.has(name) && name !== 'li') parts.push(NL);
      },
    },
    { decodeEntities: true, lowerCaseTags: true, recognizeSelfClosing: true },
  );
  parser.write(src);
  parser.end();
  return parts
    .join('')
    .split(NL)
    .map((line) => line.replace(/[ \t\f\v]+/g, ' ').trim())
    .join('\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}

/**
 * Shortens `s` to at most `max` characters, cutting at a word boundary and ending with "…" (with a note),
 * for fields whose schema has a maximum length.
 */
export function truncate(s: string, max: number): Normalized<string> {
  if (s.length <= max) return { value: s, notes: [] };
  let cut = s.slice(0, max - 1);
  const space = cut.search(/\s\S*$/);
  if (space > max / 2) cut = cut.slice(0, space);
  return {
    value: `${cut.trimEnd()}…`,
    notes: [
      note(
        'text-truncated',
        `texte raccourci à ${max} caractères (il en avait ${s.length})`,
        `text shortened to ${max} characters (it had ${s.length})`,
      ),
    ],
  };
}

/** Splits a list written in one cell ("a; b, c" or a JSON array) into clean, de-duplicated items. */
export function splitList(raw: unknown, separators: RegExp = /[;,|\n]/): string[] {
  let items: unknown[];
  if (Array.isArray(raw)) items = raw;
  else if (typeof raw === 'string') {
    const t = raw.trim();
    if (t.startsWith('[') && t.endsWith(']')) {
      try {
        const parsed: unknown = JSON.parse(t);
        items = Array.isArray(parsed) ? parsed : [t];
      } catch {
        items = t.slice(1, -1).split(separators);
      }
    } else items = t.split(separators);
  } else if (raw === null || raw === undefined) items = [];
  else items = [raw];
  const out: string[] = [];
  const seen = new Set<string>();
  for (const item of items) {
    const v = cleanText(item).value;
    if (v === undefined) continue;
    const key = v.toLowerCase();
    if (seen.has(key)) continue;
    seen.add(key);
    out.push(v);
  }
  return out;
}

/** Comparison key: lower case, no accents, punctuation as single spaces (for matching names, not display). */
export function foldKey(s: string): string {
  return s
    .toLowerCase()
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .replace(/œ/g, 'oe')
    .replace(/æ/g, 'ae')
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}
