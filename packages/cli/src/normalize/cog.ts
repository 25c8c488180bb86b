/**
 * Official geographic codes (COG: Code officiel géographique, INSEE) derived from what an address gives:
 * an INSEE code, a postcode, a commune name written any way, coordinates. The lookups come from a
 * `PlacesLookup` (backed by @essaim/sdk/places, the official COG list).
 */
import { type CogCodes, distanceKm } from '@essaim/sdk';
import type { PlacesLookup } from '../importers/types.ts';
import { type Normalized, type Note, note } from './notes.ts';

export interface PlaceEvidence {
  /** INSEE code of the commune, when the source gives it. */
  insee?: string;
  postcode?: string;
  /** Commune name as written. */
  commune?: string;
  lat?: number;
  lon?: number;
}

export interface DerivedPlace {
  cog: CogCodes;
  /** Official name of the commune found. */
  communeName?: string;
  /** How the commune was found: from its code, postcode + name, postcode, name, or coordinates. */
  via: 'code' | 'postcode+name' | 'postcode' | 'name' | 'coordinates' | 'code-prefix';
  /** Centre of the commune found (La Poste / COG data), when known. */
  centre?: { lat: number; lon: number };
}

const COMMUNE_CODE = /^(?:\d{5}|2[AB]\d{3})$/;

/** Département code read from a commune code: "75056" → "75", "2A004" → "2A", "97411" → "974". */
export function departementOfCommune(code: string): string | undefined {
  if (!COMMUNE_CODE.test(code)) return undefined;
  return code.startsWith('97') || code.startsWith('98') ? code.slice(0, 3) : code.slice(0, 2);
}

/** Beyond this distance between a record's point and its commune, the point (or the address) is suspect. */
const FAR_KM = 30;

/**
 * Finds the commune and its COG codes (commune, EPCI, département, région). Tries, in order: the INSEE
 * code; postcode + name (+ point); postcode alone; name alone; the point alone. Returns nothing when the
 * lookup is unsure. Notes: an INSEE code the COG list does not know, a point far from its commune.
 */
export function deriveCog(places: PlacesLookup, e: PlaceEvidence): Normalized<DerivedPlace> {
  const notes: Note[] = [];
  const geo = e.lat !== undefined && e.lon !== undefined ? { lat: e.lat, lon: e.lon } : undefined;
  type Found = NonNullable<ReturnType<PlacesLookup['lookupCommune']>>;
  let found: Found | undefined;
  let via: DerivedPlace['via'] | undefined;

  const insee = e.insee?.trim().toUpperCase();
  if (insee) {
    if (!COMMUNE_CODE.test(insee)) {
      notes.push(
        note(
          'insee-invalid',
          `code INSEE invalide : « ${e.insee} » (ignoré)`,
          `invalid INSEE code: "${e.insee}" (ignored)`,
        ),
      );
    } else if (places.communeByCode) {
      found = places.communeByCode(insee);
      if (found) {
        via = 'code';
        if (found.code !== insee) {
          notes.push(
            note(
              'insee-to-commune',
              `code INSEE ${insee} (arrondissement municipal ou ancienne commune) : commune ${found.name} (${found.code}) retenue`,
              `INSEE code ${insee} (a municipal arrondissement or a former commune): the commune ${found.name} (${found.code}) is used`,
            ),
          );
        }
      } else {
        notes.push(
          note(
            'insee-unknown',
            `code INSEE « ${insee} » absent de la liste officielle (commune fusionnée ?) : recherche par code postal et nom`,
            `INSEE code "${insee}" is not in the official list (merged commune?): looking up by postcode and name`,
          ),
        );
      }
    }
  }
  const attempts: Array<[DerivedPlace['via'], Parameters<PlacesLookup['lookupCommune']>[0]]> = [];
  if (e.postcode && e.commune)
    attempts.push(['postcode+name', { postcode: e.postcode, name: e.commune, ...geo }]);
  if (e.postcode) attempts.push(['postcode', { postcode: e.postcode, ...geo }]);
  if (e.commune) attempts.push(['name', { name: e.commune, ...geo }]);
  if (geo) attempts.push(['coordinates', { ...geo }]);
  // A name looked up without its postcode can hit a homonym anywhere in France ("Marne la vallée" →
  // La Vallée, Charente-Maritime): such a match must at least be in the postcode's département.
  const postcodeDept =
    e.postcode && !e.postcode.startsWith('20')
      ? e.postcode.slice(0, e.postcode.startsWith('97') ? 3 : 2)
      : undefined;
  for (const [how, q] of attempts) {
    if (found) break;
    const hit = places.lookupCommune(q);
    if (hit && !(how === 'name' && postcodeDept && hit.departement !== postcodeDept)) {
      found = hit;
      via = how;
    }
  }
  if (!found || !via) {
    if (e.commune && !geo)
      notes.push(
        note(
          'commune-not-found',
          `commune « ${e.commune} »${e.postcode ? ` (${e.postcode})` : ''} introuvable ou ambiguë (plusieurs communes de ce nom) : ni codes officiels ni position`,
          `commune "${e.commune}"${e.postcode ? ` (${e.postcode})` : ''} not found or ambiguous (several communes bear that name): no official codes, no position`,
        ),
      );
    // The code alone still gives the département.
    if (insee && COMMUNE_CODE.test(insee)) {
      return {
        value: { cog: { commune: insee, departement: departementOfCommune(insee) }, via: 'code-prefix' },
        notes,
      };
    }
    return { notes };
  }
  if (geo && found.lat !== undefined && found.lon !== undefined && via !== 'coordinates') {
    const d = distanceKm(geo, { lat: found.lat, lon: found.lon });
    if (d > FAR_KM) {
      notes.push(
        note(
          'coordinates-far-from-commune',
          `le point est à ${Math.round(d)} km de la commune ${found.name} (${found.code}) : point ou adresse à vérifier`,
          `the point is ${Math.round(d)} km from the commune ${found.name} (${found.code}): check the point or the address`,
        ),
      );
    }
  }
  if (via === 'postcode' && e.commune) {
    notes.push(
      note(
        'commune-mismatch',
        `la commune « ${e.commune} » ne correspond pas au code postal ${e.postcode} : codes de ${found.name} (${found.code}) retenus`,
        `the commune "${e.commune}" does not match the postcode ${e.postcode}: codes of ${found.name} (${found.code}) used`,
      ),
    );
  } else if (via === 'name' && e.postcode) {
    notes.push(
      note(
        'postcode-mismatch',
        `le code postal ${e.postcode} ne correspond pas à la commune « ${e.commune} » : codes de ${found.name} (${found.code}) retenus`,
        `the postcode ${e.postcode} does not match the commune "${e.commune}": codes of ${found.name} (${found.code}) used`,
      ),
    );
  }
  if (via === 'coordinates') {
    notes.push(
      note(
        'commune-from-coordinates',
        `commune déduite du point seul (centre de commune le plus proche : ${found.name}) : à vérifier`,
        `commune deduced from the point alone (nearest commune centre: ${found.name}): please check`,
      ),
    );
  }
  const cog: CogCodes = { commune: found.code, departement: found.departement, region: found.region };
  if (found.epci) cog.epci = found.epci;
  const value: DerivedPlace = { cog, communeName: found.name, via };
  if (found.lat !== undefined && found.lon !== undefined) value.centre = { lat: found.lat, lon: found.lon };
  return { value, notes };
}
