/** Public types of `@essaim/sdk/places`. All returned objects are frozen and shared between calls. */

/** A code + name reference to an administrative area. */
export interface AreaRef {
  /** Official code: INSEE COG code (région, département, commune) or SIREN (EPCI, EPT). */
  readonly code: string;
  readonly name: string;
}

/** Région (COG code, e.g. "11" Île-de-France, "84" Auvergne-Rhône-Alpes, "975"… for overseas collectivities). */
export type Region = AreaRef;

/** Département (COG code: "01"…"95", "2A", "2B", "971"…, and the overseas collectivities "975"…"989"). */
export interface Departement extends AreaRef {
  readonly region: Region;
}

/** EPCI à fiscalité propre types: communauté de communes, d'agglomération, urbaine, métropole, Métropole de Lyon. */
export type EpciType = 'CC' | 'CA' | 'CU' | 'METRO' | 'MET69';

/** Établissement public de coopération intercommunale (code = SIREN). */
export interface Epci extends AreaRef {
  readonly type: EpciType;
}

/** A current commune, or a municipal arrondissement of Paris, Lyon or Marseille. */
export interface Place {
  readonly kind: 'commune' | 'arrondissement';
  /** INSEE COG code ("42218"; arrondissements: "75111", "69383", "13201"). */
  readonly code: string;
  /** Official name ("Saint-Étienne", "Paris 11e Arrondissement"). */
  readonly name: string;
  /** Postcodes, ascending (none for the uninhabited TAAF districts). */
  readonly postcodes: readonly string[];
  readonly departement: AreaRef;
  readonly region: AreaRef;
  /** EPCI the commune belongs to (arrondissements: their commune's); absent for a few islands and overseas. */
  readonly epci?: Epci;
  /** Établissement public territorial of the Métropole du Grand Paris (communes of 92, 93, 94, 91, 95). */
  readonly ept?: AreaRef;
  /** Arrondissements only: the commune they belong to (Paris 75056, Lyon 69123, Marseille 13055). */
  readonly commune?: AreaRef;
  /** Centre (La Poste, WGS 84, 1e-4°); absent for ~100 places, mostly overseas collectivities. */
  readonly lat?: number;
  readonly lon?: number;
  /** Population municipale (INSEE). */
  readonly population?: number;
}

/** One autocomplete suggestion. */
export interface PlaceMatch {
  readonly place: Place;
  /**
   * The postcode the query matched (postcode queries, or a postcode typed with the name), or the postcode
   * of the matched former name / locality when La Poste gives one.
   */
  readonly postcode?: string;
  /** Display label: `name (postcode)`, e.g. "Saint-Étienne (42000)". */
  readonly label: string;
  /** Set when the query matched a former commune or a locality of the place rather than its name. */
  readonly alias?: string;
}

export interface SearchOptions {
  /** Maximum number of matches (default 10). */
  readonly limit?: number;
  /** Only places of this département (COG code). */
  readonly departement?: string;
  /** Include the municipal arrondissements of Paris, Lyon and Marseille (default true). */
  readonly arrondissements?: boolean;
}

/** What is known about a locality to resolve (any combination; all optional). */
export interface LocalityQuery {
  /** Postcode, possibly as a number (1300 → "01300") or with CEDEX noise. */
  readonly postcode?: string | number | null;
  /** City name written any way: "VITRY SUR SEINE", "Vitry-sur-Seine", "Vitry/Seine", "St-Denis". */
  readonly name?: string | null;
  /** Département code, when known, to disambiguate homonyms. */
  readonly departement?: string | null;
  /** Approximate position, to disambiguate homonyms (e.g. the record's own coordinates). */
  readonly lat?: number | null;
  readonly lon?: number | null;
}

export interface LookupOptions {
  /**
   * For Paris, Lyon and Marseille, resolve to the municipal arrondissement when the postcode or name
   * identifies one (default true); false returns the commune (75056, 69123, 13055).
   */
  readonly arrondissements?: boolean;
}

export interface LocalityMatch {
  readonly place: Place;
  /** 0…1: 1 = postcode and name agree exactly; below 0.5 = a guess worth reviewing. */
  readonly confidence: number;
  /** Which inputs the result agrees with. */
  readonly matchedBy: 'postcode+name' | 'postcode' | 'name';
  /** The input postcode when it belongs to the place. */
  readonly postcode?: string;
  /** Former commune / locality name that matched, when it was not the place's own name. */
  readonly alias?: string;
}

export interface NearestPlace {
  readonly place: Place;
  /** Great-circle distance from the point to the place's centre, in kilometres. */
  readonly distanceKm: number;
}

/** The official codes of a place (INSEE COG; EPCI by SIREN), as written in a record's `address.cog`. */
export interface PlaceCog {
  /** Commune or municipal arrondissement code. */
  readonly commune: string;
  readonly epci?: string;
  readonly departement: string;
  readonly region: string;
}

export interface NearestCommuneOptions {
  /** Farthest distance from the point to the centre, in km (default 25): beyond it, no commune. */
  readonly maxKm?: number;
  /** Municipal arrondissements instead of Paris, Lyon and Marseille (default true). */
  readonly arrondissements?: boolean;
}

/** The commune whose centre is nearest to a point (see `nearestCommune`). */
export interface NearestCommune {
  readonly place: Place;
  /** Its codes, to match zones of eligibility. */
  readonly cog: PlaceCog;
  /** Great-circle distance from the point to the commune's centre, in kilometres. */
  readonly distanceKm: number;
  /**
   * Always true: this is the nearest commune centre, not the commune whose boundary contains the point
   * (near a boundary, a neighbouring commune can come out).
   */
  readonly approximate: true;
}
