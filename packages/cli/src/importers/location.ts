/**
 * Addresses, points and COG codes for every importer: street lines split, postcodes and communes read
 * and checked against the official list, coordinates checked (swapped, out of France), the commune's
 * centre when a record has no point of its own, and the COG codes derived from the commune.
 */
import type { Address, GeoPoint } from '@essaim/sdk';
import {
  cleanText,
  deriveCog,
  isPlaceholder,
  type LatLon,
  isFrench,
  normalizeCoordinates,
  normalizeCountry,
  normalizePostcode,
  splitAddressLine,
} from '../normalize/index.ts';
import { compact, type Warnings } from './shared.ts';
import type { PlacesLookup } from './types.ts';

export interface LocationInput {
  street?: unknown;
  complement?: unknown;
  postcode?: unknown;
  commune?: unknown;
  insee?: unknown;
  country?: unknown;
  lat?: unknown;
  lon?: unknown;
  /** An already checked point (e.g. from GeoJSON geometry), used instead of lat/lon. */
  geo?: LatLon;
  /** Whole address lines to fall back on for what is missing ("16 impasse de l'Alendir, 91410 Dourdan"). */
  lines?: unknown[];
}

export interface LocationResult {
  address?: Address;
  geo?: GeoPoint;
}

/** A town name read after a postcode: letters, not a placeholder, a web address or an e-mail. */
function plausibleCommune(s: string | undefined): s is string {
  if (!s || !/\p{L}/u.test(s) || isPlaceholder(s)) return false;
  return !/@|https?:|www\.|\.(?:fr|com|org|net|eu|info|asso)\b/i.test(s);
}

/** The lines of an address field, each cleaned ("Po Box 63\n116 Commercial Road" stays two lines). */
function addressLines(raw: unknown, warnings: Warnings, field: string): string[] {
  if (typeof raw !== 'string') {
    const r = cleanText(raw);
    warnings.add(field, r.notes);
    return r.value ? [r.value] : [];
  }
  const out: string[] = [];
  for (const line of raw.split(/\r\n|\r|\n|<br\s*\/?>/i)) {
    const r = cleanText(line);
    warnings.add(field, r.notes);
    if (r.value) out.push(r.value);
  }
  return out;
}

export interface LocationOptions {
  /** Place a record without coordinates at the centre of its commune (`geo.precision: "commune"`). Default true. */
  communeCentre?: boolean;
}

/**
 * Builds the address and point of a record from its raw parts. Warnings are attached under `prefix` (""
 * for a structure, "place." for an event).
 *
 * French addresses (no country, or France and its overseas territories): postcode fixed or found in a
 * street line, COG codes (commune, EPCI, département, région) via `places`, the commune shown under its
 * official name when its code is known (the text as written kept in provenance), and a record without
 * coordinates placed at its commune's centre with `geo.precision: "commune"`. Other countries: the
 * postcode, commune and lines are kept as written, nothing is derived. The lines of a multi-line street
 * are kept, and a postcode is only read inside one line (never across two: "Po Box 63\n116 …").
 */
export function normalizeLocation(
  places: PlacesLookup,
  input: LocationInput,
  warnings: Warnings,
  prefix = '',
  options: LocationOptions = {},
): LocationResult {
  let geo: GeoPoint | undefined = input.geo;
  if (!geo) {
    const g = normalizeCoordinates(input.lat, input.lon);
    warnings.add(`${prefix}geo`, g.notes);
    geo = g.value;
  }
  const country = normalizeCountry(input.country);
  warnings.add(`${prefix}address.country`, country.notes);
  const french = isFrench(country.value);

  let lines = addressLines(input.street, warnings, `${prefix}address.street`);
  const complement = cleanText(input.complement).value;
  const communeR = cleanText(input.commune);
  let commune = plausibleCommune(communeR.value) ? communeR.value : undefined;
  if (communeR.value && !commune) {
    warnings.one(
      `${prefix}address.commune`,
      'commune-invalid',
      `« ${communeR.value} » n’est pas un nom de commune (ignoré)`,
      `"${communeR.value}" is not a commune name (ignored)`,
    );
  }

  if (!french) {
    // Another country's address: kept as written (its postcode is not a French one, nor its lines).
    const written = cleanText(input.postcode).value;
    let postcode: string | undefined;
    if (written && /^[A-Za-z0-9][A-Za-z0-9 -]{1,11}$/.test(written)) postcode = written;
    else if (written) {
      warnings.one(
        `${prefix}address.postcode`,
        'postcode-invalid',
        `code postal illisible : « ${written} » (ignoré)`,
        `unreadable postcode: "${written}" (ignored)`,
      );
    }
    if (!lines.length && !commune) {
      for (const raw of input.lines ?? []) {
        const l = addressLines(raw, warnings, `${prefix}address`);
        if (l.length) {
          lines = l;
          break;
        }
      }
    }
    const street = lines.length ? lines.join('\n') : undefined;
    const address = compact({ street, complement, postcode, commune, country: country.value }) as Address;
    const out: LocationResult = {};
    if (Object.keys(address).length) out.address = address;
    if (geo) out.geo = geo;
    return out;
  }

  const pc = normalizePostcode(input.postcode);
  warnings.add(`${prefix}address.postcode`, pc.notes);
  let postcode = pc.value;
  let communeGuessed = false;

  // A postcode (and commune) written inside a street line: the last line that has one.
  for (let i = lines.length - 1; i >= 0; i--) {
    const line = lines[i]!;
    const split = splitAddressLine(line);
    if (!split.postcode) continue;
    if (postcode && split.postcode !== postcode) break;
    if (!postcode) {
      postcode = split.postcode;
      warnings.one(
        `${prefix}address.postcode`,
        'postcode-from-street',
        `code postal ${postcode} lu dans la rue « ${line} »`,
        `postcode ${postcode} read from the street "${line}"`,
      );
    }
    if (split.street) lines[i] = split.street;
    else lines.splice(i, 1);
    if (!commune && plausibleCommune(split.commune)) {
      commune = split.commune;
      communeGuessed = true;
    }
    break;
  }
  let street = lines.length ? lines.join('\n') : undefined;
  // Whole lines (addressString, customFormatedAddress) for what is still missing.
  for (const raw of input.lines ?? []) {
    if (postcode && commune && street) break;
    for (const line of addressLines(raw, warnings, `${prefix}address`)) {
      const split = splitAddressLine(line);
      const filled: string[] = [];
      if (!postcode && split.postcode) {
        postcode = split.postcode;
        filled.push('code postal');
      }
      if (!commune && plausibleCommune(split.commune) && split.postcode) {
        commune = split.commune;
        communeGuessed = true;
        filled.push('commune');
      }
      if (!street && split.street && split.postcode) {
        street = split.street;
        filled.push('rue');
      }
      if (filled.length) {
        warnings.one(
          `${prefix}address`,
          'address-from-text',
          `${filled.join(', ')} lu(s) dans l’adresse écrite « ${line} »`,
          `${filled.map((f) => ({ 'code postal': 'postcode', commune: 'commune', rue: 'street' })[f]).join(', ')} read from the written address "${line}"`,
        );
      }
    }
  }

  let cog: Address['cog'];
  let insee = cleanText(input.insee).value;
  // A code that lost its leading zero in a spreadsheet ("6088" for Nice, 06088).
  if (insee && /^\d{4}$/.test(insee)) {
    warnings.one(
      `${prefix}address.cog.commune`,
      'insee-leading-zero',
      `code INSEE « ${insee} » à 4 chiffres : zéro initial rétabli (0${insee})`,
      `4-digit INSEE code "${insee}": leading zero restored (0${insee})`,
    );
    insee = `0${insee}`;
  }
  if (insee || postcode || commune || geo) {
    const derived = deriveCog(places, {
      ...(insee ? { insee } : {}),
      ...(postcode ? { postcode } : {}),
      ...(commune ? { commune } : {}),
      ...(geo ? { lat: geo.lat, lon: geo.lon } : {}),
    });
    warnings.add(`${prefix}address.cog`, derived.notes);
    const d = derived.value;
    if (d) {
      cog = d.cog;
      if (d.communeName) {
        // The official name of the commune of the COG code (the written text kept in provenance), unless
        // the commune was only deduced from the point (then uncertain: deriveCog warns, the text stays).
        // A commune read from a street line is not the source's own field: replaced without a trace.
        const official = d.via !== 'coordinates';
        if (!commune) commune = d.communeName;
        else if (official && commune !== d.communeName) {
          if (!communeGuessed) {
            warnings.asWritten[`${prefix}address.commune`] = commune;
            warnings.one(
              `${prefix}address.commune`,
              'commune-official-name',
              `commune « ${commune} » affichée sous son nom officiel « ${d.communeName} » (${d.cog.commune})`,
              `commune "${commune}" shown under its official name "${d.communeName}" (${d.cog.commune})`,
            );
          }
          commune = d.communeName;
        }
      }
      if (!geo && d.centre && options.communeCentre !== false) {
        geo = { lat: d.centre.lat, lon: d.centre.lon, precision: 'commune' };
        warnings.one(
          `${prefix}geo`,
          'geo-commune-centre',
          `pas de coordonnées : placé au centre de la commune ${d.communeName ?? d.cog.commune} (position approximative)`,
          `no coordinates: placed at the centre of the commune ${d.communeName ?? d.cog.commune} (approximate position)`,
        );
      }
    }
  }
  const address = compact({ street, complement, postcode, commune, cog, country: country.value }) as Address;
  const out: LocationResult = {};
  if (Object.keys(address).length) out.address = address;
  if (geo) out.geo = geo;
  return out;
}
