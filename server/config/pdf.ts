// A minimal PDF writer for the demo's invoices: text lines in Courier (so columns line up) on A4
// pages. Enough to give real readers a real document; no dependency, and the output is byte-for-byte
// the same on every run.

const pageWidth = 595;
const pageHeight = 842;
const margin = 56;
const fontSize = 10;
const leading = 15;
const linesPerPage = Math.floor((pageHeight - 2 * margin) / leading);

/** A PDF string literal. The built-in fonts only cover Latin-1 here, so anything else becomes "?". */
function pdfString(text: string): string {
  const latin = text.replace(/[^\x20-\x7e]/g, '?');
  return `(${latin.replace(/[\\()]/g, (char) => `\\${char}`)})`;
}

function pageContent(lines: readonly string[]): string {
  const parts = ['BT', `/F1 ${fontSize} Tf`, `${leading} TL`, `${margin} ${pageHeight - margin} Td`];
  for (const line of lines) parts.push(`${pdfString(line)} Tj T*`);
  parts.push('ET');
  return parts.join('\n');
}

/**
 * A PDF document of `lines`, split over as many pages as needed. `title` goes in the document info.
 * `created` (like `2026-03-14`) is the creation date, given rather than read from the clock to keep
 * the output reproducible.
 */
export function renderTextPdf(title: string, lines: readonly string[], created: string): Buffer {
  const pages: string[][] = [];
  for (let i = 0; i < Math.max(1, lines.length); i += linesPerPage)
    pages.push(lines.slice(i, i + linesPerPage));

  // Objects 1-4 are fixed; each page then takes two numbers: the page and its content stream.
  const objects: string[] = [];
  const kids = pages.map((_, i) => `${5 + i * 2} 0 R`).join(' ');
  objects.push('<< /Type /Catalog /Pages 2 0 R >>');
  objects.push(`<< /Type /Pages /Kids [${kids}] /Count ${pages.length} >>`);
  objects.push('<< /Type /Font /Subtype /Type1 /BaseFont /Courier /Encoding /WinAnsiEncoding >>');
  const date = created.replaceAll('-', '');
  objects.push(`<< /Title ${pdfString(title)} /Producer (Rewind demo) /CreationDate (D:${date}000000Z) >>`);
  for (const [i, page] of pages.entries()) {
    const content = pageContent(page);
    objects.push(
      `<< /Type /Page /Parent 2 0 R /MediaBox [0 0 ${pageWidth} ${pageHeight}] ` +
        `/Resources << /Font << /F1 3 0 R >> >> /Contents ${6 + i * 2} 0 R >>`,
    );
    objects.push(`<< /Length ${Buffer.byteLength(content, 'latin1')} >>\nstream\n${content}\nendstream`);
  }

  let body = '%PDF-1.4\n';
  const offsets: number[] = [];
  for (const [i, object] of objects.entries()) {
    offsets.push(Buffer.byteLength(body, 'latin1'));
    body += `${i + 1} 0 obj\n${object}\nendobj\n`;
  }
  const xrefOffset = Buffer.byteLength(body, 'latin1');
  // Every cross-reference entry is exactly 20 bytes, ending in space + newline.
  const entries = offsets.map((offset) => `${String(offset).padStart(10, '0')} 00000 n \n`).join('');
  body +=
    `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n${entries}` +
    `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R /Info 4 0 R >>\nstartxref\n${xrefOffset}\n%%EOF\n`;
  return Buffer.from(body, 'latin1');
}
