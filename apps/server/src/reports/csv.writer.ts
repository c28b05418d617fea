import { stringify } from 'csv-stringify/sync';

/** A spreadsheet cell: text, a number, a yes/no, or empty. */
export type CsvCell = string | number | boolean | null;

/** Characters that make a spreadsheet read a cell as a formula (or hide what follows). */
const FORMULA_START = /^[=+\-@\t\r]/;

/**
 * Text a spreadsheet would run as a formula (`=HYPERLINK(…)`, `+1+cmd|…`, `@SUM(…)`, …) gets a
 * leading apostrophe, so it shows as the text it is. Numbers are written as numbers and need none.
 */
export function neutralizeFormula(text: string): string {
  return FORMULA_START.test(text) ? `'${text}` : text;
}

/** A finite number rounded to `digits` decimals, or null. */
export const rounded = (value: number | null, digits = 0): number | null =>
  value === null || !Number.isFinite(value)
    ? null
    : Math.round(value * 10 ** digits) / 10 ** digits;

/**
 * One CSV file: UTF-8 with a byte-order mark (so spreadsheets pick UTF-8 for accented
 * nicknames), one header row, CRLF line ends (RFC 4180), fields quoted when needed, every text
 * cell neutralised against formula injection. Pure.
 */
export function writeCsv(header: readonly string[], rows: readonly (readonly CsvCell[])[]): Buffer {
  const cell = (value: CsvCell): string | number =>
    value === null
      ? ''
      : typeof value === 'boolean'
        ? String(value)
        : typeof value === 'number'
          ? value
          : neutralizeFormula(value);
  const text = stringify([header.map(String), ...rows.map((row) => row.map(cell))], {
    bom: true,
    record_delimiter: 'windows',
  });
  return Buffer.from(text, 'utf8');
}
