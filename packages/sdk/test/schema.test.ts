import { expect } from 'chai';
import { Event, FeedManifest, Parcours, Structure, Taxonomy, validateManifest } from '../src/index.ts';
import { manifest, realEvent, realStructure, variant } from './fixtures.ts';

describe('feed schema (zod)', () => {
  it('accepts a real Transiscope structure and a real OpenAgenda event', () => {
    expect(Structure.safeParse(realStructure).success).to.equal(true);
    expect(Event.safeParse(realEvent).success).to.equal(true);
  });

  it('requires ids of the form source--localId', () => {
    const bad = variant(realStructure, (s) => {
      s.id = '3vu5';
    });
    const r = Structure.safeParse(bad);
    expect(r.success).to.equal(false);
    expect(r.error!.issues[0]!.path).to.deep.equal(['id']);
  });

  it('allows only http(s) links for websites, images and sources', () => {
    for (const url of [
      'javascript:alert(1)',
      'data:text/html,<script>x</script>',
      'ftp://example.org',
      'vbscript:x',
    ]) {
      const bad = variant(realStructure, (s) => {
        s.contacts = { website: url };
      });
      expect(Structure.safeParse(bad).success, url).to.equal(false);
    }
    const ok = variant(realStructure, (s) => {
      s.contacts = {
        website: 'https://www.example.org/page?x=1',
        email: 'contact@example.org',
        phone: '09 65 31 74 25',
      };
    });
    expect(Structure.safeParse(ok).success).to.equal(true);
  });

  it('rejects impossible coordinates, malformed postcodes and COG codes', () => {
    const cases: Array<(s: Structure) => void> = [
      (s) => {
        s.geo = { lat: 148.1, lon: 1.4 };
      },
      (s) => {
        s.address!.postcode = '2814';
      },
      (s) => {
        s.address!.cog = { commune: '2814' };
      },
      (s) => {
        s.address!.cog = { departement: '2C' };
      },
      (s) => {
        s.siret = '123';
      },
    ];
    for (const change of cases)
      expect(Structure.safeParse(variant(realStructure, change)).success).to.equal(false);
    const corsica = variant(realStructure, (s) => {
      s.address!.cog = { commune: '2A004', departement: '2A', region: '94' };
    });
    expect(Structure.safeParse(corsica).success).to.equal(true);
  });

  it('needs a family among the six ESS families and at least one provenance', () => {
    expect(
      Structure.safeParse(variant(realStructure, (s) => Object.assign(s, { family: 'startup' }))).success,
    ).to.equal(false);
    expect(Structure.safeParse(variant(realStructure, (s) => (s.provenance = []))).success).to.equal(false);
  });

  it('checks event dates: an end before the start, an RRULE without a start, no date at all', () => {
    expect(
      Event.safeParse(variant(realEvent, (e) => (e.end = '2026-03-17T09:00:00+01:00'))).success,
    ).to.equal(false);
    const rrule = variant(realEvent, (e) => {
      delete e.start;
      delete e.end;
      e.rrule = 'FREQ=WEEKLY;BYDAY=TU;COUNT=10';
    });
    expect(Event.safeParse(rrule).success).to.equal(false);
    const none = variant(realEvent, (e) => {
      delete e.start;
      delete e.end;
      delete e.occurrences;
    });
    expect(Event.safeParse(none).success).to.equal(false);
    const weekly = variant(realEvent, (e) => {
      delete e.occurrences;
      e.rrule = 'FREQ=WEEKLY;BYDAY=WE;UNTIL=20261231T230000Z';
    });
    expect(Event.safeParse(weekly).success).to.equal(true);
  });

  it('describes a versioned taxonomy with former slugs', () => {
    const t = Taxonomy.parse({
      id: 'essaim',
      version: '2026.1',
      concepts: [
        {
          id: 'theme--alimentation',
          scheme: 'themes',
          slug: 'alimentation',
          label: { fr: 'Alimentation', en: 'Food' },
          formerSlugs: ['agriculture-alimentation'],
        },
      ],
    });
    expect(t.concepts[0]!.formerSlugs).to.deep.equal(['agriculture-alimentation']);
    expect(
      Taxonomy.safeParse({
        id: 'x',
        version: '1',
        concepts: [{ id: 'a', scheme: 'themes', slug: 'Pas Un Slug', label: { fr: 'x' } }],
      }).success,
    ).to.equal(false);
  });

  it('describes a parcours whose start step must exist', () => {
    const p = {
      id: 'p',
      version: '1',
      title: { fr: 'Trouver', en: 'Find' },
      start: 'who',
      steps: [
        {
          id: 'who',
          kind: 'single',
          question: { fr: 'Qui êtes-vous ?' },
          options: [
            {
              id: 'a',
              label: { fr: 'Habitant·e' },
              criteria: [{ field: 'publics', values: ['tous-publics'], weight: 2 }],
            },
          ],
        },
      ],
    };
    expect(Parcours.safeParse(p).success).to.equal(true);
    expect(Parcours.safeParse({ ...p, start: 'nowhere' }).success).to.equal(false);
  });

  it('reads manifests of format 1.x only, with a bilingual reason', () => {
    expect(FeedManifest.safeParse(manifest({ structures: [] })).success).to.equal(true);
    const r = validateManifest({ ...manifest({}), schemaVersion: '2.0' });
    expect(r.ok).to.equal(false);
    if (r.ok) return;
    expect(r.issues[0]!.path).to.equal('schemaVersion');
    expect(r.issues[0]!.message.fr).to.match(/format 1\.x/);
    expect(r.issues[0]!.message.en).to.match(/format 1\.x/);
  });
});
