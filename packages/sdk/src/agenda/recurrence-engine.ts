/**
 * The RRULE library (`rrule`) and the code that drives it, loaded together by `loadRecurrence()`
 * (recurrence.ts explains the choice of library and how time zones are handled).
 *
 * @module
 */
import * as rrule from 'rrule';
import type { Options, RRule as RRuleClass } from 'rrule';
import type { CompiledRule } from './recurrence.ts';

type RRuleCtor = typeof RRuleClass;

// Browsers and bundlers read the ES module build; Node reads the UMD build through CommonJS interop,
// where the named exports sit on `default`.
const m = rrule as unknown as { RRule?: RRuleCtor; default?: { RRule?: RRuleCtor } };
const RRule = m.RRule ?? m.default?.RRule;

/** Throws when the package has no RRule (a broken install). */
export function check(): void {
  if (!RRule) throw new Error('The "rrule" package has no RRule export');
}

const UNTIL_RE = /(?:^|;)UNTIL=(\d{8})(?:T(\d{6})(Z?))?(?=;|$)/i;

/**
 * See `compileRule` in recurrence.ts; `toWall` turns an instant into the zone's wall time (passed in, so
 * that this chunk holds no time-zone code of its own: that stays with the agenda).
 */
export function compileRule(value0: string, startWall: number, toWall: (ms: number) => number): CompiledRule {
  const engine = RRule!;
  const value = value0.replace(/^RRULE:/i, '').trim();
  const options: Partial<Options> = engine.parseString(value);
  const until = UNTIL_RE.exec(value);
  if (until) {
    const d = until[1] ?? '';
    const t = until[2];
    const wall = Date.UTC(
      Number(d.slice(0, 4)),
      Number(d.slice(4, 6)) - 1,
      Number(d.slice(6, 8)),
      t ? Number(t.slice(0, 2)) : 23,
      t ? Number(t.slice(2, 4)) : 59,
      t ? Number(t.slice(4, 6)) : 59,
    );
    options.until = new Date(until[3] ? toWall(wall) : wall);
  }
  options.tzid = null;
  options.dtstart = new Date(startWall);
  const rule = new engine(options, true);
  return {
    each(visit) {
      rule.all((date, i) => visit(date.getTime(), i));
    },
  };
}
