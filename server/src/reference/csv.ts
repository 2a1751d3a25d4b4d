/**
 * Reference tables as CSV (`key,value` with a header row), read with csv-parse and written
 * with csv-stringify: quoting, embedded commas, quotes and line breaks, a byte-order mark from
 * a spreadsheet, CRLF, all handled by a parser that is RFC 4180-tested, not by a split(',').
 */
import { CsvError, parse } from 'csv-parse/sync';
import { stringify } from 'csv-stringify/sync';
import type { ReferenceRow } from '../repositories/reference.js';
import { rowProblems, MAX_ROWS } from './rows.js';

export interface CsvProblem {
  /** 1-based line of the file (the header is line 1). */
  line: number;
  message: string;
}

/** At most this many problems are reported: a wrong file gets a readable answer, not 10,000 lines. */
const MAX_PROBLEMS = 50;

/** The rows of a `key,value` CSV, or every problem found (up to 50), each with its line. */
export function parseReferenceCsv(text: string): { ok: true; rows: ReferenceRow[] } | { ok: false; problems: CsvProblem[] } {
  let records: { record: string[]; info: { lines: number } }[];
  try {
    records = parse(text, { bom: true, info: true, relax_column_count: true, skip_empty_lines: true, max_record_size: 64 * 1024 }) as unknown as typeof records;
  } catch (err) {
    if (err instanceof CsvError) return { ok: false, problems: [{ line: Number(err.lines ?? 0), message: err.message }] };
    throw err;
  }
  if (records.length === 0) return { ok: false, problems: [{ line: 1, message: 'the file is empty: the first line must be the header key,value' }] };
  const header = records[0]!.record.map((h) => h.trim().toLowerCase());
  if (header.length !== 2 || header[0] !== 'key' || header[1] !== 'value') {
    return { ok: false, problems: [{ line: records[0]!.info.lines, message: `the first line must be the header key,value (found ${JSON.stringify(records[0]!.record.join(',').slice(0, 80))})` }] };
  }
  const body = records.slice(1);
  if (body.length > MAX_ROWS) return { ok: false, problems: [{ line: body[MAX_ROWS]!.info.lines, message: `a table has at most ${MAX_ROWS} rows; this file has ${body.length}` }] };
  const problems: CsvProblem[] = [];
  const rows: ReferenceRow[] = [];
  const firstLine = new Map<string, number>();
  for (const { record, info } of body) {
    if (problems.length >= MAX_PROBLEMS) break;
    if (record.length !== 2) {
      problems.push({ line: info.lines, message: `expected 2 fields (key,value), found ${record.length}` });
      continue;
    }
    const row = { key: record[0]!, value: record[1]! };
    for (const message of rowProblems(row)) problems.push({ line: info.lines, message });
    const seen = firstLine.get(row.key);
    if (seen !== undefined) problems.push({ line: info.lines, message: `key ${JSON.stringify(row.key)} appears again (first on line ${seen})` });
    else firstLine.set(row.key, info.lines);
    rows.push(row);
  }
  return problems.length > 0 ? { ok: false, problems: problems.slice(0, MAX_PROBLEMS) } : { ok: true, rows };
}

/** The rows as CSV with a `key,value` header; what `parseReferenceCsv` reads back unchanged. */
export function referenceCsv(rows: readonly ReferenceRow[]): string {
  // A lone line break inside a value is quoted too (csv-stringify quotes only the record
  // delimiter by default), so any reader splitting records on \n keeps the value whole.
  return stringify([['key', 'value'], ...rows.map((r) => [r.key, r.value])], { record_delimiter: '\r\n', quoted_match: /[\r\n]/ });
}
