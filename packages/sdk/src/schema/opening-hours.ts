import * as z from 'zod/mini';
import { text } from './common.ts';

const Minute = z.int().check(z.minimum(0), z.maximum(1440));

/**
 * An interval of one day: `[start, end]` in minutes since local midnight (end excluded, 1440 = midnight
 * at the end of the day), then optionally `1` when the state is unknown (0 otherwise) and a comment.
 */
export const HoursInterval = z.tuple([
  Minute,
  Minute,
  z.optional(z.union([z.literal(0), z.literal(1)])),
  z.optional(text(1, 500)),
]);
export type HoursInterval = z.infer<typeof HoursInterval>;

/**
 * The compact weekly form of `openingHours`, written by `essaim build` when the `opening_hours` library
 * says the value is the same every week (verified day by day over two years); absent otherwise.
 */
export const OpeningHoursWeek = z
  .object({
    week: z.array(z.array(HoursInterval)).check(z.length(7)),
    ph: z.optional(z.array(HoursInterval)),
  })
  .register(z.globalRegistry, {
    description:
      'openingHours as a week (computed at build time so that browsers need no opening_hours parser). `week`: Monday to Sunday, each a list of [start, end, unknown?, comment?] with start and end in minutes since midnight, Europe/Paris wall-clock time (end excluded; an interval across midnight is split in two days). `ph`: the intervals of a French national public holiday, when the value names them ("PH off" = []); absent = a holiday is a day like the others. The whole field is absent when the value cannot be written this way (month or week ranges, school holidays, sunrise…): then no "open now" can be claimed.',
  });
export type OpeningHoursWeek = z.infer<typeof OpeningHoursWeek>;
