// Read a ledger (台账) spreadsheet: CSV (UTF-8 with/without BOM, else GBK) or XLSX (first sheet), header row found.
import Papa from 'papaparse';
import { readSheet } from 'read-excel-file/universal';
import { UserError } from './errors';
import { decodeText, toU8, type Bytes } from './text';

export interface LedgerTable {
  columns: string[];
  /** Data rows as column → value (strings from CSV; strings, numbers, booleans, Dates from XLSX; empty cells omitted). */
  rows: Record<string, unknown>[];
  /** 0-based row in the sheet of each data row (for messages: rows above the header and blank rows are skipped). */
  sheetRows: number[];
  format: 'csv' | 'xlsx';
  /** Text encoding used (CSV only). */
  encoding?: string;
}

/**
 * Read a CSV or XLSX ledger. The header is the first of the first 20 rows that has at least half as many non-empty
 * cells as the fullest of those rows (so a title line such as "2021年老旧小区改造计划表" above the header is passed
 * over); blank rows are dropped; empty header cells become "column N", repeated ones "name (2)".
 */
export async function readLedger(name: string, bytes: Bytes): Promise<LedgerTable> {
  const ext = /\.([^.]+)$/.exec(name)?.[1]?.toLowerCase() ?? '';
  const u8 = toU8(bytes);
  const zip = u8[0] === 0x50 && u8[1] === 0x4b;
  if (ext === 'xlsx' || zip) return { ...fromGrid(await xlsxGrid(name, u8)), format: 'xlsx' };
  if (ext === 'xls') {
    throw new UserError('is an old .xls workbook; save it as .xlsx or .csv first', '是旧版 .xls 工作簿；请先另存为 .xlsx 或 .csv', { file: name });
  }
  const { text, encoding } = decodeText(u8);
  const parsed = Papa.parse<string[]>(text.replace(/^\uFEFF/, ''), { skipEmptyLines: 'greedy' });
  return { ...fromGrid(parsed.data), format: 'csv', encoding };
}

async function xlsxGrid(name: string, u8: Uint8Array): Promise<unknown[][]> {
  const ab = u8.buffer.slice(u8.byteOffset, u8.byteOffset + u8.byteLength) as ArrayBuffer;
  try {
    return (await readSheet(ab)) as unknown[][];
  } catch (err) {
    throw new UserError(
      `is not a readable .xlsx workbook (${err instanceof Error ? err.message : String(err)})`,
      `不是可读取的 .xlsx 工作簿（${err instanceof Error ? err.message : String(err)}）`,
      { file: name },
    );
  }
}

function filled(v: unknown): boolean {
  return v !== null && v !== undefined && !(typeof v === 'string' && v.trim() === '');
}

function fromGrid(grid: unknown[][]): Omit<LedgerTable, 'format'> {
  const counts = grid.slice(0, 20).map((r) => r.filter(filled).length);
  const most = Math.max(0, ...counts);
  const h = counts.findIndex((c) => c >= Math.max(1, most / 2) && c >= Math.min(2, most));
  if (h < 0) return { columns: [], rows: [], sheetRows: [] };
  const seen = new Map<string, number>();
  const columns = grid[h].map((v, i) => {
    const base = filled(v) ? String(v).trim() : `column ${i + 1}`;
    const n = (seen.get(base) ?? 0) + 1;
    seen.set(base, n);
    return n === 1 ? base : `${base} (${n})`;
  });
  const rows: Record<string, unknown>[] = [];
  const sheetRows: number[] = [];
  for (let r = h + 1; r < grid.length; r++) {
    const cells = grid[r];
    if (!cells.some(filled)) continue;
    const row: Record<string, unknown> = {};
    cells.forEach((v, i) => {
      if (!filled(v)) return;
      const key = columns[i] ?? `column ${i + 1}`;
      row[key] = typeof v === 'string' ? v.trim() : v;
    });
    rows.push(row);
    sheetRows.push(r);
  }
  return { columns, rows, sheetRows };
}
