/**
 * Text files as publishers save them: UTF-8 with or without a byte-order mark, UTF-16 from some
 * spreadsheet exports, or Windows-1252 ("ANSI", what Excel for Windows writes by default for CSV).
 */
export type TextEncoding = 'utf-8' | 'utf-16le' | 'utf-16be' | 'windows-1252';

export interface DecodedText {
  text: string;
  encoding: TextEncoding;
  /** True when the encoding was guessed (no BOM, not valid UTF-8). */
  guessed: boolean;
}

/**
 * Decodes `bytes`. With `encoding` "auto" (default): a byte-order mark decides; else valid UTF-8 is read as
 * UTF-8; else the text is read as Windows-1252 (a superset of Latin-1 for printable characters). The BOM
 * is removed.
 */
/** Windows-1252 bytes 0x80–0x9F (where it differs from Latin-1); undefined bytes stay as they are. */
const CP1252_HIGH = [
  0x20ac, 0x81, 0x201a, 0x192, 0x201e, 0x2026, 0x2020, 0x2021, 0x2c6, 0x2030, 0x160, 0x2039, 0x152, 0x8d,
  0x17d, 0x8f, 0x90, 0x2018, 0x2019, 0x201c, 0x201d, 0x2022, 0x2013, 0x2014, 0x2dc, 0x2122, 0x161, 0x203a,
  0x153, 0x9d, 0x17e, 0x178,
];

/**
 * Windows-1252 decoding done here: Node's TextDecoder treats the "windows-1252" label as Latin-1 when it is
 * built without full ICU, which turns "€", "’", "œ" and "…" (bytes 0x80–0x9F) into control characters.
 */
export function decodeWindows1252(bytes: Uint8Array): string {
  let out = '';
  for (let i = 0; i < bytes.length; i += 8192) {
    const chunk = bytes.subarray(i, i + 8192);
    out += String.fromCharCode(
      ...Array.from(chunk, (b) => (b >= 0x80 && b <= 0x9f ? CP1252_HIGH[b - 0x80]! : b)),
    );
  }
  return out;
}

export function decodeText(
  bytes: Uint8Array,
  encoding: TextEncoding | 'auto' | 'latin1' | 'iso-8859-1' = 'auto',
): DecodedText {
  const enc = encoding === 'latin1' || encoding === 'iso-8859-1' ? 'windows-1252' : encoding;
  if (enc === 'windows-1252')
    return { text: stripBom(decodeWindows1252(bytes)), encoding: enc, guessed: false };
  if (enc !== 'auto') {
    return { text: stripBom(new TextDecoder(enc).decode(bytes)), encoding: enc, guessed: false };
  }
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) {
    return { text: new TextDecoder('utf-8').decode(bytes.subarray(3)), encoding: 'utf-8', guessed: false };
  }
  if (bytes[0] === 0xff && bytes[1] === 0xfe) {
    return {
      text: new TextDecoder('utf-16le').decode(bytes.subarray(2)),
      encoding: 'utf-16le',
      guessed: false,
    };
  }
  if (bytes[0] === 0xfe && bytes[1] === 0xff) {
    return {
      text: new TextDecoder('utf-16be').decode(bytes.subarray(2)),
      encoding: 'utf-16be',
      guessed: false,
    };
  }
  try {
    return {
      text: new TextDecoder('utf-8', { fatal: true }).decode(bytes),
      encoding: 'utf-8',
      guessed: false,
    };
  } catch {
    return { text: decodeWindows1252(bytes), encoding: 'windows-1252', guessed: true };
  }
}

function stripBom(s: string): string {
  return s.charCodeAt(0) === 0xfeff ? s.slice(1) : s;
}
