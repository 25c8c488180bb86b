/**
 * The figures of a territory profile as CSV (loaded on the first click): one row per figure, with the
 * directory's cell writer (RFC 4180, UTF-8 with BOM, CRLF; a cell starting with `=`, `+`, `-`, `@`, tab or
 * CR is prefixed with `'`, so no spreadsheet runs a formula from the feed's text).
 *
 * | column | content |
 * |---|---|
 * | `territoire`, `niveau`, `code` | the territory |
 * | `rubrique` | `structures`, `famille`, `thematique`, `statut`, `public`, `reseau`, `commune` / `epci` (parts), `parent`, `annee_fiche`, `evenements`, `source`, `couverture` |
 * | `libelle`, `code_valeur` | the value (label, and its id or code) |
 * | `valeur`, `unite` | the figure and its unit (`structures`, `habitants`, `pour 10 000 habitants`, `part`, `evenements`, `fiches`) |
 * | `date` | when the profile was made (its "now") |
 * | `annee`, `source`, `licence` | official figures (`rubrique` `indicateur`): their year, source and licence |
 */
import type { TerritoryProfile } from '@essaim/sdk';
import { csvCell } from '@essaim/sdk';
import type { Chart } from './sections.ts';

const COLUMNS = [
  'territoire',
  'niveau',
  'code',
  'rubrique',
  'libelle',
  'code_valeur',
  'valeur',
  'unite',
  'date',
  'annee',
  'source',
  'licence',
];

export function profileCsv(charts: readonly Chart[], p: TerritoryProfile): string {
  const t = p.territory;
  const date = p.now.slice(0, 10);
  const lines = [COLUMNS.join(',')];
  const add = (section: string, label: string, code: string, value: number | null, unit: string) => {
    if (value === null) return;
    lines.push(
      [t.name ?? '', t.level, t.code, section, label, code, value, unit, date, '', '', '']
        .map(csvCell)
        .join(','),
    );
  };
  add('structures', 'structures', '', t.structures, 'structures');
  add('structures', 'population', '', t.population, 'habitants');
  add(
    'structures',
    'pour 10 000 habitants',
    '',
    t.per10k === null ? null : round(t.per10k),
    'pour 10 000 habitants',
  );
  for (const c of charts) for (const r of c.rows) add(c.key, r.label, r.id, r.count, 'structures');
  for (const n of p.byNetwork.items) add('reseau', n.id, '', n.count, 'structures');
  for (const part of p.parts?.items ?? []) {
    add(part.level, part.name ?? part.code, part.code, part.structures, 'structures');
    add(part.level, part.name ?? part.code, part.code, part.population, 'habitants');
    add(
      part.level,
      part.name ?? part.code,
      part.code,
      part.per10k === null ? null : round(part.per10k),
      'pour 10 000 habitants',
    );
  }
  if (p.parts?.unassigned) add(p.parts.level, 'sans code', '', p.parts.unassigned, 'structures');
  const parent = p.parent;
  if (parent) {
    const label = parent.name ?? parent.code;
    add('parent', label, parent.code, parent.structures, 'structures');
    add('parent', label, parent.code, parent.population, 'habitants');
    add(
      'parent',
      label,
      parent.code,
      parent.share === null ? null : round(parent.share, 4),
      'part des structures',
    );
    add(
      'parent',
      label,
      parent.code,
      parent.populationShare === null ? null : round(parent.populationShare, 4),
      'part des habitants',
    );
  }
  for (const y of p.recordYears.items) add('annee_fiche', String(y.year), '', y.count, 'fiches');
  add('evenements', '12 derniers mois', '', p.events.past.events, 'evenements');
  add('evenements', '12 prochains mois', '', p.events.next.events, 'evenements');
  for (const s of p.coverage.bySource)
    add('source', p.coverage.sources.find((x) => x.id === s.id)?.name ?? s.id, s.id, s.count, 'fiches');
  add('couverture', 'mises a jour dans les 12 derniers mois', '', p.coverage.updatedLast12Months, 'fiches');
  add('couverture', 'sans position', '', p.coverage.withoutCoordinates, 'fiches');
  add('couverture', `fiches du flux sans code de ce niveau`, '', p.coverage.feedWithoutCode, 'fiches');
  for (const i of p.indicators)
    lines.push(
      [
        t.name ?? '',
        t.level,
        t.code,
        'indicateur',
        i.label.fr,
        i.id,
        i.value,
        i.unit.fr,
        date,
        i.year,
        i.source.url ? `${i.source.name} (${i.source.url})` : i.source.name,
        i.licence.name,
      ]
        .map(csvCell)
        .join(','),
    );
  return `\ufeff${lines.join('\r\n')}\r\n`;
}

const round = (x: number, digits = 2) => Math.round(x * 10 ** digits) / 10 ** digits;
