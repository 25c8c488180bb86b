/**
 * What reaches the terminal: text quoted from input files (a CSV header, a record's name, a rejection
 * reason) may carry control characters, and an escape sequence printed raw can rewrite the screen,
 * hide lines, set the window title or worse. Every line the CLI prints goes through `terminalSafe`, in
 * one place: `main()` wraps stdout and stderr with `safeStream`, and the progress bar, which writes its
 * own escape sequences, passes its labels through `terminalSafe`.
 */

/**
 * C0 controls except tab and line feed (so CR too), DEL, C1 controls, and the bidirectional overrides
 * and isolates that reorder what is shown.
 */
// biome-ignore lint/suspicious/noControlCharactersInRegex: the control characters are what it finds
const UNSAFE = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g;

/**
 * The text with every control character written as a visible `\uXXXX` escape. In JSON output the
 * result is still valid JSON with the same value (`JSON.stringify` already escapes C0; C1, DEL and
 * bidi controls become the equivalent escape).
 */
export function terminalSafe(text: string): string {
  return text.replace(UNSAFE, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

const RAW = Symbol('essaim.rawStream');

export interface SafeStream {
  write(text: string): unknown;
  isTTY?: boolean;
  columns?: number;
  [RAW]: { write(text: string): unknown };
}

/** A stream whose writes go through `terminalSafe`. */
export function safeStream<T extends { write(text: string): unknown; isTTY?: boolean; columns?: number }>(
  stream: T,
): SafeStream {
  return {
    write: (text: string) => stream.write(terminalSafe(String(text))),
    get isTTY() {
      return stream.isTTY;
    },
    get columns() {
      return stream.columns;
    },
    [RAW]: stream,
  };
}

/** The stream under a `safeStream` (for writers that sanitise their own text), else the stream itself. */
export function rawStream<T>(stream: T): T {
  return ((stream as { [RAW]?: T })[RAW] ?? stream) as T;
}
