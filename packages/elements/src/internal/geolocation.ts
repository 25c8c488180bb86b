/**
 * « Près de moi » / « Me localiser »: the visitor's position, asked of the browser on their click only
 * (never on load), low accuracy, a 15 s timeout and a position up to 5 minutes old.
 */

/** Where the request is: `''` none (or done), then `locating`, or why there is no position. */
export type GeoStatus = '' | 'locating' | 'denied' | 'unavailable' | 'unsupported';

/**
 * Asks for the position: `status` gets `locating`, then `denied` / `unavailable` / `unsupported` on
 * failure; `found` gets the point (the caller then says `''` when it is done with it).
 */
export function locate(status: (s: GeoStatus) => void, found: (lat: number, lon: number) => void): void {
  const geo = typeof navigator !== 'undefined' ? navigator.geolocation : undefined;
  if (!geo) {
    status('unsupported');
    return;
  }
  status('locating');
  geo.getCurrentPosition(
    (pos) => found(pos.coords.latitude, pos.coords.longitude),
    (err) => status(err.code === 1 ? 'denied' : 'unavailable'),
    { enableHighAccuracy: false, timeout: 15000, maximumAge: 300000 },
  );
}
