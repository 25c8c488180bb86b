/**
 * The ESS family (association, coopérative, mutuelle, fondation) inferred from what a record says about
 * itself, only on clear evidence: its name ("Association …", "SCOP …", "Fondation …"), its tags
 * ("association", "coopérative alimentaire"), or the start of its description presenting itself
 * ("L'association X propose…", "X est une coopérative…", "association loi 1901"). A description that merely
 * mentions an association ("avec le soutien de l'association Y", or "La fondation Abbé Pierre…" further
 * down) is not evidence. Otherwise the family is "autre".
 */
import type { Family, LegalForm } from '@essaim/sdk';

export interface FamilyEvidence {
  name?: string;
  tags?: string[];
  /** Descriptions (abstract, longer text), plain text. */
  texts?: string[];
}

export interface InferredFamily {
  family: Family;
  legalForms: LegalForm[];
  /** What was found and where, e.g. 'name: "SCOP"', for the record's warnings or a report. */
  evidence?: string;
}

interface Rule {
  re: RegExp;
  family: Family;
  forms?: LegalForm[];
}

/** A case-insensitive, Unicode-aware regex where `\b` is a word boundary that knows accented letters. */
function re(source: string, flags: string): RegExp {
  return new RegExp(
    source.replace(/\\b/g, '(?:(?<=[\\p{L}\\p{N}])(?![\\p{L}\\p{N}])|(?<![\\p{L}\\p{N}])(?=[\\p{L}\\p{N}]))'),
    `${flags}u`,
  );
}

// Order matters inside one text: the earliest match wins (an "Association des coopératives…" is an
// association). Specific forms are listed before their generic family so that they also give a legal form.
const NAME_RULES: Rule[] = [
  {
    re: re(
      String.raw`\bS\.?C\.?O\.?P\b|soci[ée]t[ée] coop[ée]rative (?:ouvri[èe]re de production|et participative)`,
      'i',
    ),
    family: 'cooperative',
    forms: ['scop'],
  },
  {
    re: re(String.raw`\bS\.?C\.?I\.?C\b|soci[ée]t[ée] coop[ée]rative d.int[ée]r[êe]t collectif`, 'i'),
    family: 'cooperative',
    forms: ['scic'],
  },
  { re: re(String.raw`\bC\.?U\.?M\.?A\b`, ''), family: 'cooperative', forms: ['cuma'] },
  {
    re: re('coop[ée]rative d.activit[ée]s? et d.emploi', 'i'),
    family: 'cooperative',
    forms: ['cae'],
  },
  {
    re: re('supermarch[ée] coop[ée]ratif|coop[ée]rative (?:alimentaire|de consommat)', 'i'),
    family: 'cooperative',
    forms: ['cooperative-consommateurs'],
  },
  {
    re: re('coop[ée]rative agricole', 'i'),
    family: 'cooperative',
    forms: ['cooperative-agricole'],
  },
  { re: re(String.raw`\bcoop[ée]rative\b|\bcoop\b`, 'i'), family: 'cooperative' },
  { re: re(String.raw`\bmutuelle\b`, 'i'), family: 'mutuelle' },
  { re: re('fonds de dotation', 'i'), family: 'fondation', forms: ['fonds-de-dotation'] },
  { re: re(String.raw`\bfondation\b`, 'i'), family: 'fondation', forms: ['fondation'] },
  {
    re: re('reconnue d.utilit[ée] publique', 'i'),
    family: 'association',
    forms: ['association-reconnue-utilite-publique'],
  },
  {
    re: re(String.raw`\bassociation\b|\basso\b|\bassociati(?:f|ve)\b`, 'i'),
    family: 'association',
    forms: ['association'],
  },
];

/** How a description presents the organisation itself. */
const SELF_RULES: Rule[] = [
  {
    re: re(
      String.raw`(?:^|[.!?]\s+|\n)\s*(?:la\s+)?S\.?C\.?O\.?P\b|\b(?:est|sommes|: une|, une)\s+(?:une\s+)?S\.?C\.?O\.?P\b|\ben\s+S\.?C\.?O\.?P\b`,
      'i',
    ),
    family: 'cooperative',
    forms: ['scop'],
  },
  {
    re: re(
      String.raw`(?:^|[.!?]\s+|\n)\s*(?:la\s+)?S\.?C\.?I\.?C\b|\b(?:est|sommes)\s+(?:une\s+)?S\.?C\.?I\.?C\b|\ben\s+S\.?C\.?I\.?C\b`,
      'i',
    ),
    family: 'cooperative',
    forms: ['scic'],
  },
  {
    re: re(
      String.raw`(?:^|[.!?]\s+|\n)\s*(?:la|notre|cette)\s+coop[ée]rative\b|\b(?:est|sommes)\s+une\s+(?:\S+\s+)?coop[ée]rative\b|\b(?:supermarch[ée]|[ée]picerie|magasin) coop[ée]ratif\b`,
      'i',
    ),
    family: 'cooperative',
  },
  {
    re: re(
      String.raw`(?:^|[.!?]\s+|\n)\s*(?:la|notre|cette)\s+mutuelle\b|\b(?:est|sommes)\s+une\s+mutuelle\b`,
      'i',
    ),
    family: 'mutuelle',
  },
  {
    re: re(
      String.raw`(?:^|[.!?]\s+|\n)\s*(?:la|notre|cette)\s+fondation\b|\b(?:est|sommes)\s+une\s+fondation\b`,
      'i',
    ),
    family: 'fondation',
    forms: ['fondation'],
  },
  {
    re: re(String.raw`association\s+(?:reconnue\s+d.utilit[ée]\s+publique|RUP)\b`, 'i'),
    family: 'association',
    forms: ['association-reconnue-utilite-publique'],
  },
  {
    re: re(
      String.raw`(?:^|[.!?]\s+|\n)\s*(?:l['’]|notre\s+|cette\s+)association\b|\b(?:est|sommes|: une|, une)\s+(?:une\s+)?(?:petite\s+|jeune\s+|nouvelle\s+)?association\b|association\s+(?:de\s+)?(?:loi\s+)?(?:de\s+)?1901\b|(?:^|[.!?]\s+|\n)\s*(?:une|l['’])\s*association\s+(?:qui|pour|de|d['’]|créée|fondée|dont)\b`,
      'i',
    ),
    family: 'association',
    forms: ['association'],
  },
];

function earliest(text: string, rules: Rule[]): Rule | undefined {
  let best: Rule | undefined;
  let at = Number.POSITIVE_INFINITY;
  for (const r of rules) {
    const m = r.re.exec(text);
    if (m && m.index < at) {
      at = m.index;
      best = r;
    }
  }
  return best;
}

/** How far into a description a self-presentation is looked for. */
const SELF_WINDOW = 400;

/** The family and legal forms the record clearly states, else `autre`. */
export function inferFamily(e: FamilyEvidence): InferredFamily {
  const fromName = e.name ? earliest(e.name, NAME_RULES) : undefined;
  if (fromName) return result(fromName, `name: "${e.name}"`);
  for (const tag of e.tags ?? []) {
    const r = earliest(tag, NAME_RULES);
    if (r) return result(r, `tag: "${tag}"`);
  }
  for (const text of e.texts ?? []) {
    // Organisations present themselves at the start; further on, "l'association" is often another one.
    const r = earliest(text.slice(0, SELF_WINDOW), SELF_RULES);
    if (r) return result(r, 'description');
  }
  return { family: 'autre', legalForms: [] };
}

function result(r: Rule, evidence: string): InferredFamily {
  return { family: r.family, legalForms: r.forms ?? [], evidence };
}
