/**
 * "Ouvert maintenant" and the coming week, from an OpenStreetMap `opening_hours` string, with the
 * `opening_hours` package (large: loaded only when a detail view with opening hours is opened).
 */
import OpeningHours from 'opening_hours';
import type { HoursInfo } from './detail.ts';

const DAY_MS = 86_400_000;

export function describeHours(
  value: string,
  locale: string,
  where?: { lat: number; lon: number },
  now = new Date(),
): HoursInfo {
  try {
    const oh = new OpeningHours(
      value,
      { lat: where?.lat ?? 48.86, lon: where?.lon ?? 2.35, address: { country_code: 'fr', state: '' } },
      {
        mode: 0,
        tag_key: 'opening_hours',
        map_value: false,
        warnings_severity: 4,
        locale: locale.slice(0, 2),
      },
    );
    const status = oh.getUnknown(now) ? 'unknown' : oh.getState(now) ? 'open' : 'closed';
    const next = oh.getNextChange(now, new Date(now.getTime() + 7 * DAY_MS));
    const start = new Date(now.getFullYear(), now.getMonth(), now.getDate());
    const dayName = new Intl.DateTimeFormat(locale, { weekday: 'long' });
    const time = new Intl.DateTimeFormat(locale, { hour: '2-digit', minute: '2-digit' });
    const week: HoursInfo['week'] = [];
    for (let d = 0; d < 7; d++) {
      const from = new Date(start.getFullYear(), start.getMonth(), start.getDate() + d);
      const to = new Date(start.getFullYear(), start.getMonth(), start.getDate() + d + 1);
      const ranges = oh
        .getOpenIntervals(from, to)
        .map(
          ([a, b, unknown, comment]) =>
            `${time.format(a)}–${b.getTime() >= to.getTime() ? '24:00' : time.format(b)}${unknown ? ' ?' : ''}${comment ? ` (${comment})` : ''}`,
        );
      week.push({ day: dayName.format(from), ranges });
    }
    return {
      status,
      next: next ? time.format(next) : undefined,
      nextDay: next && next.getDate() !== now.getDate() ? dayName.format(next) : undefined,
      week,
    };
  } catch {
    return { status: 'unknown', week: [], unreadable: true };
  }
}
