import { z } from 'zod';
import {
  ConceptRef,
  Email,
  GeoPoint,
  IsoDateOrDateTime,
  IsoDateTime,
  Phone,
  Provenance,
  RecordId,
  WebUrl,
  Address,
  Accessibility,
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

export const Occurrence = z
  .object({ start: IsoDateTime, end: IsoDateTime.optional() })
  .refine((o) => !o.end || Date.parse(o.end) >= Date.parse(o.start), {
    error: msg('An occurrence ends before it starts', 'Une occurrence se termine avant de commencer'),
    path: ['end'],
  });
export type Occurrence = z.infer<typeof Occurrence>;

export const Registration = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('url'), value: WebUrl }),
  z.object({ kind: z.literal('email'), value: Email }),
  z.object({ kind: z.literal('phone'), value: Phone }),
]);
export type Registration = z.infer<typeof Registration>;

export const EventPlace = z.object({
  name: z.string().max(300).optional(),
  address: Address.optional(),
  geo: GeoPoint.optional(),
});
export type EventPlace = z.infer<typeof EventPlace>;

/**
 * An event. Its dates are either explicit occurrences (OpenAgenda `timings`), or a first occurrence
 * (`start`/`end`) repeated by an RFC 5545 `rrule` in `timeZone`, or both.
 */
export const Event = z
  .object({
    id: RecordId,
    title: z.string().trim().min(1).max(500),
    description: z.string().max(2000).optional().meta({ description: 'Short plain-text description.' }),
    longDescription: z.string().max(50000).optional().meta({ description: 'Long plain-text description.' }),
    timeZone: z
      .string()
      .min(1)
      .default('Europe/Paris')
      .optional()
      .meta({ description: 'IANA time zone of the dates and of the RRULE.' }),
    start: IsoDateTime.optional().meta({ description: 'First occurrence start (with its UTC offset).' }),
    end: IsoDateTime.optional(),
    occurrences: z.array(Occurrence).optional(),
    rrule: z
      .string()
      .regex(
        /^(?:RRULE:)?FREQ=[A-Z]+(?:;[A-Z-]+=[^;\s]+)*$/,
        msg(
          'Invalid RRULE (RFC 5545), e.g. "FREQ=WEEKLY;BYDAY=TU;COUNT=10"',
          'RRULE invalide (RFC 5545), ex. « FREQ=WEEKLY;BYDAY=TU;COUNT=10 »',
        ),
      )
      .optional(),
    exdates: z
      .array(IsoDateTime)
      .optional()
      .meta({ description: 'Occurrences of the RRULE that are cancelled.' }),
    status: EventStatus.default('scheduled').optional(),
    attendanceMode: AttendanceMode.default('offline').optional(),
    place: EventPlace.optional(),
    onlineUrl: WebUrl.optional(),
    organizerIds: z
      .array(RecordId)
      .optional()
      .meta({ description: 'Ids of the organising structures in this feed.' }),
    organizerName: z.string().max(300).optional(),
    categories: z.array(ConceptRef).optional(),
    themes: z.array(ConceptRef).optional(),
    keywords: z.array(z.string().min(1)).optional(),
    audience: z
      .object({
        publics: z.array(ConceptRef).optional(),
        ageMin: z.number().int().min(0).max(120).optional(),
        ageMax: z.number().int().min(0).max(120).optional(),
      })
      .optional(),
    price: z.object({ free: z.boolean(), details: z.string().max(2000).optional() }).optional(),
    registration: z.array(Registration).optional(),
    accessibility: Accessibility.optional(),
    image: WebUrl.optional(),
    url: WebUrl.optional().meta({ description: 'Canonical page of the event.' }),
    provenance: z.array(Provenance).min(1),
    updatedAt: IsoDateOrDateTime,
  })
  .refine((e) => Boolean(e.start) || Boolean(e.occurrences?.length), {
    error: msg(
      'An event needs a start date or at least one occurrence',
      'Un évènement doit avoir une date de début ou au moins une occurrence',
    ),
    path: ['start'],
  })
  .refine((e) => !e.rrule || Boolean(e.start), {
    error: msg(
      'An RRULE needs a first occurrence in "start"',
      'Une RRULE demande une première occurrence dans « start »',
    ),
    path: ['rrule'],
  })
  .refine((e) => !e.start || !e.end || Date.parse(e.end) >= Date.parse(e.start), {
    error: msg('The event ends before it starts', 'L’évènement se termine avant de commencer'),
    path: ['end'],
  })
  .meta({ title: 'Event', description: 'An event of the ESS (OpenAgenda / schema.org Event).' });
export type Event = z.infer<typeof Event>;
