const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';

/** UTF-8 text -> standard base64 (for HTTP Basic credentials), without Node or DOM globals. */
export function base64OfUtf8(text: string): string {
  return base64OfBytes(utf8Bytes(text));
}

/** Bytes -> standard base64 (a screenshot thumbnail for the window), without Node or DOM globals. */
export function base64OfBytes(bytes: ArrayLike<number>): string {
  let out = '';
  for (let i = 0; i < bytes.length; i += 3) {
    const a = bytes[i] ?? 0;
    const b = bytes[i + 1];
    const c = bytes[i + 2];
    const triple = (a << 16) | ((b ?? 0) << 8) | (c ?? 0);
    out += ALPHABET[(triple >> 18) & 63] ?? '';
    out += ALPHABET[(triple >> 12) & 63] ?? '';
    out += b === undefined ? '=' : (ALPHABET[(triple >> 6) & 63] ?? '');
    out += c === undefined ? '=' : (ALPHABET[triple & 63] ?? '');
  }
  return out;
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
