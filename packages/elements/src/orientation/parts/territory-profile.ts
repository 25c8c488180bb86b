/**
 * The chosen place's profile (`<ess-territoire>`) above the results when an answer is one of the
 * `territoire-for` options (the « Élu ou élue » persona), and the test that tells a revalidated copy of
 * the same journey from a new one.
 */
import { communeOfArrondissement, type OrientationState, type Parcours } from '@essaim/sdk';
import { html, nothing, type TemplateResult } from 'lit';

/** JSON with the keys of every object sorted (the validated feed may order keys unlike its preview). */
const stableJson = (value: unknown): string =>
  JSON.stringify(value, (_key, v: unknown) =>
    v && typeof v === 'object' && !Array.isArray(v)
      ? Object.fromEntries(Object.entries(v).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
      : v,
  );

/** The same journey, e.g. in a revalidated copy of the feed (a new object with the same content). */
export const sameParcours = (a: Parcours, b: Parcours): boolean => a === b || stableJson(a) === stableJson(b);

/** The profile of the chosen place's commune, when an answer is one of `territoireFor`'s options. */
export function renderTerritoryProfile(
  s: OrientationState,
  territoireFor: string,
  level: number,
  feed: string | undefined,
): TemplateResult | typeof nothing {
  const ids = territoireFor.split(/[\s,;]+/).filter(Boolean);
  const answers = Object.values(s.answers);
  const chosen = answers.some((v) => (Array.isArray(v) ? v : [v]).some((x) => ids.includes(x as string)));
  const place = answers.find((v) => typeof v === 'object' && v !== null && !Array.isArray(v));
  const code = (place as { cog?: { commune?: string } } | undefined)?.cog?.commune;
  if (!chosen || !code) return nothing;
  void import('../../define/ess-territoire.ts');
  return html`<ess-territoire
    communes=${communeOfArrondissement(code)}
    heading-level=${level}
    feed=${feed ?? nothing}
  ></ess-territoire>`;
}
