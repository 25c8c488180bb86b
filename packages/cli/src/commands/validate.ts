/** `essaim validate`: validates a feed (folder, manifest file or URL) and reports what it rejects. */
import { ExitCode } from '../build/errors.ts';
import { exitCodeOf, validateFeed, type FeedValidation } from '../build/validate-feed.ts';
import { createProgress } from '../progress.ts';
import { num, type Lang } from '../report.ts';
import type { Command } from './command.ts';

export const validateCommand: Command = {
  name: 'validate',
  summary: {
    fr: 'valide un flux (dossier, manifeste ou URL) et liste les enregistrements rejetés',
    en: 'validates a feed (folder, manifest or URL) and lists the rejected records',
  },
  help: {
    fr: `Usage : essaim validate <dossier | manifest.json | URL> [options]

Charge le flux comme le SDK le ferait et valide chaque enregistrement à part : par partie, les
enregistrements acceptés et rejetés, avec les raisons regroupées. Sur disque, les fichiers des parties
sont lus relativement au manifeste, en flux (un million d’enregistrements passe) ; leurs « count » et
« sha256 » sont vérifiés. Une URL est chargée avec le client du SDK.

Options :
      --json       rapport complet en JSON (pour les machines)
      --allow-origin <origine>
                   URL : autorise les fichiers d’une autre origine (https://cdn.exemple.org) ;
                   par défaut, seuls ceux de l’origine et du dossier du manifeste sont téléchargés,
                   et jamais une adresse locale ou privée quand le manifeste est public
      --lang en    rapport en anglais (défaut : français)
  -q, --quiet      pas de progression
  -h, --help       cette aide

Codes de sortie : 0 tout est valide · 1 des enregistrements sont rejetés · 3 manifeste invalide,
fichier absent ou illisible.

Exemples :
  essaim validate data/feed
  essaim validate https://exemple.org/essaim/manifest.json --json`,
    en: `Usage: essaim validate <folder | manifest.json | URL> [options]

Loads the feed as the SDK would and validates every record on its own: per part, the records accepted
and rejected, with the reasons grouped. On disk, part files are read relative to the manifest, streamed
(a million records is fine); their "count" and "sha256" are checked. A URL is loaded with the SDK client.

Options:
      --json       full report as JSON (for machines)
      --allow-origin <origin>
                   URL: allow files from another origin (https://cdn.example.org); by default only
                   files under the manifest's origin and folder are fetched, and never a loopback
                   or private address when the manifest is public
      --lang en    report in English (default: French)
  -q, --quiet      no progress
  -h, --help       this help

Exit codes: 0 all valid · 1 records rejected · 3 invalid manifest, missing or unreadable file.

Examples:
  essaim validate data/feed
  essaim validate https://example.org/essaim/manifest.json --json`,
  },
  options: {
    json: { type: 'boolean' },
    quiet: { type: 'boolean', short: 'q' },
    'allow-origin': { type: 'string', multiple: true },
  },
  maxPositionals: 1,
  async run({ io, values, positionals, lang }) {
    const target = positionals[0]!;
    const progress = createProgress({
      stream: io.stderr as NodeJS.WritableStream,
      mode: values.quiet || values.json ? 'silent' : undefined,
      lang,
    });
    const allow = values['allow-origin'] as unknown as string[] | undefined;
    const result = await validateFeed(target, {
      cwd: io.cwd,
      progress,
      lang,
      ...(allow?.length ? { allowOrigins: allow } : {}),
    });
    const code = exitCodeOf(result);
    if (values.json) {
      const totals = { received: 0, accepted: 0, rejected: 0 };
      for (const c of Object.values(result.report.parts)) {
        totals.received += c.received;
        totals.accepted += c.accepted;
        totals.rejected += c.rejected;
      }
      const out = {
        target: result.target,
        ok: code === ExitCode.Ok,
        exitCode: code,
        manifest: result.manifest,
        totals,
        parts: result.report.parts,
        rejections: result.report.rejections,
        warnings: result.report.warnings,
        errors: result.errors,
      };
      io.stdout.write(`${JSON.stringify(out, null, 2)}\n`);
    } else io.stdout.write(`${formatValidation(result, lang)}\n`);
    return code;
  },
};

const MAX_GROUPS = 20;
const MAX_EXAMPLES = 5;

/** The validation as text: the manifest, a table by part, the rejection reasons grouped. */
export function formatValidation(v: FeedValidation, lang: Lang = 'fr'): string {
  const fr = lang === 'fr';
  const sep = fr ? ' : ' : ': ';
  const out: string[] = [];
  if (!v.manifest.valid) {
    out.push(fr ? `Manifeste invalide (${v.target})${sep}` : `Invalid manifest (${v.target})${sep}`);
    for (const i of v.manifest.issues) out.push(`  - ${i.path ? `${i.path}${sep}` : ''}${i.message[lang]}`);
    return out.join('\n');
  }
  out.push(
    fr
      ? `Flux « ${v.manifest.id} » (format ${v.manifest.schemaVersion}) — ${v.target}`
      : `Feed "${v.manifest.id}" (format ${v.manifest.schemaVersion}) — ${v.target}`,
  );
  out.push(fr ? 'Manifeste : valide' : 'Manifest: valid');
  const rows = [
    fr ? ['partie', 'reçus', 'acceptés', 'rejetés'] : ['part', 'received', 'accepted', 'rejected'],
  ];
  const totals = { received: 0, accepted: 0, rejected: 0 };
  for (const [part, c] of Object.entries(v.report.parts)) {
    rows.push([part, num(c.received, lang), num(c.accepted, lang), num(c.rejected, lang)]);
    totals.received += c.received;
    totals.accepted += c.accepted;
    totals.rejected += c.rejected;
  }
  const widths = rows[0]!.map((_, i) => Math.max(...rows.map((r) => r[i]!.length)));
  for (const r of rows)
    out.push(`  ${r.map((c, i) => (i ? c.padStart(widths[i]!) : c.padEnd(widths[i]!))).join('  ')}`);

  if (v.report.rejections.length) {
    const groups = new Map<string, { part: string; text: string; count: number; examples: string[] }>();
    for (const r of v.report.rejections) {
      const text = r.issues
        .map((i) => `${i.path ? `${i.path}${sep}` : ''}${i.message[lang]}`)
        .join(fr ? ' ; ' : '; ');
      const key = `${r.part}\u0000${text}`;
      let g = groups.get(key);
      if (!g) groups.set(key, (g = { part: r.part, text, count: 0, examples: [] }));
      g.count++;
      if (g.examples.length < MAX_EXAMPLES) {
        const where = 'file' in r && r.file ? `${r.file} #${r.index}` : `#${r.index}`;
        g.examples.push(r.id ? `${r.id} (${where})` : where);
      }
    }
    const sorted = [...groups.values()].sort((a, b) => b.count - a.count);
    out.push(
      fr
        ? `Rejets (${num(v.report.rejections.length, lang)})${sep}`
        : `Rejected (${num(v.report.rejections.length, lang)})${sep}`,
    );
    for (const g of sorted.slice(0, MAX_GROUPS)) {
      out.push(`  ${g.part} — ${num(g.count, lang)} × ${g.text}`);
      out.push(`      ${fr ? 'ex.' : 'e.g.'} ${g.examples.join(', ')}`);
    }
    if (sorted.length > MAX_GROUPS) {
      out.push(
        fr
          ? `  … et ${sorted.length - MAX_GROUPS} autres raisons (--json pour tout voir)`
          : `  … and ${sorted.length - MAX_GROUPS} more reasons (--json for all)`,
      );
    }
  }
  if (v.report.warnings.length) {
    out.push(
      fr
        ? `Avertissements (${num(v.report.warnings.length, lang)})${sep}`
        : `Warnings (${num(v.report.warnings.length, lang)})${sep}`,
    );
    for (const w of v.report.warnings.slice(0, MAX_GROUPS)) out.push(`  ${w.part} — ${w.message[lang]}`);
    if (v.report.warnings.length > MAX_GROUPS) out.push('  …');
  }
  for (const e of v.errors) out.push(`${fr ? 'Erreur' : 'Error'}${sep}${e[lang]}`);
  const verdict = v.errors.length
    ? fr
      ? 'Résultat : flux incomplet (fichiers illisibles).'
      : 'Result: incomplete feed (unreadable files).'
    : totals.rejected
      ? fr
        ? `Résultat : ${num(totals.rejected, lang)} enregistrement(s) rejeté(s) sur ${num(totals.received, lang)}.`
        : `Result: ${num(totals.rejected, lang)} of ${num(totals.received, lang)} records rejected.`
      : fr
        ? `Résultat : les ${num(totals.received, lang)} enregistrements sont valides.`
        : `Result: all ${num(totals.received, lang)} records are valid.`;
  out.push(verdict);
  return out.join('\n');
}
