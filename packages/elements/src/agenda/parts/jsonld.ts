/**
 * Opt-in JSON-LD of `<ess-agenda>` (`jsonld`): the listed events as a schema.org `ItemList` of `Event`s in
 * a script of the element's light DOM (written through Trusted Types).
 */
import type { AgendaState } from '@essaim/sdk';
import { safeHref } from '../../internal/safe-url.ts';
import { setJsonScript } from '../../internal/trusted-types.ts';

const STATUS: Record<string, string> = {
  scheduled: 'EventScheduled',
  rescheduled: 'EventRescheduled',
  'moved-online': 'EventMovedOnline',
  postponed: 'EventPostponed',
  full: 'EventScheduled',
  cancelled: 'EventCancelled',
};

/** The listed events as a schema.org `ItemList` of `Event`s, in a script of `host`'s light DOM. */
export function writeJsonLd(host: HTMLElement, s: AgendaState): void {
  const items = s.result.occurrences.map((o, i) => {
    const e = o.event;
    const online = o.status === 'moved-online' || e.attendanceMode === 'online';
    const item: Record<string, unknown> = {
      '@type': 'Event',
      name: e.title,
      startDate: o.startIso,
      eventStatus: `https://schema.org/${STATUS[o.status]}`,
      eventAttendanceMode: `https://schema.org/${
        online
          ? 'OnlineEventAttendanceMode'
          : e.attendanceMode === 'mixed'
            ? 'MixedEventAttendanceMode'
            : 'OfflineEventAttendanceMode'
      }`,
    };
    if (o.endIso) item.endDate = o.endIso;
    if (e.description) item.description = e.description;
    const url = safeHref(e.url);
    if (url) item.url = url;
    if (e.place) {
      const a = e.place.address;
      item.location = {
        '@type': 'Place',
        name: e.place.name,
        address: a && {
          '@type': 'PostalAddress',
          streetAddress: a.street,
          postalCode: a.postcode,
          addressLocality: a.commune,
          addressCountry: a.country,
        },
        geo: e.place.geo && {
          '@type': 'GeoCoordinates',
          latitude: e.place.geo.lat,
          longitude: e.place.geo.lon,
        },
      };
    } else if (e.onlineUrl) item.location = { '@type': 'VirtualLocation', url: safeHref(e.onlineUrl) };
    if (e.price) item.isAccessibleForFree = e.price.free;
    return { '@type': 'ListItem', position: i + 1, item };
  });
  let script = jsonLdScript(host);
  if (!script) {
    script = document.createElement('script');
    script.type = 'application/ld+json';
    script.dataset.essaim = 'jsonld';
    host.append(script);
  }
  setJsonScript(
    script,
    JSON.stringify({
      '@context': 'https://schema.org',
      '@type': 'ItemList',
      itemListElement: items,
    }).replace(/</g, '\\u003c'),
  );
}

/** The element's JSON-LD script, if any. */
export function jsonLdScript(host: HTMLElement): HTMLScriptElement | undefined {
  return [...host.children].find(
    (c): c is HTMLScriptElement => c instanceof HTMLScriptElement && c.dataset.essaim === 'jsonld',
  );
}
