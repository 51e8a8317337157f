/** Images with known pixels for the screenshot tests. */
export interface Rgb {
  readonly r: number;
  readonly g: number;
  readonly b: number;
}

/** Four coloured quadrants: top-left red, top-right green, bottom-left blue, bottom-right white. */
export function quadrantColour(x: number, y: number, width: number, height: number): Rgb {
  const right = x >= width / 2;
  const bottom = y >= height / 2;
  if (!bottom) return right ? { r: 0, g: 200, b: 0 } : { r: 220, g: 20, b: 20 };
  return right ? { r: 255, g: 255, b: 255 } : { r: 10, g: 30, b: 240 };
}

/** A 24-bit bottom-up BMP (what ImageMagick writes) of the quadrant pattern. */
export function quadrantBmp(width: number, height: number): Buffer {
  const stride = Math.ceil((width * 3) / 4) * 4;
  const pixelOffset = 54;
  const file = Buffer.alloc(pixelOffset + stride * height);
  file.write('BM', 0, 'ascii');
  file.writeUInt32LE(file.length, 2);
  file.writeUInt32LE(pixelOffset, 10);
  file.writeUInt32LE(40, 14);
  file.writeInt32LE(width, 18);
  file.writeInt32LE(height, 22);
  file.writeUInt16LE(1, 26);
  file.writeUInt16LE(24, 28);
  for (let y = 0; y < height; y += 1) {
    const row = pixelOffset + (height - 1 - y) * stride;
    for (let x = 0; x < width; x += 1) {
      const { r, g, b } = quadrantColour(x, y, width, height);
      file[row + x * 3] = b;
      file[row + x * 3 + 1] = g;
      file[row + x * 3 + 2] = r;
    }
  }
  return file;
}

/** Magic bytes of the image formats that must never appear in the data directory. */
export function imageMagic(bytes: Uint8Array): string | null {
  const head = Buffer.from(bytes.subarray(0, 12));
  if (head.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))) return 'png';
  if (head[0] === 0xff && head[1] === 0xd8 && head[2] === 0xff) return 'jpeg';
  if (head.toString('ascii', 0, 4) === 'RIFF' && head.toString('ascii', 8, 12) === 'WEBP') return 'webp';
  if (head.toString('ascii', 0, 2) === 'BM') return 'bmp';
  return null;
}
