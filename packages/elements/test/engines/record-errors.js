// Classic script loaded before the widgets by the cross-engine page: records page errors, rejected
// promises, console.error and CSP violations in window.__essErrors, for a driver without a console API
// (Selenium/WebKitWebDriver). An external file, so the page keeps a strict CSP (no inline script).
(() => {
  const errors = [];
  window.__essErrors = errors;
  const note = (text) => errors.push(String(text));
  window.addEventListener('error', (e) => note(`error: ${e.message}`));
  window.addEventListener('unhandledrejection', (e) =>
    note(`unhandled rejection: ${e.reason?.message ?? e.reason}`),
  );
  document.addEventListener('securitypolicyviolation', (e) =>
    note(`CSP violation: ${e.violatedDirective} ${e.blockedURI}`),
  );
  const error = console.error.bind(console);
  console.error = (...args) => {
    note(`console.error: ${args.map(String).join(' ')}`);
    error(...args);
  };
})();
