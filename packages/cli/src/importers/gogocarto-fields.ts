/**
 * The field groups of a GoGoCarto element (gogocarto.ts), each read in the order the record's warnings
 * expect: description and keywords, address, contacts, images, dates.
 */
import {
  cleanMultiline,
  cleanText,
  extractEmails,
  foldKey,
  latestDate,
  looksLikeEmail,
  normalizeDate,
  normalizeEmail,
  normalizeUrl,
  parsePhones,
  splitList,
  truncate,
} from '../normalize/index.ts';
import { type LocationResult, normalizeLocation, UPDATED_AT_UNKNOWN, type Warnings } from './shared.ts';
import type { ImportContext } from './types.ts';

type Element = Record<string, unknown>;

/** Description: abstract, then the longer text when it says more, then the commitment (or a keyword). */
export function descriptionOf(
  el: Element,
  w: Warnings,
): { description?: string; keywords: string[]; abstract?: string; more?: string } {
  const abstract = cleanMultiline(el.abstract ?? el.description);
  const more = cleanMultiline(el.descriptionMore);
  w.add(
    'description',
    [...abstract.notes, ...more.notes].filter((n) => n.code !== 'html-stripped'),
  );
  let description = abstract.value;
  if (more.value) {
    const a = foldKey(description ?? '');
    const b = foldKey(more.value);
    if (!a || b.includes(a)) description = more.value;
    else if (!a.includes(b)) description = `${description}\n\n${more.value}`;
  }
  const keywords = splitList(el.tags);
  const commitment = cleanText(el.commitment).value;
  if (commitment) {
    if (commitment.length <= 60 && !/[.!?]$/.test(commitment)) {
      if (!keywords.some((k) => k.toLowerCase() === commitment.toLowerCase())) keywords.push(commitment);
    } else
      description = description
        ? `${description}\n\nEngagement : ${commitment}`
        : `Engagement : ${commitment}`;
  }
  if (description) {
    const t = truncate(description, 20000);
    w.add('description', t.notes);
    description = t.value;
  }
  return { description, keywords, abstract: abstract.value, more: more.value };
}

/**
 * Address: `address`, else the misspelled `adress` (Festisol), the 3-letter `rue`/`CP`/`ville`, and
 * `addressString` (CRID) / `customFormatedAddress` as whole lines for what is still missing.
 */
export function locationOf(el: Element, ctx: ImportContext, w: Warnings): LocationResult {
  const address = pickObject(el.address);
  const adress = pickObject(el.adress);
  const useAdress = !hasAny(address) && hasAny(adress);
  if (useAdress) {
    w.one(
      'address',
      'misspelled-key',
      'adresse lue sous la clé mal orthographiée « adress »',
      'address read from the misspelled key "adress"',
    );
  }
  const a = useAdress ? adress : address;
  const short = { street: el.rue, postcode: el.CP, commune: el.ville };
  const usedShort =
    !hasAny(a) && [short.street, short.postcode, short.commune].some((v) => v !== undefined && v !== '');
  if (usedShort) {
    w.one(
      'address',
      'short-keys',
      'adresse lue sous les clés « rue », « CP », « ville »',
      'address read from the keys "rue", "CP", "ville"',
    );
  }
  const geoObj = pickObject(el.geo);
  const location = normalizeLocation(
    ctx.places,
    {
      street: a.streetAddress ?? (usedShort ? short.street : undefined),
      postcode: a.postalCode ?? (usedShort ? short.postcode : undefined),
      commune: a.addressLocality ?? (usedShort ? short.commune : undefined),
      country: a.addressCountry,
      lat: geoObj.latitude ?? el.lat ?? el.latitude,
      lon: geoObj.longitude ?? el.lng ?? el.lon ?? el.longitude,
      lines: [el.addressString, a.customFormatedAddress, adress.customFormatedAddress],
    },
    w,
  );
  if (el.state === 'geocodage') {
    w.one(
      'geo',
      'coordinates-unverified',
      'la source indique un géocodage en attente : point à vérifier',
      'the source says geocoding is pending: check the point',
    );
  }
  return location;
}

/** Website (or an e-mail written there), e-mails (also from `contact` and `phone`), phones. */
export function contactsOf(el: Element, w: Warnings, country: string | undefined): Record<string, unknown> {
  const contacts: Record<string, unknown> = {};
  const websiteRaw = el.website ?? el.site;
  const emails: string[] = [];
  if (typeof websiteRaw === 'string' && looksLikeEmail(websiteRaw)) {
    const e = normalizeEmail(websiteRaw);
    if (e.value) {
      emails.push(e.value);
      w.one(
        'contacts.email',
        'email-in-website',
        `adresse électronique trouvée dans le champ du site web : ${e.value}`,
        `e-mail address found in the website field: ${e.value}`,
      );
    }
  } else {
    const site = normalizeUrl(websiteRaw);
    w.add('contacts.website', site.notes);
    if (site.value) contacts.website = site.value;
  }
  const emailR = normalizeEmail(el.email);
  w.add('contacts.email', emailR.notes);
  if (emailR.value) emails.unshift(emailR.value);
  // `contact` holds a person's name and role, sometimes an address: only the address is kept.
  const contactEmails = extractEmails(el.contact);
  if (contactEmails.length) {
    emails.push(...contactEmails);
    w.one(
      'contacts.email',
      'email-from-contact',
      'adresse électronique lue dans le champ « contact »',
      'e-mail address read from the "contact" field',
    );
  }
  if (typeof el.phone === 'string' && looksLikeEmail(el.phone)) {
    const e = normalizeEmail(el.phone);
    if (e.value) emails.push(e.value);
    w.one(
      'contacts.phone',
      'email-in-phone',
      'adresse électronique trouvée dans le champ téléphone',
      'e-mail address found in the phone field',
    );
  } else {
    const phones = parsePhones(el.phone, { country });
    w.add('contacts.phone', phones.notes);
    if (phones.value?.length) {
      contacts.phone = phones.value[0];
      if (phones.value.length > 1) contacts.phones = phones.value;
    }
  }
  if (emails.length) contacts.email = emails[0];
  return contacts;
}

/** Images: `images` (strings or `{url}`) and `image`, each once. */
export function imagesOf(el: Element, w: Warnings): string[] {
  const images: string[] = [];
  for (const img of [...(Array.isArray(el.images) ? el.images : [el.images]), el.image]) {
    if (img === undefined || img === null || img === '') continue;
    const u = normalizeUrl(typeof img === 'object' ? (img as Record<string, unknown>).url : img);
    w.add('images', u.notes);
    if (u.value && !images.includes(u.value)) images.push(u.value);
  }
  return images;
}

/** Update and creation dates; without an update date, the creation date (said), else unknown. */
export function datesOf(el: Element, w: Warnings): { updatedAt?: string; createdAt?: string } {
  const updated = normalizeDate(el.updatedAt ?? el.updated_at);
  const created = normalizeDate(el.createdAt ?? el.created_at);
  w.add('updatedAt', updated.notes);
  w.add('createdAt', created.notes);
  let updatedAt = updated.value;
  if (!updatedAt) {
    updatedAt = latestDate([created.value]);
    if (updatedAt) {
      w.one(
        'updatedAt',
        'updated-from-created',
        'date de mise à jour absente : date de création utilisée',
        'no update date: the creation date is used',
      );
    }
  }
  if (!updatedAt) w.one('updatedAt', ...UPDATED_AT_UNKNOWN);
  return { updatedAt, createdAt: created.value };
}

export function pickObject(v: unknown): Record<string, unknown> {
  return v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : {};
}

function hasAny(o: Record<string, unknown>): boolean {
  return ['streetAddress', 'postalCode', 'addressLocality'].some(
    (k) => o[k] !== undefined && o[k] !== null && o[k] !== '',
  );
}
