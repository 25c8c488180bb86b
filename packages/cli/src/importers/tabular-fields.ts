/**
 * The field groups of a tabular row (tabular-row.ts), each read through the row reader in the order the
 * row's warnings and accounting expect: identity (id, filter), classification (family, legal forms),
 * taxonomy concepts, location, contacts, opening hours, dates and registry numbers.
 */
import { type Family, FAMILIES, LEGAL_FORMS, type LegalForm } from '@essaim/sdk';
import { describeCondition, failedCondition, rawValue, weekdayHours } from '../mapping/read.ts';
import {
  cleanMultiline,
  cleanText,
  foldKey,
  inferFamily,
  type LatLon,
  looksLikeEmail,
  looksLikeOsmOpeningHours,
  normalizeEmail,
  normalizeLatLonPair,
  normalizeUrl,
  parsePhones,
} from '../normalize/index.ts';
import {
  type LocationResult,
  normalizeLocation,
  REASONS,
  recordId,
  UPDATED_AT_UNKNOWN,
  type Warnings,
} from './shared.ts';
import type { RowReader } from './tabular-row.ts';
import type { ImportContext, ImportOutcome } from './types.ts';

/** The row's id, or its rejection: left out by `where`, no id, an id too long, an id seen before. */
export function identityOf(
  r: RowReader,
  index: number,
  ctx: ImportContext,
): { kind: 'ok'; id: string; localId: string } | Extract<ImportOutcome, { kind: 'rejected' }> {
  const { mapping: m, acct, seen } = r.p;
  const idSpec = typeof m.id === 'string' ? { column: m.id } : m.id;
  const idRaw = rawValue(idSpec, r.get).value;
  const idText = cleanText(Array.isArray(idRaw) ? idRaw.join(' ') : idRaw).value;
  const localId =
    idText === undefined ? undefined : idSpec.columns?.length ? foldKey(idText).replace(/\s+/g, '-') : idText;
  r.recordId = localId ?? `#${index}`;
  const failed = failedCondition(m, r.get);
  if (failed) {
    acct.filtered++;
    const what = describeCondition(failed);
    return {
      kind: 'rejected',
      index,
      ...(localId ? { localId } : {}),
      part: 'structures',
      reasons: [
        {
          code: 'filtered-out',
          fr: `Ligne écartée par le filtre "where" de la correspondance (${what})`,
          en: `Row left out by the mapping's "where" filter (${what})`,
        },
      ],
    };
  }
  if (!localId) return { kind: 'rejected', index, part: 'structures', reasons: [REASONS.noId()] };
  const id = recordId(ctx.source.id, localId);
  if (id.length > 200)
    return { kind: 'rejected', index, localId, part: 'structures', reasons: [REASONS.idTooLong(id)] };
  if (seen.has(id))
    return { kind: 'rejected', index, localId, part: 'structures', reasons: [REASONS.duplicate(localId)] };
  return { kind: 'ok', id, localId };
}

/** Family and legal forms: as mapped, else inferred from the name (`inferFamily`), else the default. */
export function classificationOf(
  r: RowReader,
  name: string,
  description: string | undefined,
): { family: Family; legalForms: LegalForm[] } {
  const { mapping: m } = r.p;
  const w = r.w;
  let family: Family | undefined;
  const famRaw = r.first('family');
  if (famRaw) {
    if ((FAMILIES as readonly string[]).includes(famRaw)) family = famRaw as Family;
    else {
      if (!r.spec('family')?.map && !m.values?.family) r.unmatched('family', famRaw);
      w.one(
        'family',
        'value-unknown',
        `famille inconnue : « ${famRaw} » (ajoutez-la à "map")`,
        `unknown family: "${famRaw}" (add it to "map")`,
      );
    }
  }
  const legalForms: LegalForm[] = [];
  for (const { value: v, mapped } of r.items('legalForms')) {
    if ((LEGAL_FORMS as readonly string[]).includes(v)) {
      if (!legalForms.includes(v as LegalForm)) legalForms.push(v as LegalForm);
    } else {
      if (mapped || (!r.spec('legalForms')?.map && !m.values?.legalForms)) r.unmatched('legalForms', v);
      w.one(
        'legalForms',
        'value-unknown',
        `forme juridique inconnue : « ${v} » (ajoutez-la à "map")`,
        `unknown legal form: "${v}" (add it to "map")`,
      );
    }
  }
  if (!family && m.inferFamily) {
    const inferred = inferFamily({ name, texts: [description ?? ''] });
    if (inferred.family !== 'autre') {
      family = inferred.family;
      for (const lf of inferred.legalForms) if (!legalForms.includes(lf)) legalForms.push(lf);
    }
  }
  const defaultFamily = m.defaults?.family;
  family ??=
    typeof defaultFamily === 'string' && (FAMILIES as readonly string[]).includes(defaultFamily)
      ? (defaultFamily as Family)
      : 'autre';
  return { family, legalForms };
}

/** The taxonomy concepts of `themes` or `publics`; values outside the taxonomy go to `unmapped`. */
export function conceptsOf(r: RowReader, field: 'themes' | 'publics', unmapped: string[]): string[] {
  const { mapping: m, concepts } = r.p;
  const out: string[] = [];
  const hasMap = Boolean(r.spec(field)?.map ?? m.values?.[field]);
  for (const { value: v, mapped } of r.items(field)) {
    const c = concepts.find(field, v);
    if (c) {
      if (!out.includes(c)) out.push(c);
    } else {
      if (mapped)
        r.w.one(
          field,
          'concept-missing',
          `le concept « ${v} » n’est pas dans la taxonomie du flux`,
          `concept "${v}" is not in the feed's taxonomy`,
        );
      else if (!hasMap) r.unmatched(field, v);
      if (!unmapped.includes(v)) unmapped.push(v);
    }
  }
  return out;
}

/** Address and point: the geometry's point, a lat/lon pair, or separate columns; then the commune. */
export function locationOf(
  r: RowReader,
  ctx: ImportContext,
  point: { geo?: LatLon } | undefined,
): LocationResult {
  const m = r.p.mapping;
  let lat: unknown = r.first('geo.lat');
  let lon: unknown = r.first('geo.lon');
  let geo = point?.geo;
  if (!geo && r.spec('geo')) {
    const pair = normalizeLatLonPair(r.raw('geo'));
    r.w.add('geo', pair.notes);
    geo = pair.value;
  }
  if (geo) lat = lon = undefined;
  const postcodeSpec = r.spec('address.postcode');
  return normalizeLocation(
    ctx.places,
    {
      street: r.first('address.street'),
      complement: r.first('address.complement'),
      // The raw cell (a number in JSON is padded by the postcode normaliser).
      postcode:
        postcodeSpec && !postcodeSpec.map && !postcodeSpec.split
          ? (r.raw('address.postcode') ?? m.defaults?.['address.postcode'])
          : r.first('address.postcode'),
      commune: r.first('address.commune'),
      insee: r.first('address.cog.commune'),
      country: r.first('address.country'),
      ...(geo ? { geo } : { lat, lon }),
    },
    r.w,
  );
}

/**
 * A département or région given by the file (a constant for a regional list): it completes the codes
 * derived from the commune, and never contradicts them.
 */
export function cogGiven(r: RowReader, location: LocationResult): void {
  for (const level of ['departement', 'region'] as const) {
    const field = `address.cog.${level}`;
    const given = cleanText(r.first(field)).value;
    if (!given) continue;
    const cog = location.address?.cog ?? {};
    const derived = cog[level];
    if (derived && derived !== given)
      r.w.one(
        field,
        'cog-contradicts-commune',
        `code ${level === 'region' ? 'de région' : 'de département'} « ${given} » donné, mais la commune est en « ${derived} » : celui de la commune est gardé`,
        `${level === 'region' ? 'région' : 'département'} code "${given}" given, but the commune is in "${derived}": the commune's is kept`,
      );
    else if (!derived) location.address = { ...location.address, cog: { ...cog, [level]: given } };
  }
}

/** Phones, one e-mail (an address in the website column counts), website, social links, images. */
export function contactsOf(
  r: RowReader,
  country: string | undefined,
): { contacts: Record<string, unknown>; images: string[] } {
  const m = r.p.mapping;
  const w = r.w;
  const contacts: Record<string, unknown> = {};
  const phones = parsePhones(r.first('contacts.phone'), { country });
  w.add('contacts.phone', phones.notes);
  if (phones.value?.length) {
    contacts.phone = phones.value[0];
    if (phones.value.length > 1) contacts.phones = phones.value;
  }
  const websiteRaw = r.first('contacts.website');
  const emails = r.list('contacts.email');
  if (!emails.length && websiteRaw && looksLikeEmail(websiteRaw)) emails.push(websiteRaw);
  if (!emails.length && typeof m.defaults?.['contacts.email'] === 'string')
    emails.push(m.defaults['contacts.email'] as string);
  const email = normalizeEmail(emails[0]);
  w.add('contacts.email', email.notes);
  if (email.value) contacts.email = email.value;
  if (emails.length > 1)
    w.one(
      'contacts.email',
      'extra-values-dropped',
      `une seule adresse e-mail dans le flux (« ${emails[0]} ») ; non gardées : ${emails.slice(1).join(' ; ')}`,
      `one e-mail address in the feed ("${emails[0]}"); not kept: ${emails.slice(1).join('; ')}`,
    );
  if (websiteRaw && !looksLikeEmail(websiteRaw)) {
    const site = normalizeUrl(websiteRaw);
    w.add('contacts.website', site.notes);
    if (site.value) contacts.website = site.value;
  }
  const urls = (field: string) =>
    r
      .list(field)
      .map((s) => {
        const u = normalizeUrl(s);
        w.add(field, u.notes);
        return u.value;
      })
      .filter(Boolean) as string[];
  const socials = urls('contacts.socials');
  if (socials.length) contacts.socials = socials;
  const images = urls('images');
  return { contacts, images };
}

/** Opening hours: weekday columns (labels), an OSM value, or text. */
export function openingHoursOf(r: RowReader): { openingHours?: string; openingHoursText?: string } {
  const w: Warnings = r.w;
  let openingHours: string | undefined;
  let openingHoursText = cleanMultiline(r.first('openingHoursText')).value;
  const hoursSpec = r.spec('openingHours');
  if (hoursSpec?.labels) {
    const h = weekdayHours(hoursSpec, r.get);
    w.add('openingHours', h.notes);
    openingHours = h.osm;
    if (h.text) openingHoursText = openingHoursText ? `${h.text}\n${openingHoursText}` : h.text;
  } else {
    const hours = cleanText(r.first('openingHours')).value;
    if (hours && looksLikeOsmOpeningHours(hours)) openingHours = hours;
    else if (hours) {
      openingHoursText ??= hours;
      w.one(
        'openingHours',
        'opening-hours-as-text',
        'horaires hors syntaxe OpenStreetMap : gardés en texte',
        'opening hours not in OpenStreetMap syntax: kept as text',
      );
    }
  }
  return { openingHours, openingHoursText };
}

/** Update and creation dates. Without a date in the row (nor `defaults.updatedAt`), the update date stays unknown: never the file's. */
export function datesOf(r: RowReader): { updatedAt?: string; createdAt?: string } {
  const updated = r.date('updatedAt');
  r.w.add('updatedAt', updated.notes);
  const created = r.date('createdAt');
  r.w.add('createdAt', created.notes);
  const updatedAt = updated.value;
  if (!updatedAt) r.w.one('updatedAt', ...UPDATED_AT_UNKNOWN);
  return { updatedAt, createdAt: created.value };
}

/** SIRET and SIREN (the SIRET's first nine digits when only the SIRET is given). */
export function registryNumbersOf(r: RowReader): { siret?: string; siren?: string } {
  const siret = cleanText(r.first('siret')).value?.replace(/\s+/g, '');
  const siren =
    cleanText(r.first('siren')).value?.replace(/\s+/g, '') ??
    (siret && /^\d{14}$/.test(siret) ? siret.slice(0, 9) : undefined);
  return { siret, siren };
}
