/**
 * One row (a CSV row, a JSON record, a GeoJSON feature's properties) read through a tabular mapping into
 * a structure: the row reader (values per feed field, with warnings and the accounting), and the row's
 * outcome, built field group by field group (tabular-fields.ts).
 */
import { Structure } from '@essaim/sdk';
import type { FieldAccounting } from '../mapping/accounting.ts';
import { type Getter, isEmpty, itemsOf, mapValue, rawValue, specOf } from '../mapping/read.ts';
import { type FieldSpecObject, LIST_FIELDS, type TabularMapping } from '../mapping/schema.ts';
import {
  cleanMultiline,
  cleanText,
  type LatLon,
  normalizeDate,
  normalizeUrl,
  parseDateLoose,
  truncate,
} from '../normalize/index.ts';
import { finalize, outcome, REASONS, type TaxonomyIndex, Warnings } from './shared.ts';
import {
  classificationOf,
  cogGiven,
  conceptsOf,
  contactsOf,
  datesOf,
  identityOf,
  locationOf,
  openingHoursOf,
  registryNumbersOf,
} from './tabular-fields.ts';
import type { ImportContext, ImportOutcome } from './types.ts';

export interface Prepared {
  mapping: TabularMapping;
  concepts: TaxonomyIndex;
  seen: Set<string>;
  firstWarnings: Array<{ code: string; fr: string; en: string }>;
  acct: FieldAccounting;
}

/** One row read through the mapping: values per feed field, with warnings and the accounting. */
export class RowReader {
  recordId = '';
  constructor(
    readonly get: Getter,
    readonly p: Prepared,
    readonly w: Warnings,
  ) {}

  spec(field: string): FieldSpecObject | undefined {
    const s = this.p.mapping.fields[field as keyof TabularMapping['fields']];
    return s === undefined ? undefined : specOf(s);
  }

  /** The raw value (pattern applied), or undefined. */
  raw(field: string): unknown {
    const s = this.spec(field);
    if (!s) return undefined;
    const r = rawValue(s, this.get);
    this.w.add(field, r.notes);
    return r.value;
  }

  /** The values of a field, split and mapped; a value a map does not match is counted as unmatched. */
  items(field: string): Array<{ value: string; mapped: boolean }> {
    const s = this.spec(field);
    if (!s) return [];
    const raw = this.raw(field);
    if (raw === undefined || raw === null || raw === '') return [];
    const map = s.map ?? this.p.mapping.values?.[field];
    const out: Array<{ value: string; mapped: boolean }> = [];
    for (const item of itemsOf(field, s, raw)) {
      const { values, mapped } = mapValue(item, map);
      if (map && !mapped) this.unmatched(field, item);
      for (const value of values) out.push({ value, mapped });
    }
    return out;
  }

  unmatched(field: string, value: string): void {
    this.p.acct.unmatchedValue(field, value, this.recordId);
  }

  /** A single-value field: its first value, else the mapping's default. Extra split values are reported. */
  first(field: string): string | undefined {
    return this.firstOf(field).value;
  }

  private firstOf(field: string): { value?: string; fromDefault?: boolean } {
    const items = this.items(field);
    if (items.length > 1 && !LIST_FIELDS.has(field)) {
      const rest = items.slice(1).map((i) => i.value);
      this.w.one(
        field,
        'extra-values-dropped',
        `une seule valeur gardée (« ${items[0]!.value} ») ; non gardées : ${rest.join(' ; ')}`,
        `one value kept ("${items[0]!.value}"); not kept: ${rest.join('; ')}`,
      );
    }
    const v = items[0]?.value;
    if (v !== undefined && v !== '') return { value: v };
    const d = this.p.mapping.defaults?.[field];
    return d === undefined || d === null ? {} : { value: String(d), fromDefault: true };
  }

  list(field: string): string[] {
    return this.items(field).map((i) => i.value);
  }

  /** A date field, read with its format when the mapping gives one (a default is an ISO date). */
  date(field: string): { value?: string; notes: Array<{ code: string; fr: string; en: string }> } {
    const format = this.spec(field)?.format;
    const { value, fromDefault } = this.firstOf(field);
    if (value === undefined) return { notes: [] };
    return format && !fromDefault ? parseDateLoose(value, { formats: [format] }) : normalizeDate(value);
  }
}

/** The outcome of one row: a structure, or a rejection with its reasons. */
export function rowToOutcome(
  get: Getter,
  index: number,
  ctx: ImportContext,
  p: Prepared,
  point?: { geo?: LatLon; notes: Warnings['list'] },
): ImportOutcome {
  const m = p.mapping;
  const w = new Warnings();
  const r = new RowReader(get, p, w);
  const identity = identityOf(r, index, ctx);
  if (identity.kind === 'rejected') return identity;
  const { id, localId } = identity;
  if (index === 0) for (const n of p.firstWarnings) w.one('', n.code, n.fr, n.en);
  if (point) w.list.push(...point.notes);

  const nameR = cleanText(r.first('name'));
  w.add('name', nameR.notes);
  if (!nameR.value)
    return { kind: 'rejected', index, localId, part: 'structures', reasons: [REASONS.noName()] };
  const name = truncate(nameR.value, 300);
  w.add('name', name.notes);
  const descR = cleanMultiline(r.first('description'));
  const description = descR.value ? truncate(descR.value, 20000) : undefined;
  w.add('description', description?.notes ?? []);

  const { family, legalForms } = classificationOf(r, nameR.value, descR.value);
  const unmapped: string[] = [];
  const themes = conceptsOf(r, 'themes', unmapped);
  const publics = conceptsOf(r, 'publics', unmapped);
  const location = locationOf(r, ctx, point);
  cogGiven(r, location);
  const { contacts, images } = contactsOf(r, location.address?.country);
  const { openingHours, openingHoursText } = openingHoursOf(r);
  const url = normalizeUrl(r.first('url'));
  w.add('url', url.notes);
  const showUrl = normalizeUrl(r.first('provenance.url'));
  const editUrl = normalizeUrl(r.first('provenance.editUrl'));
  const { updatedAt, createdAt } = datesOf(r);
  const { siret, siren } = registryNumbersOf(r);

  const draft: Record<string, unknown> = {
    id,
    name: name.value,
    alternateNames: r.list('alternateNames'),
    description: description?.value,
    family,
    legalForms,
    siret,
    siren,
    rna: cleanText(r.first('rna')).value,
    themes,
    publics,
    networks: r.list('networks'),
    keywords: r.list('keywords'),
    address: location.address,
    geo: location.geo,
    contacts,
    openingHours,
    openingHoursText,
    images,
    url: url.value,
    provenance: [
      {
        source: ctx.source.id,
        name: ctx.source.name,
        localId,
        url: showUrl.value,
        editUrl: editUrl.value,
        updatedAt,
        unmappedCategories: unmapped.length ? unmapped : undefined,
      },
    ],
    createdAt,
    updatedAt,
  };
  for (const [field, spec] of Object.entries(m.fields))
    if (spec !== undefined && !isEmpty(rawValue({ ...specOf(spec), pattern: undefined }, get).value))
      p.acct.filled(field);
  const result = finalize(Structure, draft, w, ['id', 'name', 'family', 'provenance']);
  if (result.ok) p.seen.add(id);
  // Each warning says the source value it is about (the report's examples show it).
  for (const warning of w.list) {
    if (warning.value !== undefined) continue;
    const v = sourceOf(r, warning.field)?.value;
    if (v === undefined || isEmpty(v)) continue;
    const text = Array.isArray(v) ? v.join(' | ') : String(v);
    warning.value = text.length > 200 ? `${text.slice(0, 200)}…` : text;
  }
  return outcome('structure', index, result, w, localId);
}

/** The column and source value behind a warning's feed field (for the report's examples). */
export function sourceOf(r: RowReader, field: string): { column?: string; value?: unknown } | undefined {
  // The mapped field sharing the longest dotted prefix with the warning's ("address.cog" → "address.cog.commune").
  const parts = field.split('.');
  let f: string | undefined;
  let best = 0;
  for (const k of Object.keys(r.p.mapping.fields)) {
    const kp = k.split('.');
    let n = 0;
    while (n < kp.length && n < parts.length && kp[n] === parts[n]) n++;
    if (n > best) [f, best] = [k, n];
  }
  if (!f) return undefined;
  const s = r.spec(f)!;
  const got = rawValue({ ...s, pattern: undefined }, r.get);
  return { ...(got.column ? { column: got.column } : {}), value: got.value };
}
