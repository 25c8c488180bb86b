/**
 * Answers ↔ a short text for an opt-in shareable link: `qui=jeune&besoin=creer&lieu=48.86,2.38,Paris%2011e,c75111,d75`.
 * Steps and options are written with their `key` (else their id), in the order of the journey; a question
 * left aside is `key=` (empty); a place is `lat,lon,label` then its codes (`c` commune, `e` EPCI,
 * `d` département, `r` région), coordinates rounded to 2 decimals (about 1 km) so a link never gives away
 * where someone lives. Nothing is sent anywhere: the host page decides whether to put it in its URL.
 *
 * @module
 */
import type { CogCodes } from '../schema/common.ts';
import type { Parcours, ParcoursStep } from '../schema/parcours.ts';
import { COG_PATTERNS } from '../core/cog.ts';
import type { AnswerValue, Answers, OrientationError, OrientationPlace } from './types.ts';

const enc = encodeURIComponent;
const keyOf = (x: { id: string; key?: string | undefined }) => x.key ?? x.id;
const round2 = (x: number) => Math.round(x * 100) / 100;

function isPlace(v: AnswerValue): v is OrientationPlace {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** The answers as text, steps in the order of `path` (then the others, in the parcours' order). */
export function serializeAnswers(parcours: Parcours, answers: Answers, path?: readonly string[]): string {
  const order = [...(path ?? []), ...parcours.steps.map((s) => s.id).filter((id) => !path?.includes(id))];
  const steps = new Map(parcours.steps.map((s) => [s.id, s]));
  const parts: string[] = [];
  for (const id of order) {
    if (!(id in answers)) continue;
    const step = steps.get(id);
    if (!step) continue;
    const value = answers[id]!;
    let text: string;
    if (value === null) text = '';
    else if (isPlace(value)) {
      const fields = [String(round2(value.lat)), String(round2(value.lon)), enc(value.label)];
      const cog: CogCodes = value.cog ?? {};
      if (cog.commune) fields.push(`c${cog.commune}`);
      if (cog.epci) fields.push(`e${cog.epci}`);
      if (cog.departement) fields.push(`d${cog.departement}`);
      if (cog.region) fields.push(`r${cog.region}`);
      text = fields.join(',');
    } else {
      const ids = typeof value === 'string' ? [value] : (value as readonly string[]);
      text = (step.options ?? [])
        .filter((o) => ids.includes(o.id))
        .map((o) => enc(keyOf(o)))
        .join(',');
    }
    parts.push(`${enc(keyOf(step))}=${text}`);
  }
  return parts.join('&');
}

function decode(s: string): string | undefined {
  try {
    return decodeURIComponent(s.replace(/\+/g, ' '));
  } catch {
    return undefined;
  }
}

const unreadable = (value: string, stepId?: string): OrientationError => ({
  code: 'unreadable',
  ...(stepId ? { stepId } : {}),
  value,
  message: {
    fr: `Une partie du lien n’a pas pu être lue et a été ignorée : « ${value} ».`,
    en: `Part of the link could not be read and was ignored: “${value}”.`,
  },
});

function parsePlace(text: string): OrientationPlace | undefined {
  const [latText, lonText, labelText, ...codes] = text.split(',');
  const lat = Number(latText);
  const lon = Number(lonText);
  const label = labelText === undefined ? undefined : decode(labelText);
  if (!latText || !lonText || !Number.isFinite(lat) || !Number.isFinite(lon) || !label) return undefined;
  if (Math.abs(lat) > 90 || Math.abs(lon) > 180) return undefined;
  const cog: CogCodes = {};
  for (const c of codes) {
    const code = c.slice(1);
    if (c[0] === 'c' && COG_PATTERNS.commune.test(code)) cog.commune = code;
    else if (c[0] === 'e' && COG_PATTERNS.epci.test(code)) cog.epci = code;
    else if (c[0] === 'd' && COG_PATTERNS.departement.test(code)) cog.departement = code;
    else if (c[0] === 'r' && COG_PATTERNS.region.test(code)) cog.region = code;
    else return undefined;
  }
  return Object.keys(cog).length ? { lat, lon, label, cog } : { lat, lon, label };
}

/**
 * Reads answers written by {@link serializeAnswers}. Unknown steps or options are skipped and reported;
 * the answers are not checked against the branch (the connector does that when it applies them).
 */
export function parseAnswers(
  parcours: Parcours,
  text: string,
): { answers: Answers; errors: OrientationError[] } {
  const answers: Record<string, AnswerValue> = {};
  const errors: OrientationError[] = [];
  const byKey = new Map<string, ParcoursStep>();
  for (const s of parcours.steps) byKey.set(keyOf(s), s);
  for (const s of parcours.steps) if (!byKey.has(s.id)) byKey.set(s.id, s);
  const body = text.trim().replace(/^[?#]/, '');
  if (!body) return { answers, errors };
  for (const part of body.split('&')) {
    if (!part) continue;
    const eq = part.indexOf('=');
    const key = decode(eq < 0 ? part : part.slice(0, eq));
    const raw = eq < 0 ? '' : part.slice(eq + 1);
    const step = key === undefined ? undefined : byKey.get(key);
    if (!step || step.id in answers) {
      errors.push(unreadable(decode(part) ?? part));
      continue;
    }
    if (raw === '') {
      answers[step.id] = null;
      continue;
    }
    if (step.kind === 'place') {
      const place = parsePlace(raw);
      if (place) answers[step.id] = place;
      else errors.push(unreadable(decode(part) ?? part, step.id));
      continue;
    }
    const ids: string[] = [];
    for (const k of raw.split(',')) {
      const optionKey = decode(k);
      const option =
        step.options?.find((o) => keyOf(o) === optionKey) ?? step.options?.find((o) => o.id === optionKey);
      if (option && !ids.includes(option.id)) ids.push(option.id);
      else if (!option) errors.push(unreadable(`${key}=${optionKey ?? k}`, step.id));
    }
    if (!ids.length) continue;
    answers[step.id] = step.kind === 'multiple' ? ids : ids[0]!;
    if (step.kind === 'single' && ids.length > 1) errors.push(unreadable(decode(part) ?? part, step.id));
  }
  return { answers, errors };
}
