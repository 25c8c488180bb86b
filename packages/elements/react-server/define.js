// What `@essaim/elements/define/*` resolves to in a React Server Component (the `react-server` export
// condition, which Next.js's App Router sets for server components): the elements run in the browser
// only, and a server component's imports never reach the browser, so its page would stay blank. The
// import fails instead, with what to do.
throw new Error(
  "@essaim/elements: the elements run in the browser only, and this import is in a React Server Component. Import '@essaim/elements/define/…' from a client component (a file that starts with 'use client') and render the tags there.",
);
