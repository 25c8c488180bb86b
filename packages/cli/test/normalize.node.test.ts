/**
 * The shared normalisers, on real messy values taken from data/sources (Transiscope, OpenAgenda, La Poste).
 */
import { expect } from 'chai';
import {
  cleanMultiline,
  cleanText,
  decodeText,
  deriveCog,
  extractEmails,
  extractPostcode,
  formatInstant,
  gogoOpenHoursToOsm,
  htmlToText,
  inferFamily,
  isPlaceholder,
  looksLikeOsmOpeningHours,
  normalizeCoordinates,
  normalizeDate,
  normalizeDateTime,
  normalizeEmail,
  normalizeLatLonPair,
  normalizePostcode,
  normalizeUrl,
  offsetMinutes,
  parsePhones,
  splitAddressLine,
  splitList,
  truncate,
} from '../src/normalize/index.ts';
import { fakePlaces } from './helpers/context.ts';

const codes = (r: { notes: Array<{ code: string }> }) => r.notes.map((n) => n.code);

describe('normalize: coordinates', () => {
  it('reads numbers and strings (Transiscope has both)', () => {
    expect(normalizeCoordinates(48.12308, 1.4973).value).to.deep.equal({ lat: 48.12308, lon: 1.4973 });
    expect(normalizeCoordinates('48.44272', '1.48668').value).to.deep.equal({ lat: 48.44272, lon: 1.48668 });
    expect(normalizeCoordinates('48,8566', '2,3522').value).to.deep.equal({ lat: 48.8566, lon: 2.3522 });
  });
  it('refuses 0,0, out-of-range and unreadable values, with a note', () => {
    expect(normalizeCoordinates(0, 0).value).to.equal(undefined);
    expect(codes(normalizeCoordinates(0, 0))).to.deep.equal(['coordinates-zero']);
    expect(codes(normalizeCoordinates(95, 200))).to.deep.equal(['coordinates-out-of-range']);
    expect(codes(normalizeCoordinates('48.4°N', 'x'))).to.deep.equal(['coordinates-unreadable']);
    expect(normalizeCoordinates(null, undefined)).to.deep.equal({ notes: [] });
  });
  it('swaps back a longitude/latitude pair in France, and says so', () => {
    const r = normalizeCoordinates(2.39137, 48.83978);
    expect(r.value).to.deep.equal({ lat: 48.83978, lon: 2.39137 });
    expect(codes(r)).to.deep.equal(['coordinates-swapped']);
  });
  it('keeps a point outside France with a note, and accepts overseas France', () => {
    expect(codes(normalizeCoordinates(51.5074, -0.1278))).to.deep.equal(['coordinates-outside-france']); // London
    expect(normalizeCoordinates(-21.1151, 55.5364).notes).to.deep.equal([]); // La Réunion
  });
  it('reads La Poste "lat,lon" cells', () => {
    expect(normalizeLatLonPair('48.8289932116,2.32710088326').value).to.deep.equal({
      lat: 48.8289932,
      lon: 2.3271009,
    });
    expect(normalizeLatLonPair('').notes).to.deep.equal([]);
  });
});

describe('normalize: postcodes', () => {
  it('pads integers that lost their leading zero', () => {
    expect(normalizePostcode(1000).value).to.equal('01000');
    expect(codes(normalizePostcode(1000))).to.deep.equal(['postcode-leading-zero']);
    expect(normalizePostcode(75015).value).to.equal('75015');
  });
  it('reads the real variants of the Transiscope file', () => {
    expect(normalizePostcode('91 000').value).to.equal('91000');
    expect(normalizePostcode('75 011').value).to.equal('75011');
    expect(normalizePostcode('75020 Paris').value).to.equal('75020');
    expect(normalizePostcode('2400').value).to.equal('02400');
    expect(codes(normalizePostcode('93'))).to.deep.equal(['postcode-departement-only']);
    expect(codes(normalizePostcode('Noisy le Grand'))).to.deep.equal(['postcode-invalid']);
    expect(codes(normalizePostcode(750132))).to.deep.equal(['postcode-invalid']);
  });
  it('finds the postcode inside a street line and splits it', () => {
    expect(extractPostcode('181 avenue Daumesnil 75012 PARIS 12')).to.equal('75012');
    expect(splitAddressLine('181 avenue Daumesnil 75012 PARIS 12')).to.deep.equal({
      street: '181 avenue Daumesnil',
      postcode: '75012',
      commune: 'PARIS 12',
    });
    expect(splitAddressLine('295 Rue de Charenton, 75012 Paris, France')).to.deep.equal({
      street: '295 Rue de Charenton',
      postcode: '75012',
      commune: 'Paris',
    });
    expect(splitAddressLine("Place du Puits de l'Ermite, 75005 Paris 75005 ")).to.deep.equal({
      street: "Place du Puits de l'Ermite",
      postcode: '75005',
      commune: 'Paris',
    });
    expect(splitAddressLine('6 rue Descartes, 78 330 Fontenay-le-Fleury').postcode).to.equal('78330');
    expect(splitAddressLine('rue de la Motte Lucé')).to.deep.equal({ street: 'rue de la Motte Lucé' });
  });
});

describe('normalize: dates (Europe/Paris)', () => {
  it('knows the Paris offset of each day', () => {
    expect(offsetMinutes(Date.UTC(2019, 0, 15))).to.equal(60);
    expect(offsetMinutes(Date.UTC(2019, 6, 15))).to.equal(120);
  });
  it('reads the three formats of the Transiscope file', () => {
    expect(normalizeDate('29/12/2017').value).to.equal('2017-12-29');
    expect(normalizeDate('2018-09-06 10:45:41').value).to.equal('2018-09-06T10:45:41+02:00');
    expect(normalizeDate('08/04/2019 à 15:05').value).to.equal('2019-04-08T15:05:00+02:00');
    expect(normalizeDate('14/03/2019 à 09:45').value).to.equal('2019-03-14T09:45:00+01:00');
  });
  it('re-expresses OpenAgenda instants in Paris time, keeping the instant', () => {
    expect(normalizeDate('2026-03-13T15:28:18+00:00').value).to.equal('2026-03-13T16:28:18+01:00');
    expect(normalizeDate('2026-03-13T15:28:18.027000+00:00').value).to.equal('2026-03-13T16:28:18.027+01:00');
    expect(normalizeDate('2026-05-01T00:00:00+02:00').value).to.equal('2026-05-01T00:00:00+02:00');
    expect(normalizeDate('2026-07-01T12:00:00Z').value).to.equal('2026-07-01T14:00:00+02:00');
  });
  it('handles the clock changes (gap moves forward, overlap takes summer time)', () => {
    expect(normalizeDate('2026-03-29 02:30:00').value).to.equal('2026-03-29T03:30:00+02:00');
    expect(normalizeDate('2026-03-29 01:59:59').value).to.equal('2026-03-29T01:59:59+01:00');
    expect(normalizeDate('2026-10-25 02:30:00').value).to.equal('2026-10-25T02:30:00+02:00');
    expect(normalizeDate('2026-10-25 03:30:00').value).to.equal('2026-10-25T03:30:00+01:00');
  });
  it('refuses impossible dates with a note', () => {
    expect(codes(normalizeDate('31/02/2019'))).to.deep.equal(['date-invalid']);
    expect(codes(normalizeDate('hier'))).to.deep.equal(['date-invalid']);
    expect(codes(normalizeDate('2019-13-01'))).to.deep.equal(['date-invalid']);
  });
  it('turns a day into midnight when a date-time is needed', () => {
    expect(normalizeDateTime('2026-01-10').value).to.equal('2026-01-10T00:00:00+01:00');
    expect(formatInstant(Date.UTC(2026, 5, 1, 8))).to.equal('2026-06-01T10:00:00+02:00');
  });
});

describe('normalize: text and HTML', () => {
  it('decodes entities and strips the HTML found in Transiscope abstracts', () => {
    expect(
      htmlToText(
        '<p>La Cagette Verte est une AMAP &eacute;tudiante au sein de l&#39;Universit&eacute; de Versailles Saint-Quentin-en-Yvelines.</p>',
      ),
    ).to.equal(
      "La Cagette Verte est une AMAP étudiante au sein de l'Université de Versailles Saint-Quentin-en-Yvelines.",
    );
    expect(
      htmlToText(
        '<p><!--[if !supportLists]--><a href="http://www.reporterre.net/">Reporterre</a>, le &laquo; quotidien &raquo;</p>',
      ),
    ).to.equal('Reporterre, le « quotidien »');
    expect(
      htmlToText("Comment les accompagner&nbsp;?<br class='autobr' /><br/>C'est à ces questions"),
    ).to.equal("Comment les accompagner\u00a0?\n\nC'est à ces questions");
    expect(htmlToText('<p>Un</p><p>Deux</p><ul><li>a</li><li>b</li></ul>')).to.equal(
      'Un\n\nDeux\n\n- a\n- b',
    );
    expect(htmlToText('<script>alert(1)</script>Texte')).to.equal('Texte');
  });
  it('decodes entities in text that is not HTML and keeps its line breaks', () => {
    expect(htmlToText('Acat 28 &#39;Association des Chrétiens\r\n\r\nAgir Abcd 28')).to.equal(
      "Acat 28 'Association des Chrétiens\n\nAgir Abcd 28",
    );
    expect(cleanText('Ressources&amp;Vous').value).to.equal('Ressources&Vous');
  });
  it('repairs over-escaped quotes and invisible characters', () => {
    expect(cleanText("d\\\\\\'accéder").value).to.equal("d'accéder");
    expect(cleanText('\ufeff\ufeffBonjour\u200b').value).to.equal('Bonjour');
  });
  it('refuses placeholders', () => {
    for (const p of ['manquant', 'Manquant ', 'undefined undefined', '???', 'sans', '-'])
      expect(isPlaceholder(p), p).to.equal(true);
    expect(codes(cleanText('manquant'))).to.deep.equal(['placeholder']);
    expect(
      cleanMultiline('Manquant\ndalle jardin Atlantique (au dessus de la gare Montparnasse)').value,
    ).to.equal('dalle jardin Atlantique (au dessus de la gare Montparnasse)');
  });
  it('truncates at a word boundary and splits lists', () => {
    const t = truncate('Production et vente de fromages au lait de chèvre', 30);
    expect(t.value).to.equal('Production et vente de…');
    expect(codes(t)).to.deep.equal(['text-truncated']);
    expect(splitList('conte;proximite;soirée;conte')).to.deep.equal(['conte', 'proximite', 'soirée']);
    expect(splitList(['amap', '', 'Amap'])).to.deep.equal(['amap']);
  });
});

describe('normalize: phone numbers', () => {
  const phones = (raw: unknown) => parsePhones(raw).value;
  it('splits fields holding several numbers', () => {
    expect(phones('09 65 31 74 25 / 06 08 48 32 33')).to.deep.equal(['09 65 31 74 25', '06 08 48 32 33']);
    expect(phones('0164964171 - 0660485777')).to.deep.equal(['01 64 96 41 71', '06 60 48 57 77']);
    expect(phones('01 39 70 98 18  \n06 88 36 00 70')).to.deep.equal(['01 39 70 98 18', '06 88 36 00 70']);
    expect(phones('06 59 34 96 99 ou 06 03 80 23 37')).to.deep.equal(['06 59 34 96 99', '06 03 80 23 37']);
    expect(phones('01.40.24.29.29 (Studio & Technique) / 01.40.24.28.28 (Administratif)')).to.deep.equal([
      '01 40 24 29 29',
      '01 40 24 28 28',
    ]);
    expect(phones('06 28 60 62 18 - 06 28 60 62 18')).to.deep.equal(['06 28 60 62 18']);
  });
  it('formats international and odd writings', () => {
    expect(phones('+33.(0)6.65.14.93.64')).to.deep.equal(['06 65 14 93 64']);
    expect(phones('+33 9 82 55 08 34')).to.deep.equal(['09 82 55 08 34']);
    expect(phones('33142792424')).to.deep.equal(['01 42 79 24 24']); // OpenAgenda location_phone
    expect(phones('01-46-22-68-95')).to.deep.equal(['01 46 22 68 95']);
    expect(phones('\ufeff\ufeff01.42.40.46.45')).to.deep.equal(['01 42 40 46 45']);
    expect(phones('Boutique: 01 45 88 05 15')).to.deep.equal(['01 45 88 05 15']);
  });
  it('restores a leading zero lost by a spreadsheet, with a note', () => {
    const r = parsePhones('954588879 / 0660166289');
    expect(r.value).to.deep.equal(['09 54 58 88 79', '06 60 16 62 89']);
    expect(codes(r)).to.deep.equal(['phone-leading-zero']);
  });
  it('skips fax numbers and refuses impossible ones, with notes', () => {
    const fax = parsePhones('Tél. : 01 43 63 85 42 / Fax : 01 48 97 43 50');
    expect(fax.value).to.deep.equal(['01 43 63 85 42']);
    expect(codes(fax)).to.deep.equal(['phone-fax-skipped']);
    expect(codes(parsePhones('0000000000'))).to.deep.equal(['phone-invalid']);
    expect(codes(parsePhones('contact@betamachine.fr'))).to.deep.equal(['phone-invalid']);
    expect(codes(parsePhones('manquant'))).to.deep.equal(['placeholder']);
  });
});

describe('normalize: URLs and e-mail addresses', () => {
  const url = (raw: unknown) => normalizeUrl(raw);
  it('adds https:// to bare domains', () => {
    expect(url('www.cpa-cps.fr').value).to.equal('https://www.cpa-cps.fr/');
    expect(url('jardindescapucines.com').value).to.equal('https://jardindescapucines.com/');
    expect(codes(url('www.cpa-cps.fr'))).to.deep.equal(['url-scheme-added']);
  });
  it('repairs mangled schemes and takes the link out of prose', () => {
    expect(url('http\\c//terresfertiles.com/').value).to.equal('http://terresfertiles.com/');
    expect(
      url('http:// http://www.maisongaillard.fr/presentationv2/index.php?option=com_content&task=view&id=3')
        .value,
    ).to.equal('http://www.maisongaillard.fr/presentationv2/index.php?option=com_content&task=view&id=3');
    expect(url('Banques Alimentaires :https://www.facebook.com/Banquealimentaire/').value).to.equal(
      'https://www.facebook.com/Banquealimentaire/',
    );
    expect(url('Manquant (http://jardinons-ensemble.org/spip.php?article197)').value).to.equal(
      'http://jardinons-ensemble.org/spip.php?article197',
    );
    expect(url('www.elysee-menilmontant.fr , http://elyseemenilmontant.blogspot.fr/').value).to.equal(
      'https://www.elysee-menilmontant.fr/',
    );
  });
  it('drops unsafe schemes and garbage with a note', () => {
    expect(codes(url('javascript:alert(1)'))).to.deep.equal(['url-unsafe']);
    expect(codes(url('data:text/html,<b>x</b>'))).to.deep.equal(['url-unsafe']);
    expect(codes(url('L?Arlequin - Théâtre de Morsang'))).to.deep.equal(['url-invalid']);
    expect(codes(url('http://café citoyen de dourdan (groupe facebook)'))).to.deep.equal(['url-invalid']);
    expect(codes(url('@ActionAidFrance'))).to.deep.equal(['url-invalid']);
    expect(codes(url('http://lespaniersdelaguesle/'))).to.deep.equal(['url-invalid']);
    expect(codes(url('manquant'))).to.deep.equal(['placeholder']);
    expect(codes(url('contact@enerpro-biogaz.fr'))).to.deep.equal(['url-is-email']);
  });
  it('checks e-mail addresses and finds them in text', () => {
    expect(normalizeEmail('mailto:asso@LesJeunesAmbitieux.FR').value).to.equal('asso@lesjeunesambitieux.fr');
    expect(codes(normalizeEmail('x@'))).to.deep.equal(['email-invalid']);
    expect(extractEmails('ubertieric@aol.com/  pierre haute-vienne@collectif-roosevelt.fr')).to.deep.equal([
      'ubertieric@aol.com',
      'haute-vienne@collectif-roosevelt.fr',
    ]);
  });
});

describe('normalize: opening hours', () => {
  it('groups identical consecutive days (GoGoCarto → OSM)', () => {
    const all = Object.fromEntries(
      ['Mo', 'Tu', 'We', 'Th', 'Fr', 'Sa', 'Su'].map((d) => [d, '10:00-12:00,15:00-19:00']),
    );
    expect(gogoOpenHoursToOsm(all).value).to.equal('Mo-Su 10:00-12:00,15:00-19:00');
    expect(
      gogoOpenHoursToOsm({
        Tu: '10:00-19:00',
        We: '10:00-19:00',
        Th: '10:00-18:00',
        Fr: '10:00-19:00',
        Sa: '10:00-19:00',
      }).value,
    ).to.equal('Tu-We,Fr-Sa 10:00-19:00; Th 10:00-18:00');
    expect(
      gogoOpenHoursToOsm({ We: '13:15-16:00,17:00-20:30', Th: '14:00-18:00', Sa: '09:00-13:00,14:15-16:30' })
        .value,
    ).to.equal('We 13:15-16:00,17:00-20:30; Th 14:00-18:00; Sa 09:00-13:00,14:15-16:30');
  });
  it('treats GoGoCarto "00:00-00:00" days as not given', () => {
    expect(
      gogoOpenHoursToOsm({
        Mo: '00:00-00:00',
        Tu: '17:30-22:00',
        We: '00:00-00:00',
        Th: '00:00-00:00',
        Fr: '00:00-00:00',
        Sa: '00:00-00:00',
        Su: '00:00-00:00',
      }).value,
    ).to.equal('Tu 17:30-22:00');
  });
  it('refuses unreadable hours and recognises OSM strings', () => {
    expect(codes(gogoOpenHoursToOsm({ Mo: 'le matin' }))).to.deep.equal(['opening-hours-invalid']);
    expect(looksLikeOsmOpeningHours('Mo-Fr 08:30-12:30; PH off')).to.equal(true);
    expect(looksLikeOsmOpeningHours('Du lundi au vendredi : 10h-13h / 14h-19h')).to.equal(false);
  });
});

describe('normalize: COG codes and family', () => {
  it('derives COG codes from postcode + name, the INSEE code, or coordinates', () => {
    expect(deriveCog(fakePlaces, { postcode: '28140', commune: 'Nottonville' }).value).to.deep.include({
      cog: { commune: '28283', epci: '200070159', departement: '28', region: '24' },
      via: 'postcode+name',
    });
    expect(deriveCog(fakePlaces, { insee: '75056' }).value?.via).to.equal('code');
    expect(deriveCog(fakePlaces, { lat: 48.86, lon: 2.35 }).value?.cog.commune).to.equal('75056');
  });
  it('falls back on the département of an unknown INSEE code, and flags far points', () => {
    const r = deriveCog(fakePlaces, { insee: '2A004' });
    expect(r.value).to.deep.equal({ cog: { commune: '2A004', departement: '2A' }, via: 'code-prefix' });
    expect(codes(r)).to.deep.equal(['insee-unknown']);
    // ENERPRO Biogaz: a Nantes address with Paris coordinates.
    expect(
      codes(deriveCog(fakePlaces, { postcode: '44100', commune: 'NANTES', lat: 48.85204, lon: 2.29524 })),
    ).to.deep.equal(['coordinates-far-from-commune']);
  });
  it('infers the family only from clear evidence', () => {
    expect(inferFamily({ name: 'SCOP Val’emploi' })).to.deep.include({
      family: 'cooperative',
      legalForms: ['scop'],
    });
    expect(
      inferFamily({ name: 'AUTO2 Société Coopérative d’Intérêt Collectif SA' }).legalForms,
    ).to.deep.equal(['scic']);
    expect(inferFamily({ name: 'Fondation GoodPlanet' }).family).to.equal('fondation');
    expect(inferFamily({ name: 'Association Végétarienne de France' }).family).to.equal('association');
    expect(inferFamily({ name: 'Radio Campus Paris', tags: ['radio associative'] }).family).to.equal(
      'association',
    );
    expect(
      inferFamily({
        name: 'Biocycle',
        texts: ['Biocycle est une association qui récupère des invendus alimentaires.'],
      }).family,
    ).to.equal('association');
    // "Coopération" is not "coopérative"; another organisation named further down is not evidence.
    expect(inferFamily({ name: 'Coopération Indépen-Danse' }).family).to.equal('autre');
    expect(
      inferFamily({
        name: 'Habitat-Cité',
        texts: [
          `${'x '.repeat(250)}. La fondation Abbé Pierre, acteur incontournable de la lutte contre le mal-logement`,
        ],
      }).family,
    ).to.equal('autre');
    expect(
      inferFamily({
        name: 'POUSSE Marie-Thérèse',
        texts: ['Production et vente de fromages au lait de chèvre'],
      }).family,
    ).to.equal('autre');
  });
});

describe('normalize: text encodings', () => {
  it('reads UTF-8 (with or without BOM) and falls back to Windows-1252', () => {
    const utf8 = new TextEncoder().encode('Économie');
    expect(decodeText(utf8)).to.deep.equal({ text: 'Économie', encoding: 'utf-8', guessed: false });
    expect(decodeText(new Uint8Array([0xef, 0xbb, 0xbf, ...utf8])).text).to.equal('Économie');
    const cp1252 = new Uint8Array([0xc9, 0x63, 0x6f, 0x6e, 0x6f, 0x6d, 0x69, 0x65, 0x20, 0x80]);
    expect(decodeText(cp1252)).to.deep.equal({
      text: 'Economie €'.replace('E', 'É'),
      encoding: 'windows-1252',
      guessed: true,
    });
  });
});
