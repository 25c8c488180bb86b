/**
 * Field accounting for the importers that do not give their own (gogocarto, openagenda-export, openagenda-v2,
 * data-inclusion…): the top-level properties of the records in the source file, each with its number of
 * non-empty values and whether the importer read it at all. A property never read is one whose values
 * reach nobody: the report names it.
 *
 * The importer reads the records through proxies that note each property it asks for. An importer that
 * copies whole records (spread, Object.entries) cannot be observed this way: no report is given rather
 * than a wrong one.
 */
import { FieldAccounting } from '../mapping/accounting.ts';
import type { FieldReport, ImportContext, Importer, ImportOutcome } from './types.ts';

const RECORD_LISTS = ['data', 'events', 'structures', 'records', 'results', 'hits', 'items', 'features'];

type Obj = Record<string, unknown>;
const isObject = (v: unknown): v is Obj => v !== null && typeof v === 'object' && !Array.isArray(v);

class ReadTracker {
  readonly records: Obj[] = [];
  readonly read = new Set<string>();
  enumerated = false;

  /** Replaces the records of a parsed document by observing proxies (in place), returns the document. */
  wrap(doc: unknown): unknown {
    const list = Array.isArray(doc)
      ? doc
      : isObject(doc)
        ? RECORD_LISTS.map((k) => doc[k]).find((v): v is unknown[] => Array.isArray(v))
        : undefined;
    if (!list) return doc;
    for (let i = 0; i < list.length; i++) {
      // OpenDataSoft exports: the record is the envelope's "fields".
      const envelope = isObject(list[i]) && isObject((list[i] as Obj).fields) ? (list[i] as Obj) : undefined;
      const r = envelope ? envelope.fields : list[i];
      if (!isObject(r)) continue;
      this.records.push(r);
      const proxy = new Proxy(r, {
        get: (t, k, recv) => {
          if (typeof k === 'string') this.read.add(k);
          return Reflect.get(t, k, recv);
        },
        has: (t, k) => {
          if (typeof k === 'string') this.read.add(k);
          return Reflect.has(t, k);
        },
        ownKeys: (t) => {
          this.enumerated = true;
          return Reflect.ownKeys(t);
        },
      });
      if (envelope) envelope.fields = proxy;
      else list[i] = proxy;
    }
    return doc;
  }
}

/** The importer, giving a field report when it gives none itself. */
export function withFieldFallback(importer: Importer): Importer {
  return {
    type: importer.type,
    expects: importer.expects,
    async *run(ctx: ImportContext): AsyncIterable<ImportOutcome> {
      if (!ctx.fields) {
        yield* importer.run(ctx);
        return;
      }
      let reported = false;
      const tracker = new ReadTracker();
      const inner: ImportContext = {
        ...ctx,
        fields: (r: FieldReport) => {
          reported = true;
          ctx.fields?.(r);
        },
        observeSource: (doc) => tracker.wrap(ctx.observeSource ? ctx.observeSource(doc) : doc),
      };
      yield* importer.run(inner);
      if (reported || tracker.enumerated || !tracker.records.length) return;
      const fields = new FieldAccounting();
      for (const r of tracker.records) fields.countRow(r);
      const label = `(read by the ${importer.type} importer)`;
      for (const k of tracker.read) if (tracker.records.some((r) => k in r)) fields.use(k, label);
      ctx.fields(fields.report());
    },
  };
}
