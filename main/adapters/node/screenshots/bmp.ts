/** Raw pixels of an uncompressed 24- or 32-bit BMP (what ImageMagick's `import ... bmp:-` writes), top row first. */
export interface RawImage {
  readonly width: number;
  readonly height: number;
  readonly channels: 3;
  readonly pixels: Buffer;
}

export function decodeBmp(data: Uint8Array): RawImage {
  const bytes = Buffer.from(data.buffer, data.byteOffset, data.byteLength);
  if (bytes.length < 54 || bytes.toString('ascii', 0, 2) !== 'BM') throw new Error('not a BMP image');
  const pixelOffset = bytes.readUInt32LE(10);
  const width = bytes.readInt32LE(18);
  const rawHeight = bytes.readInt32LE(22);
  const bitsPerPixel = bytes.readUInt16LE(28);
  const compression = bytes.readUInt32LE(30);
  // 0: BI_RGB; 3: BI_BITFIELDS, which ImageMagick writes for 32-bit images with the usual BGRA masks.
  if (compression !== 0 && !(compression === 3 && bitsPerPixel === 32))
    throw new Error(`BMP compression ${String(compression)} is not supported`);
  if (bitsPerPixel !== 24 && bitsPerPixel !== 32) throw new Error(`${String(bitsPerPixel)}-bit BMP is not supported`);
  const height = Math.abs(rawHeight);
  if (width <= 0 || height === 0 || width > 32768 || height > 32768) throw new Error('BMP dimensions out of range');
  const bytesPerPixel = bitsPerPixel / 8;
  const stride = Math.ceil((width * bytesPerPixel) / 4) * 4;
  if (pixelOffset + stride * height > bytes.length) throw new Error('BMP pixel data is truncated');
  const pixels = Buffer.allocUnsafe(width * height * 3);
  const bottomUp = rawHeight > 0;
  for (let y = 0; y < height; y += 1) {
    const row = pixelOffset + (bottomUp ? height - 1 - y : y) * stride;
    let out = y * width * 3;
    for (let x = 0; x < width; x += 1) {
      const p = row + x * bytesPerPixel;
      pixels[out] = bytes[p + 2] ?? 0;
      pixels[out + 1] = bytes[p + 1] ?? 0;
      pixels[out + 2] = bytes[p] ?? 0;
      out += 3;
    }
  }
  return { width, height, channels: 3, pixels };
}
