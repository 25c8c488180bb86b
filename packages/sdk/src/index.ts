/**
 * @essaim/sdk — the typed SDK of the Essaim feed (French social and solidarity economy).
 *
 * Everything the package offers is listed here, by name, in the order of the layers (schema → client →
 * store and connectors → what the pages share); `packages/sdk/README.md` says what each group is for.
 * A name that is not here is internal (zod helpers, tokenizer, ICS line folding…) and may change.
 *
 * Places (communes, postcodes, COG codes) live in `@essaim/sdk/places`, loaded only when used.
 */

// --- Feed schema (zod 4): each schema is also the type of what it accepts -----------------------------
export {
  Accessibility,
  Address,
  CogCodes,
  CommuneCode,
  ConceptRef,
  Contacts,
  DepartementCode,
  Email,
  EpciCode,
  FRENCH_COUNTRIES,
  GEO_PRECISIONS,
  GeoPoint,
  GeoPrecision,
  IsoDate,
  IsoDateOrDateTime,
  IsoDateTime,
  isFrenchCountry,
  Licence,
  LocalizedText,
  Phone,
  Postcode,
  Provenance,
  RecordId,
  RegionCode,
  Rna,
  Siren,
  Siret,
  SourceKey,
  WebUrl,
} from './schema/common.ts';
export {
  EligibilityZone,
  FAMILIES,
  Family,
  HoursInterval,
  LEGAL_FORMS,
  LegalForm,
  OpeningHoursWeek,
  SERVICE_TYPES,
  Service,
  ServiceType,
  Structure,
} from './schema/structure.ts';
export {
  AttendanceMode,
  EVENT_STATUSES,
  Event,
  EventPlace,
  EventStatus,
  Occurrence,
  Registration,
} from './schema/event.ts';
export { Concept, SCHEMES, SchemeId, Taxonomy } from './schema/taxonomy.ts';
export { Indicator, IndicatorTerritory } from './schema/indicator.ts';
export {
  CRITERION_FIELDS,
  Criterion,
  CriterionField,
  Parcours,
  ParcoursAlternative,
  ParcoursEmpty,
  ParcoursOption,
  ParcoursStep,
} from './schema/parcours.ts';
export {
  FeedCalendar,
  FeedManifest,
  FeedSource,
  ListPart,
  type PartName,
  RecordSchemas,
  SCHEMA_VERSION,
} from './schema/feed.ts';
export { FEED_SCHEMA_ID, feedJsonSchema, feedJsonSchemaText } from './json-schema.ts';
export { COG_PATTERNS } from './core/cog.ts';
export { communeOfArrondissement } from './core/arrondissements.ts';

// --- Validation that loses nothing -------------------------------------------------------------------
export {
  checkReferences,
  emptyReport,
  issueMessages,
  type ManifestResult,
  type PartCounts,
  type Rejection,
  type ReportPart,
  reportTotals,
  toIssues,
  type ValidationIssue,
  type ValidationReport,
  validateConcepts,
  validateManifest,
  validateRecords,
  type Warning,
} from './validate.ts';
export { enableCompiledValidation } from './compiled.ts';
export { assembleFeed, type Feed, type RawParts } from './feed.ts';

// --- Errors -------------------------------------------------------------------------------------------
export {
  EssaimError,
  type EssaimErrorCode,
  type EssaimErrorOptions,
  FeedAbortError,
  FeedFormatError,
  type FeedFormatKind,
  FeedHttpError,
  FeedNetworkError,
  FeedTimeoutError,
  FeedUnsupportedVersionError,
  isEssaimError,
  type Messages,
} from './errors.ts';

// --- Feed client and its caches ----------------------------------------------------------------------
export {
  type CacheEntry,
  type ClientOptions,
  type ConditionalRequests,
  cacheStorageCache,
  createClient,
  DEFAULT_RETRY,
  DEFAULT_TIMEOUT,
  defaultCache,
  type FeedCache,
  type FeedClient,
  type FeedPreview,
  type FeedScope,
  indexedDbCache,
  type LoadResult,
  memoryCache,
  type PartError,
  type RetryOptions,
  type ShardInfo,
  DEFAULT_WATCH_INTERVAL,
  watchFeed,
  type WatchFeedOptions,
} from './client/index.ts';
export {
  loadPlaces,
  loadPlacesForRecords,
  type PlacesModule,
  type TerritoryPlaces,
} from './places/load.ts';
export {
  departementCodeOf,
  departementCodeOfPostcode,
  departementsOfRecords,
} from './places/departement-code.ts';
export { normalizeText } from './text/normalize.ts';

// --- Search over structures: index, query, connector ------------------------------------------------
export {
  type BBox,
  createSearchConnector,
  createSearchIndex,
  DEFAULT_MAX_FACET_VALUES,
  DEFAULT_PAGE_SIZE,
  effectiveSort,
  FACET_NAMES,
  type FacetName,
  type FacetSelection,
  type FacetValueCount,
  MAX_PAGE_SIZE,
  type NearPoint,
  normalizeQuery,
  type SearchConnector,
  type SearchConnectorOptions,
  type SearchHit,
  type SearchIndex,
  type SearchIndexOptions,
  type SearchListener,
  type SearchQuery,
  type SearchResult,
  type SearchState,
  type SortBy,
  search,
  searchAll,
  type TerritoryScope,
  type TextMatching,
} from './search/index.ts';

// --- Agenda: occurrences, query, calendar, connectors, ICS -------------------------------------------
export {
  AGENDA_FACET_NAMES,
  AGENDA_VALUE_LABELS,
  type AgendaConnector,
  type AgendaEntry,
  type AgendaSpan,
  type EntryDay,
  entryDays,
  eventSpan,
  formatClock,
  formatDay,
  formatDayRange,
  formatEntryDates,
  formatTimeRange,
  groupEntries,
  seriesKey,
  splitDay,
  type WhenLang,
  type WhenOptions,
  type AgendaConnectorOptions,
  type AgendaFacetName,
  type AgendaFacetSelection,
  type AgendaFacetValueCount,
  type AgendaIndex,
  type AgendaIndexOptions,
  type AgendaListConnector,
  type AgendaListener,
  type AgendaNear,
  type AgendaOccurrence,
  type AgendaQuery,
  type AgendaResult,
  type AgendaState,
  type AgendaTerritory,
  type BuildCalendarInput,
  buildCalendar,
  type CalendarDay,
  type CalendarOptions,
  type CalendarPartition,
  createAgendaConnector,
  createAgendaIndex,
  createAgendaListConnector,
  DEFAULT_AGENDA_LIMIT,
  DEFAULT_HORIZON_DAYS,
  DEFAULT_TIME_ZONE,
  type DateInput,
  type DateKey,
  type DateRange,
  type DayGroup,
  dateKeyOf,
  daysWindow,
  ESSAIM_PRODID,
  EVENT_STATUS_LABELS,
  type ExpandOptions,
  effectiveAttendance,
  eventsByOrganizer,
  eventsToIcs,
  eventToIcs,
  expandOccurrences,
  expandOccurrencesSync,
  type GroupByDayOptions,
  groupByDay,
  type IcsCalendarOptions,
  type IcsEventOptions,
  icsFileName,
  type FeedLinkCounts,
  type FeedLinks,
  indexEventsByOrganizer,
  isRecurrenceLoaded,
  isValidTimeZone,
  latestPast,
  type LinkedEvent,
  type LinkedStructure,
  type LinkVia,
  linkFeed,
  loadIcs,
  loadRecurrence,
  MAX_RULE_OCCURRENCES,
  monthGrid,
  monthGridDates,
  monthWindow,
  needsRecurrence,
  normalizeAgendaQuery,
  occurrencesToIcs,
  occurrenceToIcs,
  occurrenceUid,
  offsetMinutes,
  organizersOf,
  PLACE_LINK_METRES,
  partitionEvents,
  type QueryOptions,
  queryAgenda,
  RecurrenceNotLoadedError,
  resolveTimeZone,
  type StructureLookup,
  startOfDay,
  structuresById,
  toZonedIso,
  type UpcomingEvent,
  upcomingEventsOf,
  vtimezoneLines,
  wallToInstant,
  weekDates,
  weekDays,
  weekWindow,
  withCalendar,
} from './agenda/index.ts';

// --- Orientation journeys ------------------------------------------------------------------------------
export {
  type Answers,
  type AnswerValue,
  canonicalZone,
  createLazyOrientation,
  createOrientation,
  DEFAULT_DISTANCE_SCALE_KM,
  InvalidParcoursError,
  type MatchedValue,
  type OrientationAlternative,
  type OrientationConnector,
  type OrientationData,
  type OrientationError,
  type OrientationListener,
  type OrientationOptions,
  type OrientationPlace,
  type OrientationResult,
  type OrientationResults,
  type OrientationState,
  parseAnswers,
  type Reach,
  type ResultReason,
  serializeAnswers,
  zonesOfCog,
} from './orientation/index.ts';

// --- The ESS of a territory at a glance (counts, rates, parent, events, coverage) ------------------------
export {
  type AreaFigures,
  type Breakdown,
  type ExpandedOccurrence,
  type ParentFigures,
  POPULATION_SOURCE,
  type ProfileEvent,
  TERRITORY_LEVELS,
  type TerritoryLevel,
  type TerritoryProfile,
  type TerritoryProfileOptions,
  type TerritoryRef,
  territoryProfile,
  type ValueCount,
} from './territory/profile.ts';
export { type CommuneCount, type TerritoryCommunes, territoryCommunes } from './territory/communes.ts';

// --- Opening hours: "open now" from the compact week the build writes (openingHoursWeek) ---------------
export {
  hoursOfDay,
  isFrenchPublicHoliday,
  openingDays,
  type OpeningState,
  type OpeningStatus,
  openingState,
} from './hours/evaluate.ts';

// --- The page store: one feed, the connectors a page shares --------------------------------------------
export {
  createFeedStore,
  type FeedRetryOptions,
  type FeedStatus,
  type FeedStore,
  type FeedStoreListener,
  type FeedStoreOptions,
  type FeedStoreState,
  type SharedAgenda,
  type SharedOrientation,
  type SharedSlot,
  type StoreViews,
} from './store.ts';

// --- What a page can tell its visitors when the feed fails (every widget's status notice) ----------------
export {
  type FeedFailureKind,
  type FeedHealth,
  feedHealth,
  failureKind,
} from './health.ts';

// --- The page URL as shared state (opt-in) -----------------------------------------------------------
export { decodeMapUrl, encodeMapUrl, type MapUrlView } from './core/map-url.ts';
export {
  decodeOrientationUrl,
  encodeOrientationUrl,
  ownsKey,
  readUrlState,
  syncUrlState,
  URL_NAMESPACES,
  type UrlEntries,
  type UrlNamespace,
  writeUrlState,
} from './core/url-state.ts';
export { decodeSearchUrl, encodeSearchUrl, type SearchUrlState } from './search/url-state.ts';
export { type AgendaUrlState, decodeAgendaUrl, encodeAgendaUrl } from './agenda/url-state.ts';
export { decodeTerritoryUrl, encodeTerritoryUrl } from './territory/url-state.ts';

// --- Shared building blocks: distances, civil dates, CSV cells ------------------------------------------
export { csvCell } from './core/csv.ts';
export {
  CSV_COLUMNS,
  type ExportColumn,
  type ExportItem,
  type ExportOptions,
  exportRow,
  type GeoJsonExport,
  type StructureFeatureCollection,
  toCsv,
  toGeoJson,
} from './feed-export.ts';
export { type ConceptLookup, conceptLookup } from './concepts.ts';
export { distanceKm, EARTH_RADIUS_KM, type LatLon } from './core/geo.ts';
export { addDays, dateKeyToWall, isoWeekday, isValidDateKey, wallDateKey } from './core/dates.ts';
export { addMonths } from './agenda/calendar.ts';
