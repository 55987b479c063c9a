// Real, small image files for the photo journeys, built in Node with nothing but its own zlib: a PNG is a
// signature and three chunks (IHDR, IDAT with the deflated rows, IEND), each with a CRC-32. The pixels are
// a colour gradient with a few bands, so the server's decoder, re-encoder and watermark have real work.
import { deflateSync } from 'node:zlib';

const CRC_TABLE = (() => {
  const table = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    table[n] = c >>> 0;
  }
  return table;
})();

function crc32(bytes) {
  let c = 0xffffffff;
  for (const b of bytes) c = CRC_TABLE[(c ^ b) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function chunk(type, data) {
  const head = Buffer.alloc(8);
  head.writeUInt32BE(data.length, 0);
  head.write(type, 4, 'ascii');
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(Buffer.concat([head.subarray(4), data])), 0);
  return Buffer.concat([head, data, crc]);
}

/** A `width` × `height` RGB PNG; `seed` shifts the colours so two photos differ. */
export function png(width = 96, height = 72, seed = 0) {
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr[8] = 8; // bit depth
  ihdr[9] = 2; // colour type: RGB
  ihdr[10] = 0; // compression
  ihdr[11] = 0; // filter
  ihdr[12] = 0; // no interlace
  const rows = Buffer.alloc((width * 3 + 1) * height);
  for (let y = 0; y < height; y++) {
    const row = y * (width * 3 + 1);
    rows[row] = 0; // filter: none
    for (let x = 0; x < width; x++) {
      const i = row + 1 + x * 3;
      const band = Math.floor((x + y) / 12) % 2 === 0 ? 40 : 0;
      rows[i] = (x * 255) / width + seed * 60 - band;
      rows[i + 1] = (y * 255) / height + band;
      rows[i + 2] = 160 + seed * 30 - band;
    }
  }
  const signature = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  return Buffer.concat([
    signature,
    chunk('IHDR', ihdr),
    chunk('IDAT', deflateSync(rows)),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

/** A file input payload for Playwright's `setInputFiles`. */
export function pngFile(name = 'photo.png', seed = 0) {
  return { name, mimeType: 'image/png', buffer: png(96, 72, seed) };
}

/** Text bytes under a photo's name: what the server must refuse by content, whatever the name says. */
export function notAPhoto(name = 'photo.jpg') {
  return { name, mimeType: 'image/jpeg', buffer: Buffer.from('These are not the bytes of a picture.\n'.repeat(20)) };
}
