// What every app of the framework matrix shares (scripts/check-frameworks.mjs).

/** The element tags an app's page holds: a feed and a map (the feed is served at /feed/ by each app). */
export const ESS_PAGE = `<ess-feed src="/feed/manifest.json"><ess-map style="--ess-map-height: 400px"></ess-map></ess-feed>`;
