/**
 * The build report as text (what `essaim build` prints): the counts table per source and part, what was
 * written, the links, the calendars, the merges, the reasons and warnings, each field report in a line.
 */
import type { MergeReason } from './merge.ts';
import type { BuildReport, Counts } from './report.ts';
import type { FieldReport } from './importers/types.ts';

export type Lang = 'fr' | 'en';

export function num(n: number, lang: Lang): string {
  return n.toLocaleString(lang === 'fr' ? 'fr-FR' : 'en-GB').replace(/\u202f|\u00a0/g, ' ');
}

function table(rows: string[][]): string[] {
  const widths = rows[0]!.map((_, i) => Math.max(...rows.map((r) => r[i]!.length)));
  return rows.map((r) =>
    r.map((cell, i) => (i === 0 ? cell.padEnd(widths[i]!) : cell.padStart(widths[i]!))).join('  '),
  );
}

function describeReason(reason: MergeReason, lang: Lang): string {
  if (reason.rule === 'siret')
    return lang === 'fr' ? `même SIRET ${reason.siret}` : `same SIRET ${reason.siret}`;
  if (reason.rule === 'same-id') return lang === 'fr' ? 'même identifiant' : 'same id';
  const name = {
    identical: { fr: 'noms identiques', en: 'identical names' },
    similar: { fr: `noms proches (${reason.similarity})`, en: `similar names (${reason.similarity})` },
    contained: { fr: 'un nom contient l’autre', en: 'one name contains the other' },
  }[reason.name][lang];
  return lang === 'fr'
    ? `${name}, à ${num(reason.distanceMeters, lang)} m`
    : `${name}, ${reason.distanceMeters} m apart`;
}

/** The report as text for a terminal (French by default). */
export function formatBuildReport(
  report: BuildReport,
  lang: Lang = 'fr',
  options: { merges?: number; reasons?: number } = {},
): string {
  const fr = lang === 'fr';
  const out: string[] = [];
  const head = fr
    ? ['source', 'reçus', 'acceptés', 'fusionnés', 'rejetés']
    : ['source', 'received', 'accepted', 'merged', 'rejected'];
  const row = (label: string, c: Counts) => [
    label,
    num(c.received, lang),
    num(c.accepted, lang),
    num(c.merged, lang),
    num(c.rejected, lang),
  ];
  const rows = [head];
  for (const s of report.sources) {
    rows.push(row(`${s.id} (${s.type})`, s));
    for (const [part, c] of Object.entries(s.parts)) rows.push(row(`  ${part}`, c));
  }
  rows.push(row(fr ? 'total' : 'total', report.totals));
  out.push(
    fr
      ? `Flux « ${report.feed.id} » du ${report.feed.updated}`
      : `Feed "${report.feed.id}" of ${report.feed.updated}`,
  );
  out.push(...table(rows).map((l) => `  ${l}`));

  const written = Object.entries(report.output)
    .map(([part, o]) => {
      const n = 'concepts' in o ? (o as { concepts: number }).concepts : (o as { count: number }).count;
      const shards = 'shards' in o && o.shards ? Object.keys(o.shards).length : 0;
      const extra = shards ? (fr ? ` en ${shards} fichiers` : ` in ${shards} files`) : '';
      return `${part} ${num(n, lang)}${extra}`;
    })
    .join(', ');
  out.push(fr ? `Écrit : ${written}` : `Written: ${written}`);
  if (report.links) {
    const l = report.links;
    out.push(
      fr
        ? `Liens structures ↔ évènements : ${num(l.byOrganizer, lang)} par organisateur, ${num(l.byPlace, lang)} par lieu (${num(l.structuresWithEvents, lang)} structure(s) avec des évènements, ${num(l.eventsWithStructures, lang)} évènement(s) reliés à une structure)`
        : `Structure ↔ event links: ${num(l.byOrganizer, lang)} by organiser, ${num(l.byPlace, lang)} by place (${num(l.structuresWithEvents, lang)} structure(s) with events, ${num(l.eventsWithStructures, lang)} event(s) linked to a structure)`,
    );
  }
  if (report.calendars?.length) {
    const maxCalendars = 12;
    out.push(
      fr
        ? `Calendriers (${num(report.calendars.length, lang)}) :`
        : `Calendars (${num(report.calendars.length, lang)}):`,
    );
    for (const c of report.calendars.slice(0, maxCalendars)) {
      const events = fr ? (c.count > 1 ? 'évènements' : 'évènement') : c.count === 1 ? 'event' : 'events';
      out.push(`  ${c.file}  ${c.name}${fr ? ' : ' : ': '}${num(c.count, lang)} ${events}`);
    }
    if (report.calendars.length > maxCalendars) {
      const more = report.calendars.length - maxCalendars;
      out.push(
        fr
          ? `  … et ${more} autres (voir build-report.json)`
          : `  … and ${more} more (see build-report.json)`,
      );
    }
  }

  for (const s of report.sources) if (s.fields) out.push(...fieldSummary(s.id, s.fields, lang));

  const maxReasons = options.reasons ?? 5;
  for (const s of report.sources) {
    if (!s.rejections.length) continue;
    out.push(
      fr
        ? `Rejets de « ${s.id} » (${num(s.rejected, lang)}) :`
        : `Rejected from "${s.id}" (${num(s.rejected, lang)}):`,
    );
    for (const r of s.rejections.slice(0, maxReasons)) {
      const ex = r.examples.map((e) => e.localId ?? `#${e.index}`).join(', ');
      out.push(`  ${num(r.count, lang)} × ${r.reason[lang]}${ex ? ` (${fr ? 'ex.' : 'e.g.'} ${ex})` : ''}`);
    }
    if (s.rejections.length > maxReasons) {
      const more = s.rejections.length - maxReasons;
      out.push(
        fr
          ? `  … et ${more} autres raisons (voir build-report.json)`
          : `  … and ${more} more reasons (see build-report.json)`,
      );
    }
  }
  for (const s of report.sources) {
    if (!s.warnings.length) continue;
    const total = s.warnings.reduce((n, w) => n + w.count, 0);
    out.push(
      fr
        ? `Valeurs corrigées ou écartées dans « ${s.id} » (${num(total, lang)} avertissements, tous dans build-report.json) :`
        : `Values fixed or dropped in "${s.id}" (${num(total, lang)} warnings, all in build-report.json):`,
    );
    for (const w of s.warnings.slice(0, maxReasons)) {
      const ex = w.examples[0];
      const where = ex
        ? ` (${fr ? 'ex.' : 'e.g.'} ${ex.localId ?? `#${ex.index}`}, ${ex.field} : ${ex[lang]})`
        : '';
      out.push(`  ${num(w.count, lang)} × ${w.code}${where}`);
    }
    if (s.warnings.length > maxReasons) {
      const more = s.warnings.length - maxReasons;
      out.push(fr ? `  … et ${more} autres sortes` : `  … and ${more} more kinds`);
    }
  }
  for (const f of [report.taxonomy, ...report.parcours, ...(report.indicators ?? [])]) {
    if (!f.rejected) continue;
    out.push(
      fr
        ? `${f.path} : ${f.rejected} rejetés sur ${f.received}`
        : `${f.path}: ${f.rejected} of ${f.received} rejected`,
    );
    for (const r of f.rejections.slice(0, maxReasons)) out.push(`  ${r.count} × ${r.reason[lang]}`);
  }

  const maxMerges = options.merges ?? 5;
  if (report.merges.length) {
    out.push(
      fr
        ? `Doublons fusionnés : ${num(report.totals.merged, lang)} enregistrements dans ${num(report.merges.length, lang)} fiches`
        : `Duplicates merged: ${num(report.totals.merged, lang)} records into ${num(report.merges.length, lang)}`,
    );
    for (const m of report.merges.slice(0, maxMerges)) {
      const why = m.links.map((l) => `${l.a} ~ ${l.b} : ${describeReason(l, lang)}`).join(' ; ');
      out.push(`  ${m.kept} ← ${m.merged.join(', ')} (${why})`);
    }
    if (report.merges.length > maxMerges) {
      out.push(
        fr ? `  … (toutes les fusions dans build-report.json)` : `  … (every merge in build-report.json)`,
      );
    }
  }
  if (report.keptApart.length) {
    out.push(
      fr
        ? `Rapprochements refusés (numéros différents) : ${num(report.keptApart.length, lang)}`
        : `Matches kept apart (different numbers): ${num(report.keptApart.length, lang)}`,
    );
    for (const k of report.keptApart.slice(0, maxMerges)) {
      out.push(
        `  ${k.a} ≠ ${k.b}${fr ? ' : ' : ': '}${k.identifier.toUpperCase()} ${k.values[0]} ≠ ${k.values[1]}`,
      );
    }
  }
  if (report.mergeReview) {
    out.push(fr ? `Fusions à relire : ${report.mergeReview}` : `Merges to review: ${report.mergeReview}`);
  }
  for (const w of report.warnings) out.push(fr ? `Attention : ${w.fr}` : `Warning: ${w.en}`);
  return out.join('\n');
}

/** One line on what a source's mapping left out (unused columns, unmatched values), pointing to the report. */
export function fieldSummary(source: string, f: FieldReport, lang: Lang): string[] {
  const fr = lang === 'fr';
  const out: string[] = [];
  const names = (list: string[]) => `${list.slice(0, 6).join(', ')}${list.length > 6 ? '…' : ''}`;
  if (f.unused.length) {
    const n = f.unused.length;
    out.push(
      fr
        ? `${source} : ${n} colonne${n > 1 ? 's' : ''} non utilisée${n > 1 ? 's' : ''} : ${names(f.unused)} — voir le rapport (build-report.json)`
        : `${source}: ${n} column${n > 1 ? 's' : ''} not used: ${names(f.unused)} — see the report (build-report.json)`,
    );
  }
  const empty = (f.mapped ?? []).filter((m) => m.filled === 0 && !m.from.includes('(value)'));
  if (empty.length) {
    const list = empty.map((m) => `${m.field} (${m.from.join(', ')})`);
    out.push(
      fr
        ? `${source} : aucune valeur lue pour ${names(list)} — vérifiez la correspondance`
        : `${source}: no value read for ${names(list)} — check the mapping`,
    );
  }
  if (f.unmatched.length) {
    const count = f.unmatched.reduce((s, u) => s + u.count, 0);
    const list = f.unmatched.map((u) => `${u.field} « ${u.value} »`);
    out.push(
      fr
        ? `${source} : ${num(count, lang)} valeur${count > 1 ? 's' : ''} sans correspondance : ${names(list)} — voir le rapport`
        : `${source}: ${num(count, lang)} value${count > 1 ? 's' : ''} matched nothing: ${names(list.map((l) => l.replace(/« (.*) »/, '"$1"')))} — see the report`,
    );
  }
  return out;
}
