/**
 * The bytes of the demo documents: small but real PDF, PNG and text files that open in any
 * viewer, and one large PDF that is made while it is sent, so that a 100 MB download never
 * sits in memory (neither here nor, if the portal streams too, in Voordeur).
 */
import { Readable } from 'node:stream';
import { crc32, deflateSync } from 'node:zlib';
import type { DemoContent } from '../data/zgw-demo.ts';

/** Stored bytes, or bytes made on every download (the large document). */
export type DocumentContent = { kind: 'bytes'; bytes: Buffer } | { kind: 'generated'; size: number; open: () => Readable };

export function contentSize(content: DocumentContent): number {
  return content.kind === 'bytes' ? content.bytes.length : content.size;
}

export function openContent(content: DocumentContent): Readable {
  return content.kind === 'bytes' ? Readable.from([content.bytes], { objectMode: false }) : content.open();
}

export function demoContent(content: DemoContent, largeDocumentBytes: number): DocumentContent {
  switch (content.kind) {
    case 'pdf':
      return { kind: 'bytes', bytes: pdf(content.lines) };
    case 'png':
      return { kind: 'bytes', bytes: png(content.width, content.height, content.rgb) };
    case 'text':
      return { kind: 'bytes', bytes: Buffer.from(content.text, 'utf8') };
    case 'large-pdf':
      return largePdf(largeDocumentBytes);
  }
}

// ---------------------------------------------------------------------------------------------
// PDF: one A4 page with lines of Helvetica text. The large variant adds an unreferenced stream
// object of filler, so the file stays valid (correct xref offsets) at any size.

/** PDF string literal: Latin-1 (WinAnsi) bytes, with \, ( and ) escaped. */
function pdfString(text: string): string {
  return `(${text.replace(/[\\()]/g, (c) => `\\${c}`)})`;
}

interface PdfLayout {
  head: Buffer;
  fillerLength: number;
  tail: Buffer;
}

/** The file in three parts: everything before the filler, its length, everything after. */
function pdfLayout(lines: string[], fillerLength?: number): PdfLayout {
  const text = ['BT', '/F1 12 Tf', '72 770 Td', '16 TL', ...lines.map((line) => `${pdfString(line)} Tj T*`), 'ET'].join('\n');
  const objects = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 4 0 R >> >> /Contents 5 0 R >>',
    '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>',
    `<< /Length ${Buffer.byteLength(text, 'latin1')} >>\nstream\n${text}\nendstream`,
  ];
  // Header with a binary comment, so that tools treat the file as binary (PDF 1.4, 7.5.2).
  let head = '%PDF-1.4\n%\u00e2\u00e3\u00cf\u00d3\n';
  const offsets: number[] = [];
  objects.forEach((body, index) => {
    offsets.push(Buffer.byteLength(head, 'latin1'));
    head += `${index + 1} 0 obj\n${body}\nendobj\n`;
  });
  let tailStart = '';
  if (fillerLength !== undefined) {
    offsets.push(Buffer.byteLength(head, 'latin1'));
    head += `${objects.length + 1} 0 obj\n<< /Length ${fillerLength} >>\nstream\n`;
    tailStart = '\nendstream\nendobj\n';
  }
  const xrefOffset = Buffer.byteLength(head, 'latin1') + (fillerLength ?? 0) + tailStart.length;
  const xref = [
    'xref',
    `0 ${offsets.length + 1}`,
    '0000000000 65535 f ',
    ...offsets.map((offset) => `${String(offset).padStart(10, '0')} 00000 n `),
    'trailer',
    `<< /Size ${offsets.length + 1} /Root 1 0 R >>`,
    'startxref',
    String(xrefOffset),
    '%%EOF',
    '',
  ].join('\n');
  return { head: Buffer.from(head, 'latin1'), fillerLength: fillerLength ?? 0, tail: Buffer.from(tailStart + xref, 'latin1') };
}

export function pdf(lines: string[]): Buffer {
  const { head, tail } = pdfLayout(lines);
  return Buffer.concat([head, tail]);
}

const fillerChunk = Buffer.from('Dit bestand is groot gemaakt met opvulling, zodat het downloaden in delen getest kan worden.\n'.repeat(700), 'latin1');

/** A valid PDF of exactly `size` bytes whose bytes are made while they are read. */
export function largePdf(size: number): DocumentContent {
  const lines = ['Handboek minimaregelingen', '', 'Dit is een groot demobestand.', `Grootte: ${size} bytes.`];
  // The filler length is written in the file, so the layout depends on it: a few rounds settle it.
  let fillerLength = 0;
  let layout = pdfLayout(lines, fillerLength);
  for (let round = 0; round < 5; round++) {
    fillerLength = size - layout.head.length - layout.tail.length;
    if (fillerLength < 0) throw new Error(`ZGW simulator: largeDocumentBytes must be at least ${layout.head.length + layout.tail.length}`);
    layout = pdfLayout(lines, fillerLength);
    if (layout.head.length + layout.fillerLength + layout.tail.length === size) break;
  }
  const { head, tail } = layout;
  if (head.length + layout.fillerLength + tail.length !== size) throw new Error(`ZGW simulator: no PDF layout of exactly ${size} bytes`);

  function* chunks(): Generator<Buffer> {
    yield head;
    let left = layout.fillerLength;
    while (left > 0) {
      const n = Math.min(left, fillerChunk.length);
      // Slices share the one filler buffer: nothing new is allocated per chunk.
      yield n === fillerChunk.length ? fillerChunk : fillerChunk.subarray(0, n);
      left -= n;
    }
    yield tail;
  }
  return { kind: 'generated', size, open: () => Readable.from(chunks(), { objectMode: false }) };
}

// ---------------------------------------------------------------------------------------------
// PNG: one colour, 8-bit RGB, no interlace.

function pngChunk(type: string, data: Buffer): Buffer {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const typeAndData = Buffer.concat([Buffer.from(type, 'latin1'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(typeAndData) >>> 0);
  return Buffer.concat([length, typeAndData, crc]);
}

export function png(width: number, height: number, [r, g, b]: [number, number, number]): Buffer {
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header.writeUInt8(8, 8); // bit depth
  header.writeUInt8(2, 9); // colour type: RGB
  // compression, filter and interlace method: 0
  const row = Buffer.alloc(1 + width * 3);
  for (let x = 0; x < width; x++) row.set([r, g, b], 1 + x * 3);
  const pixels = Buffer.concat(Array.from({ length: height }, () => row));
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    pngChunk('IHDR', header),
    pngChunk('IDAT', deflateSync(pixels)),
    pngChunk('IEND', Buffer.alloc(0)),
  ]);
}
