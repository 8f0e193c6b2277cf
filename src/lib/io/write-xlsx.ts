// An export table as an .xlsx workbook of one sheet, written by write-excel-file's universal entry (browser, worker, Node).
import writeXlsxFile, { type SheetData } from 'write-excel-file/universal';
import { headerLabels, tableCells, type ExportTable } from './export';

/**
 * Write a table as XLSX bytes: a bold header row of labels (label ?? key), then one row per table row.
 * Cells are typed from the column: numbers as numbers, booleans as booleans, text as shared strings — so text such
 * as "=1+2" is stored as text and never becomes a formula (no apostrophe is needed, unlike CSV). Nulls are empty cells.
 * The sheet is named after the table (characters Excel forbids replaced by "_", cut to 31).
 */
export async function writeXlsx(table: ExportTable): Promise<Uint8Array> {
  const cells = tableCells(table);
  const types = table.columns.map((c) => (c.type === 'number' ? Number : c.type === 'boolean' ? Boolean : String));
  const data: SheetData = [
    headerLabels(table).map((value) => ({ value, fontWeight: 'bold' as const })),
    ...cells.map((row) => row.map((value, j) => (value === null ? null : { value, type: types[j] }))),
  ];
  const blob = await writeXlsxFile(data, { sheet: sheetName(table.name), stickyRowsCount: 1 }).toBlob();
  return new Uint8Array(await blob.arrayBuffer());
}

/** Excel sheet names: 1–31 characters, none of \ / ? * [ ] : */
export function sheetName(name: string): string {
  const s = name.replace(/[\\/?*[\]:]/g, '_').trim().slice(0, 31);
  return s || 'Sheet1';
}
