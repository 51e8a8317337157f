const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';

/** UTF-8 text -> standard base64 (for HTTP Basic credentials), without Node or DOM globals. */
export function base64OfUtf8(text: string): string {
  return base64OfBytes(utf8Bytes(text));
}

const CODES = Uint8Array.from({ length: 64 }, (_, i) => ALPHABET.charCodeAt(i));
const PAD = 61; // '='

/**
 * Bytes -> standard base64 (screenshot images for the window), without Node or DOM globals. The characters are
 * written as codes into one buffer and turned into text in slices: a full screenshot is megabytes, and a string
 * grown character by character is slow to build and to flatten.
 */
export function base64OfBytes(bytes: ArrayLike<number>): string {
  const length = bytes.length;
  const out = new Uint8Array(Math.ceil(length / 3) * 4);
  let o = 0;
  const code = (value: number): number => CODES[value & 63] ?? PAD;
  for (let i = 0; i < length; i += 3) {
    const b = i + 1 < length ? (bytes[i + 1] ?? 0) : -1;
    const c = i + 2 < length ? (bytes[i + 2] ?? 0) : -1;
    const triple = ((bytes[i] ?? 0) << 16) | (Math.max(b, 0) << 8) | Math.max(c, 0);
    out[o++] = code(triple >> 18);
    out[o++] = code(triple >> 12);
    out[o++] = b < 0 ? PAD : code(triple >> 6);
    out[o++] = c < 0 ? PAD : code(triple);
  }
  const parts: string[] = [];
  const SLICE = 0x2000;
  for (let start = 0; start < out.length; start += SLICE) {
    // apply takes any array-like of numbers (a typed array too); spreading would go through an iterator, 20x slower.
    parts.push(String.fromCharCode.apply(null, out.subarray(start, start + SLICE) as unknown as number[]));
  }
  return parts.join('');
}

/** UTF-8 bytes through encodeURIComponent (the only UTF-8 encoder every environment has). */
function utf8Bytes(text: string): number[] {
  const encoded = encodeURIComponent(text);
  const bytes: number[] = [];
  for (let i = 0; i < encoded.length; i += 1) {
    if (encoded[i] === '%') {
      bytes.push(Number.parseInt(encoded.slice(i + 1, i + 3), 16));
      i += 2;
    } else {
      bytes.push(encoded.charCodeAt(i));
    }
  }
  return bytes;
}
