// Not part of the demo: proves that the JSX types catch mistakes (tsc must report each @ts-expect-error line).
const ok = (
  <ess-feed src="x">
    <ess-directory
      feed="x"
      departements="93"
      page-size={10}
      sync-url
      pageSize={3}
      oness-select={(e) => e.detail.id.toUpperCase()}
    />
    <ess-map basemap-style="x" oness-map-idle={() => {}} oness-event-select={(e) => e.detail.eventId} />
    <ess-agenda
      view="month"
      oness-event-open={(e) => e.detail.start}
      oness-agenda-change={(e) => e.detail.state?.result.total}
    />
    <ess-orientation heading-level={3} />
  </ess-feed>
);
// @ts-expect-error unknown property (hyphenated names are never checked by TypeScript in JSX, like data-*)
const bad1 = <ess-directory feeds="x" />;
// @ts-expect-error wrong view
const bad2 = <ess-agenda view="year" />;
// @ts-expect-error detail has no name
const bad3 = <ess-directory oness-select={(e) => e.detail.name} />;
export { ok, bad1, bad2, bad3 };
