import * as z from 'zod/mini';
import {
  Accessibility,
  Address,
  ConceptRef,
  Contacts,
  described,
  Email,
  GeoPoint,
  IsoDateOrDateTime,
  IsoDateTime,
  name,
  Phone,
  Provenance,
  RecordId,
  text,
  WebUrl,
} from './common.ts';
import { msg } from './messages.ts';

/** OpenAgenda status ids 1–6. */
export const EVENT_STATUSES = [
  'scheduled',
  'rescheduled',
  'moved-online',
  'postponed',
  'full',
  'cancelled',
] as const;
export const EventStatus = z.enum(EVENT_STATUSES);
export type EventStatus = z.infer<typeof EventStatus>;

/** OpenAgenda attendance modes 1–3 (schema.org EventAttendanceModeEnumeration). */
export const AttendanceMode = z.enum(['offline', 'online', 'mixed']);
export type AttendanceMode = z.infer<typeof AttendanceMode>;

const endsAfterStart = (o: { start?: string | undefined; end?: string | undefined }) =>
  !o.start || !o.end || Date.parse(o.end) >= Date.parse(o.start);

export const Occurrence = z.object({ start: IsoDateTime, end: z.optional(IsoDateTime) }).check(
  z.refine(endsAfterStart, {
    error: msg('An occurrence ends before it starts', 'Une occurrence se termine avant de commencer'),
    path: ['end'],
  }),
);
export type Occurrence = z.infer<typeof Occurrence>;

export const Registration = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('url'), value: WebUrl }),
  z.object({ kind: z.literal('email'), value: Email }),
  z.object({ kind: z.literal('phone'), value: Phone }),
]);
export type Registration = z.infer<typeof Registration>;

export const EventPlace = z.object({
  name: z.optional(text(0, 300)),
  address: z.optional(Address),
  geo: z.optional(GeoPoint),
  contacts: described(Contacts, 'Phone, website… of the place (OpenAgenda location phone/website).'),
  access: described(text(0, 2000), 'How to get there: public transport, parking, step-free access.'),
});
export type EventPlace = z.infer<typeof EventPlace>;

const age = () => z.optional(z.int().check(z.gte(0), z.lte(120)));

/**
 * An event. Its dates are either explicit occurrences (OpenAgenda `timings`), or a first occurrence
 * (`start`/`end`) repeated by an RFC 5545 `rrule` in `timeZone`, or both. With `allDay`, the dates are
 * whole days (a source that gives a day without an hour): no time of day is shown or invented.
 */
export const Event = z
  .object({
    id: RecordId,
    title: name(500),
    description: described(text(0, 2000), 'Short plain-text description.'),
    longDescription: described(text(0, 50_000), 'Long plain-text description.'),
    timeZone: described(
      text(1, 100),
      'IANA time zone of the dates and of the RRULE (default "Europe/Paris").',
    ),
    start: described(IsoDateTime, 'First occurrence start (with its UTC offset).'),
    allDay: described(
      z.boolean(),
      'Dates without a time of day (RFC 5545 VALUE=DATE, e.g. "le 4 novembre"): every start and end is a midnight in `timeZone`, an end being the day after the last day. Default false.',
    ),
    end: z.optional(IsoDateTime),
    occurrences: z.optional(z.array(Occurrence)),
    rrule: z.optional(
      z
        .string()
        .check(
          z.regex(
            /^(?:RRULE:)?FREQ=[A-Z]+(?:;[A-Z-]+=[^;\s]+)*$/,
            msg(
              'Invalid RRULE (RFC 5545), e.g. "FREQ=WEEKLY;BYDAY=TU;COUNT=10"',
              'RRULE invalide (RFC 5545), ex. « FREQ=WEEKLY;BYDAY=TU;COUNT=10 »',
            ),
          ),
        ),
    ),
    exdates: described(z.array(IsoDateTime), 'Occurrences of the RRULE that are cancelled.'),
    status: described(EventStatus, 'Default "scheduled".'),
    attendanceMode: described(AttendanceMode, 'Default "offline".'),
    place: z.optional(EventPlace),
    onlineUrl: z.optional(WebUrl),
    organizerIds: described(z.array(RecordId), 'Ids of the organising structures in this feed.'),
    organizerName: z.optional(text(0, 300)),
    categories: z.optional(z.array(ConceptRef)),
    themes: z.optional(z.array(ConceptRef)),
    keywords: z.optional(z.array(text(1, 500))),
    audience: z.optional(
      z.object({ publics: z.optional(z.array(ConceptRef)), ageMin: age(), ageMax: age() }),
    ),
    price: z.optional(z.object({ free: z.boolean(), details: z.optional(text(0, 2000)) })),
    registration: z.optional(z.array(Registration)),
    accessibility: z.optional(Accessibility),
    image: z.optional(WebUrl),
    imageCredit: described(text(1, 500), 'Credit of the image ("© Name, 2026"), shown with it.'),
    imageLicence: described(text(1, 300), 'Licence of the image, when the source gives one.'),
    url: described(WebUrl, 'Canonical page of the event.'),
    provenance: z.array(Provenance).check(z.minLength(1)),
    updatedAt: described(IsoDateOrDateTime, 'Last update of the event; absent when unknown.'),
  })
  .check(
    z.refine((e) => Boolean(e.start) || Boolean(e.occurrences?.length), {
      error: msg(
        'An event needs a start date or at least one occurrence',
        'Un évènement doit avoir une date de début ou au moins une occurrence',
      ),
      path: ['start'],
    }),
    z.refine((e) => !e.rrule || Boolean(e.start), {
      error: msg(
        'An RRULE needs a first occurrence in "start"',
        'Une RRULE demande une première occurrence dans « start »',
      ),
      path: ['rrule'],
    }),
    z.refine(endsAfterStart, {
      error: msg('The event ends before it starts', 'L’évènement se termine avant de commencer'),
      path: ['end'],
    }),
  )
  .register(z.globalRegistry, {
    title: 'Event',
    description: 'An event of the ESS (OpenAgenda / schema.org Event).',
  });
export type Event = z.infer<typeof Event>;
