import { expect } from 'chai';
import { Structure, assembleFeed, emptyReport, reportTotals, validateRecords } from '../src/index.ts';
import { manifest, realEvent, realStructure, variant } from './fixtures.ts';

const s2 = variant(realStructure, (s) => {
  s.id = 'transiscope--3vtn';
  s.name = 'FERME de la METAIERIE';
});

describe('validation that loses nothing', () => {
  it('keeps the valid records and reports each rejected one with position, id, path and reasons in fr/en', () => {
    const input: unknown[] = [
      realStructure,
      variant(realStructure, (s) => {
        s.id = 'transiscope--bad-geo';
        s.geo = { lat: 91, lon: 2 };
      }),
      'not a record',
      s2,
      variant(realStructure, (s) => {
        s.id = 'transiscope--bad-link';
        s.contacts = { website: 'javascript:alert(document.cookie)' };
      }),
      realStructure, // duplicate id
    ];
    const { records, report } = validateRecords('structures', input, Structure);
    expect(records.map((r) => r.id)).to.deep.equal(['transiscope--3vu5', 'transiscope--3vtn']);
    expect(report.parts.structures).to.deep.equal({ received: 6, accepted: 2, rejected: 4 });
    expect(report.rejections.map((r) => [r.index, r.id])).to.deep.equal([
      [1, 'transiscope--bad-geo'],
      [2, undefined],
      [4, 'transiscope--bad-link'],
      [5, 'transiscope--3vu5'],
    ]);
    const geo = report.rejections[0]!.issues[0]!;
    expect(geo.path).to.equal('geo.lat');
    expect(geo.message.en).to.match(/<=\s*90|90/);
    expect(geo.message.fr).to.match(/90/);
    expect(geo.message.fr).to.not.equal(geo.message.en);
    const link = report.rejections[2]!.issues[0]!;
    expect(link.path).to.equal('contacts.website');
    expect(link.message.fr).to.contain('http(s)');
    expect(report.rejections[3]!.issues[0]!.code).to.equal('duplicate_id');
    expect(report.rejections[3]!.issues[0]!.message.fr).to.contain('en double');
  });

  it('reports a part that is not an array instead of throwing', () => {
    const { records, report } = validateRecords('structures', { oops: true }, Structure);
    expect(records).to.have.length(0);
    expect(report.parts.structures).to.deep.equal({ received: 1, accepted: 0, rejected: 1 });
    expect(report.rejections[0]!.issues[0]!.code).to.equal('not_an_array');
  });

  it('assembles a feed: services need their structure, unknown organisers only warn', () => {
    const service = {
      id: 'test--svc-1',
      structureId: 'transiscope--3vu5',
      name: 'Vente de fromages à la ferme',
      types: ['information'],
      provenance: [{ source: 'test', localId: 'svc-1' }],
      updatedAt: '2026-01-01',
    };
    const orphan = { ...service, id: 'test--svc-2', structureId: 'transiscope--nowhere' };
    const event = { ...realEvent, organizerIds: ['transiscope--3vu5', 'transiscope--unknown'] };
    const feed = assembleFeed(manifest({}), {
      structures: [realStructure, s2],
      services: [service, orphan],
      events: [event, { title: 'sans identifiant ni date' }],
      taxonomy: {
        id: 'essaim',
        version: '1',
        concepts: [
          {
            id: 'theme--alimentation',
            scheme: 'themes',
            slug: 'alimentation',
            label: { fr: 'Alimentation', en: 'Food' },
          },
          { id: 'broken', scheme: 'nope', slug: 'x', label: { fr: 'x' } },
        ],
      },
    });
    expect(feed.structures).to.have.length(2);
    expect(feed.services.map((s) => s.id)).to.deep.equal(['test--svc-1']);
    expect(feed.events.map((e) => e.id)).to.deep.equal(['openagenda--52614576']);
    expect(feed.taxonomy.concepts.map((c) => c.id)).to.deep.equal(['theme--alimentation']);
    expect(feed.report.parts.services).to.deep.equal({ received: 2, accepted: 1, rejected: 1 });
    expect(feed.report.rejections.find((r) => r.part === 'services')!.issues[0]!.code).to.equal(
      'unknown_structure',
    );
    expect(feed.report.warnings.map((w) => w.code)).to.deep.equal(['unknown_organizer']);
    for (const counts of Object.values(feed.report.parts)) {
      expect(counts.accepted + counts.rejected).to.equal(counts.received);
    }
    expect(reportTotals(feed.report)).to.deep.equal({ received: 8, accepted: 5, rejected: 3 });
  });

  it('accumulates several parts in one report', () => {
    const report = emptyReport();
    validateRecords('structures', [realStructure], Structure, report);
    validateRecords('structures', [s2, {}], Structure, report);
    expect(report.parts.structures).to.deep.equal({ received: 3, accepted: 2, rejected: 1 });
  });
});
