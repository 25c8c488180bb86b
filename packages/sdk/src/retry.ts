/**
 * The automatic retries of a feed store (`autoRetry`), loaded at its first failure: reload with a
 * growing delay (2 s, 4 s, 8 s… up to 2 min, with jitter), at once when the browser comes back online
 * or the page becomes visible again, never while the page is hidden or the browser offline; stop once a
 * load succeeds.
 */
import type { FeedRetryOptions } from './store.ts';

interface RetryHost {
  /** Whether what the store shows comes from a failure. */
  isFailing(): boolean;
  /** Loads from the network again (never rejects). */
  reload(): Promise<unknown>;
}

const page = globalThis as {
  addEventListener?: (type: string, listener: () => void) => void;
  removeEventListener?: (type: string, listener: () => void) => void;
  document?: {
    visibilityState?: string;
    addEventListener?: (type: string, listener: () => void) => void;
    removeEventListener?: (type: string, listener: () => void) => void;
  };
  navigator?: { onLine?: boolean };
};
const canRetryNow = () => page.navigator?.onLine !== false && page.document?.visibilityState !== 'hidden';

export function createRetrier(host: RetryHost, options: FeedRetryOptions) {
  const initialDelay = options.initialDelay ?? 2000;
  const maxDelay = options.maxDelay ?? 120_000;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let attempt = 0;
  let running = false;
  let listening = false;
  let disposed = false;
  const onWake = () => {
    if (canRetryNow() && host.isFailing()) now();
  };
  function listen(on: boolean) {
    if (on === listening) return;
    listening = on;
    const method = on ? 'addEventListener' : 'removeEventListener';
    page[method]?.('online', onWake);
    page.document?.[method]?.('visibilitychange', onWake);
  }
  function now() {
    if (running || disposed) return;
    clearTimeout(timer);
    timer = undefined;
    running = true;
    void host.reload().finally(() => {
      running = false;
      sync();
    });
  }
  /** Called after every change of the store's state. */
  function sync() {
    if (disposed || running) return;
    if (!host.isFailing()) {
      attempt = 0;
      clearTimeout(timer);
      timer = undefined;
      listen(false);
      return;
    }
    listen(true);
    if (timer !== undefined) return;
    const delay = Math.min(maxDelay, initialDelay * 2 ** attempt) * (0.75 + Math.random() * 0.5);
    attempt++;
    timer = setTimeout(() => {
      timer = undefined;
      // Hidden or offline: wait for `visibilitychange` or `online` instead.
      if (canRetryNow()) now();
    }, delay);
    (timer as { unref?: () => void }).unref?.();
  }
  return {
    sync,
    dispose() {
      disposed = true;
      clearTimeout(timer);
      listen(false);
    },
  };
}
