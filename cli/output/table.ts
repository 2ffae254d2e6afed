// Plain-text tables: a header row and left-aligned columns, padded to the widest cell.
export type Row = readonly string[];

export function formatTable(header: Row, rows: readonly Row[]): string {
  const widths = header.map((title, column) =>
    Math.max(width(title), ...rows.map((row) => width(row[column] ?? ''))),
  );
  const line = (row: Row) =>
    row
      .map((cell, column) => (column === row.length - 1 ? cell : pad(cell, widths[column] ?? 0)))
      .join('  ')
      .trimEnd();
  return [line(header.map((title) => title.toUpperCase())), ...rows.map(line)].join('\n');
}

// Code points, not UTF-16 units: "é" is one column.
const width = (text: string) => [...text].length;
const pad = (text: string, size: number) => text + ' '.repeat(Math.max(0, size - width(text)));
