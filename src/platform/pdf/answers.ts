/**
 * The PDF of a sent form: its title, the kenmerk and moment of receipt, and the answers per part
 * (label and value), on A4 pages that run on as needed. Made in-process with pdf-lib from the same
 * data the confirmation shows (docs/decisions/0017-pdf.md). Helvetica (a standard PDF font, not
 * embedded) writes Windows-1252: other characters are shown as '?'.
 */
import type { PDFFont } from 'pdf-lib';

export interface AnswersPdf {
  title: string;
  /** Lines under the title: kenmerk, date and time of receipt, the organisation. */
  facts: { label: string; value: string }[];
  sections: { title: string; items: { label: string; value: string }[] }[];
  /** Document metadata. */
  author: string;
}

const pageSize: [number, number] = [595.28, 841.89];
const margin = 56;
const width = pageSize[0] - 2 * margin;

/** Only what the font can write: other characters become '?'. */
function writable(font: PDFFont, text: string): string {
  let out = '';
  for (const char of text.replace(/\r?\n/g, ' ')) {
    try {
      font.encodeText(char);
      out += char;
    } catch {
      out += '?';
    }
  }
  return out;
}

/** The text in lines that fit the width. */
function wrap(font: PDFFont, size: number, text: string, maxWidth: number): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of writable(font, text).split(' ')) {
    const candidate = line ? `${line} ${word}` : word;
    if (font.widthOfTextAtSize(candidate, size) <= maxWidth || !line) line = candidate;
    else {
      lines.push(line);
      line = word;
    }
  }
  if (line) lines.push(line);
  return lines.length > 0 ? lines : [''];
}

export async function answersPdf(content: AnswersPdf, created: Date): Promise<Buffer> {
  // Loaded on first use, not at start (~0.3 s of CPU): most processes make no PDF for a while.
  const { PDFDocument, StandardFonts, rgb } = await import('pdf-lib');
  const pdf = await PDFDocument.create();
  pdf.setTitle(writable(await pdf.embedFont(StandardFonts.Helvetica), content.title));
  pdf.setAuthor(content.author);
  pdf.setCreator('Voordeur');
  pdf.setLanguage('nl-NL');
  pdf.setCreationDate(created);
  pdf.setModificationDate(created);
  const regular = await pdf.embedFont(StandardFonts.Helvetica);
  const bold = await pdf.embedFont(StandardFonts.HelveticaBold);
  let page = pdf.addPage(pageSize);
  let y = pageSize[1] - margin;
  const write = (text: string, font: PDFFont, size: number, indent = 0) => {
    for (const line of wrap(font, size, text, width - indent)) {
      if (y - size < margin) {
        page = pdf.addPage(pageSize);
        y = pageSize[1] - margin;
      }
      page.drawText(line, { x: margin + indent, y: y - size, size, font, color: rgb(0, 0, 0) });
      y -= size * 1.4;
    }
  };
  write(content.title, bold, 16);
  y -= 6;
  for (const fact of content.facts) write(`${fact.label}: ${fact.value}`, regular, 11);
  for (const section of content.sections) {
    y -= 10;
    write(section.title, bold, 13);
    for (const item of section.items) {
      write(item.label, bold, 10);
      write(item.value, regular, 10, 12);
    }
  }
  return Buffer.from(await pdf.save({ useObjectStreams: false }));
}
