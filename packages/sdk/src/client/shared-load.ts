/**
 * A load shared by concurrent callers (the client's `load()` and `refresh()` calls join one).
 *
 * @module
 */
import { FeedAbortError } from '../errors.ts';

/** A load shared by concurrent callers; aborted only when every caller that can abort has. */
export class SharedLoad<T> {
  readonly promise: Promise<T>;
  private readonly controller = new AbortController();
  private waiters = 0;
  private pinned = false;
  settled = false;

  constructor(run: (signal: AbortSignal) => Promise<T>, parent: AbortSignal) {
    this.promise = run(AbortSignal.any([parent, this.controller.signal]));
    this.promise.then(
      () => (this.settled = true),
      () => (this.settled = true),
    );
  }

  get aborted(): boolean {
    return this.controller.signal.aborted;
  }

  join(signal?: AbortSignal): Promise<T> {
    if (!signal) {
      this.pinned = true;
      return this.promise;
    }
    if (signal.aborted) return Promise.reject(new FeedAbortError({ reason: signal.reason }));
    this.waiters++;
    const leave = () => {
      this.waiters--;
      if (this.waiters === 0 && !this.pinned && !this.settled) this.controller.abort(signal.reason);
    };
    return new Promise<T>((resolve, reject) => {
      const onAbort = () => {
        reject(new FeedAbortError({ reason: signal.reason }));
        leave();
      };
      signal.addEventListener('abort', onAbort, { once: true });
      this.promise.then(
        (value) => {
          signal.removeEventListener('abort', onAbort);
          this.waiters--;
          resolve(value);
        },
        (error: unknown) => {
          signal.removeEventListener('abort', onAbort);
          this.waiters--;
          reject(error);
        },
      );
    });
  }
}
