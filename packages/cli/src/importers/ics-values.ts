/**
 * Reading iCalendar values (ical.js's jCal): civil stamps, time zones (IANA, the file's VTIMEZONEs,
 * UTC, floating), raw property values, the statuses our own writer spells out, recurrence ids.
 */
import { type Event, isValidTimeZone, wallToInstant } from '@essaim/sdk';
import ICAL from 'ical.js';

export const DAY_MS = 86_400_000;

/** Civil components of a jCal date or date-time value ("2026-10-27", "2026-10-27T18:00:00", "…Z"). */
export interface Stamp {
  /** Wall time as if it were UTC (ms). */
  wall: number;
  date: boolean;
  utc: boolean;
}

export function readStamp(value: unknown): Stamp | undefined {
  if (typeof value !== 'string') return undefined;
  const m = /^(\d{4})-(\d{2})-(\d{2})(?:T(\d{2}):(\d{2}):(\d{2})(Z)?)?$/.exec(value);
  if (!m) return undefined;
  const wall = Date.UTC(+m[1]!, +m[2]! - 1, +m[3]!, +(m[4] ?? 0), +(m[5] ?? 0), +(m[6] ?? 0));
  if (!Number.isFinite(wall)) return undefined;
  return { wall, date: m[4] === undefined, utc: m[7] === 'Z' };
}

/** Turns the file's dates into instants: IANA zones, VTIMEZONEs of the file, UTC, floating. */
export class Zones {
  private readonly described = new Map<string, ICAL.Timezone>();
  constructor(
    shell: ICAL.Component | undefined,
    readonly floating: string,
  ) {
    for (const vtz of shell?.getAllSubcomponents('vtimezone') ?? []) {
      const id = vtz.getFirstPropertyValue('tzid');
      if (typeof id === 'string') this.described.set(id, new ICAL.Timezone(vtz));
    }
  }

  /** The IANA zone the event is written in (its TZID when it is one, else the floating zone). */
  zoneOf(tzid: string | undefined, stamp: Stamp | undefined): string {
    if (stamp?.utc) return 'UTC';
    if (tzid && isValidTimeZone(tzid)) return tzid;
    return this.floating;
  }

  /** The instant of a stamp; `unknownZone` is called when the TZID is neither IANA nor described. */
  instant(stamp: Stamp, tzid: string | undefined, unknownZone: (tzid: string) => void): number {
    if (stamp.utc) return stamp.wall;
    if (tzid && isValidTimeZone(tzid)) return wallToInstant(stamp.wall, tzid);
    if (tzid) {
      const vtz = this.described.get(tzid);
      if (vtz) {
        const d = new Date(stamp.wall);
        const t = ICAL.Time.fromData({
          year: d.getUTCFullYear(),
          month: d.getUTCMonth() + 1,
          day: d.getUTCDate(),
          hour: d.getUTCHours(),
          minute: d.getUTCMinutes(),
          second: d.getUTCSeconds(),
        });
        return stamp.wall - vtz.utcOffset(t) * 1000;
      }
      unknownZone(tzid);
    }
    return wallToInstant(stamp.wall, this.floating);
  }
}

/** The raw values of every property `name` (a property may list several: EXDATE:a,b). */
export function rawValues(v: ICAL.Component, name: string): Array<{ value: unknown; tzid?: string }> {
  const out: Array<{ value: unknown; tzid?: string }> = [];
  for (const p of v.getAllProperties(name)) {
    const tzid = p.getParameter('tzid');
    for (const value of (p.toJSON() as unknown[]).slice(3))
      out.push({ value, ...(typeof tzid === 'string' ? { tzid } : {}) });
  }
  return out;
}

export function text(v: ICAL.Component, name: string): string | undefined {
  const value = v.getFirstPropertyValue(name);
  return typeof value === 'string' ? value : value == null ? undefined : String(value);
}

export const STATUS_WORDS: ReadonlyArray<[RegExp, Event['status']]> = [
  [/^(?:Statut|Status) ?: ?(?:Reprogrammé|Rescheduled)\s*$/im, 'rescheduled'],
  [/^(?:Statut|Status) ?: ?(?:Déplacé en ligne|Moved online)\s*$/im, 'moved-online'],
  [/^(?:Statut|Status) ?: ?(?:Reporté|Postponed)\s*$/im, 'postponed'],
  [/^(?:Statut|Status) ?: ?(?:Complet|Full)\s*$/im, 'full'],
  [/^(?:Statut|Status) ?: ?(?:Annulé|Cancelled)\s*$/im, 'cancelled'],
];

/** A RECURRENCE-ID key: the local id of the changed date of a series. */
export const recurrenceKey = (raw: unknown) =>
  typeof raw === 'string' ? raw.replace(/[-:]/g, '').replace(/Z$/, 'Z') : undefined;
