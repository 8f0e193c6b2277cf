import { describe, expect, it } from 'vitest';
import Papa from 'papaparse';
import { csvCell, toCsv } from '../../../src/lib/io/csv';

describe('CSV for Excel', () => {
  it('neutralises cells that would run as formulas', () => {
    expect(csvCell('=HYPERLINK("http://x")')).toBe(`"'=HYPERLINK(""http://x"")"`);
    expect(csvCell('+1')).toBe("'+1");
    expect(csvCell('-2')).toBe("'-2");
    expect(csvCell('@SUM(A1)')).toBe("'@SUM(A1)");
    expect(csvCell(-2)).toBe('-2');
  });

  it('writes a BOM and round-trips Chinese text, commas, quotes and newlines', () => {
    const rows = [['纺织厂家属院', 'a, "b"\nc', 12.5, null]];
    const text = toCsv(['名称', '备注', '户数', '空'], rows);
    expect(text.charCodeAt(0)).toBe(0xfeff);
    const parsed = Papa.parse<string[]>(text.slice(1), { skipEmptyLines: true }).data;
    expect(parsed).toEqual([['名称', '备注', '户数', '空'], ['纺织厂家属院', 'a, "b"\nc', '12.5', '']]);
  });
});
