// The review report: notes, conflicts and manual overrides per district, as an XLSX workbook (one sheet each, plus
// the edit log) and as a PDF of A4 pages drawn with the bundled CJK font (the same way the print layout is made).
import writeXlsxFile, { type SheetData } from 'write-excel-file/universal';
import { canvasFont, loadPrintFonts } from '../../print/fonts';
import { pageLayout } from '../../print/page';
import { PdfBook } from '../../print/pdf';

export interface ReportRows {
  title: string;
  created: Date;
  reviewer: string;
  /** per row: district first, then the columns of the sheet */
  notes: { district: string; target: string; text: string; status: string; author: string; at: string; replies: string }[];
  conflicts: { district: string; subject: string; kind: string; cls: string; overlapM2: number; sharePct: number }[];
  overrides: { district: string; compound: string; change: string }[];
  log: { at: string; who: string; what: string }[];
}

export interface ReportLabels {
  sheets: { notes: string; conflicts: string; overrides: string; log: string };
  notes: [string, string, string, string, string, string, string];
  conflicts: [string, string, string, string, string, string];
  overrides: [string, string, string];
  log: [string, string, string];
  /** "(no district)" */
  noDistrict: string;
  none: string;
  page: (n: number, of: number) => string;
}

const byDistrict = <T extends { district: string }>(rows: readonly T[]): T[] => [...rows].sort((a, b) => a.district.localeCompare(b.district, 'zh-CN'));

export async function reportXlsx(r: ReportRows, l: ReportLabels): Promise<Uint8Array> {
  const head = (cols: readonly string[]) => cols.map((value) => ({ value, fontWeight: 'bold' as const }));
  const text = (v: string) => ({ value: v, type: String });
  const num = (v: number) => (Number.isFinite(v) ? { value: v, type: Number } : null);
  const d = (s: string) => text(s || l.noDistrict);
  const sheets: SheetData[] = [
    [head(l.notes), ...byDistrict(r.notes).map((n) => [d(n.district), text(n.target), text(n.text), text(n.status), text(n.author), text(n.at), text(n.replies)])],
    [head(l.conflicts), ...byDistrict(r.conflicts).map((c) => [d(c.district), text(c.subject), text(c.kind), text(c.cls), num(Math.round(c.overlapM2 * 100) / 100), num(Math.round(c.sharePct * 10) / 10)])],
    [head(l.overrides), ...byDistrict(r.overrides).map((o) => [d(o.district), text(o.compound), text(o.change)])],
    [head(l.log), ...r.log.map((e) => [text(e.at), text(e.who), text(e.what)])],
  ];
  const names = [l.sheets.notes, l.sheets.conflicts, l.sheets.overrides, l.sheets.log];
  const blob = await writeXlsxFile(sheets.map((data, i) => ({ data, sheet: names[i], stickyRowsCount: 1 }))).toBlob();
  return new Uint8Array(await blob.arrayBuffer());
}

type Line = { text: string; size: number; bold?: boolean; indent?: number; gap?: number };

/** The report as lines of text, grouped by district. */
function reportLines(r: ReportRows, l: ReportLabels): Line[] {
  const lines: Line[] = [
    { text: r.title, size: 7, bold: true, gap: 3 },
    { text: `${r.created.toLocaleString('zh-CN')} · ${r.reviewer || '—'}`, size: 3.6, gap: 4 },
  ];
  const districts = [...new Set([...r.notes, ...r.conflicts, ...r.overrides].map((x) => x.district))].sort((a, b) => a.localeCompare(b, 'zh-CN'));
  if (!districts.length) lines.push({ text: l.none, size: 4 });
  for (const dist of districts) {
    lines.push({ text: dist || l.noDistrict, size: 5.2, bold: true, gap: 2.5 });
    const notes = r.notes.filter((n) => n.district === dist);
    if (notes.length) {
      lines.push({ text: l.sheets.notes, size: 4.2, bold: true, indent: 2 });
      for (const n of notes) {
        lines.push({ text: `[${n.status}] ${n.target}：${n.text}（${n.author}，${n.at.slice(0, 16).replace('T', ' ')}）`, size: 3.8, indent: 4 });
        if (n.replies) lines.push({ text: n.replies, size: 3.4, indent: 8 });
      }
    }
    const conflicts = r.conflicts.filter((c) => c.district === dist);
    if (conflicts.length) {
      lines.push({ text: l.sheets.conflicts, size: 4.2, bold: true, indent: 2 });
      for (const c of conflicts) lines.push({ text: `${c.subject}（${c.kind}） ∩ ${c.cls}${Number.isFinite(c.overlapM2) ? `：${c.overlapM2.toFixed(1)} m²，${c.sharePct.toFixed(1)}%` : ''}`, size: 3.8, indent: 4 });
    }
    const overrides = r.overrides.filter((o) => o.district === dist);
    if (overrides.length) {
      lines.push({ text: l.sheets.overrides, size: 4.2, bold: true, indent: 2 });
      for (const o of overrides) lines.push({ text: `${o.compound}：${o.change}`, size: 3.8, indent: 4 });
    }
  }
  return lines;
}

/** Break a line into pieces that fit `width` pixels (CJK text breaks anywhere). */
function wrap(ctx: OffscreenCanvasRenderingContext2D, text: string, width: number): string[] {
  const out: string[] = [];
  let cur = '';
  for (const ch of text) {
    if (ctx.measureText(cur + ch).width > width && cur) {
      out.push(cur);
      cur = ch;
    } else cur += ch;
  }
  if (cur) out.push(cur);
  return out;
}

export async function reportPdf(r: ReportRows, l: ReportLabels): Promise<Uint8Array> {
  const layout = pageLayout('A4', 'portrait', 150);
  const mm = layout.widthPx / layout.widthMm;
  const lines = reportLines(r, l);
  await loadPrintFonts(lines.map((x) => x.text));
  const margin = 15 * mm;
  const pages: { text: string; size: number; bold: boolean; x: number; y: number }[][] = [[]];
  const measure = new OffscreenCanvas(10, 10).getContext('2d')!;
  let y = margin;
  for (const line of lines) {
    const px = line.size * mm;
    measure.font = canvasFont(px, line.bold ? 700 : 400);
    const x = margin + (line.indent ?? 0) * mm;
    for (const piece of wrap(measure, line.text, layout.widthPx - margin - x)) {
      if (y + px * 1.5 > layout.heightPx - margin) {
        pages.push([]);
        y = margin;
      }
      pages[pages.length - 1].push({ text: piece, size: px, bold: !!line.bold, x, y: y + px });
      y += px * 1.5;
    }
    y += (line.gap ?? 0.6) * mm;
  }
  const book = await PdfBook.create(r.title, r.created);
  for (const [i, items] of pages.entries()) {
    const canvas = new OffscreenCanvas(layout.widthPx, layout.heightPx);
    const ctx = canvas.getContext('2d')!;
    ctx.fillStyle = '#fff';
    ctx.fillRect(0, 0, canvas.width, canvas.height);
    ctx.fillStyle = '#111';
    for (const it of items) {
      ctx.font = canvasFont(it.size, it.bold ? 700 : 400);
      ctx.fillText(it.text, it.x, it.y);
    }
    ctx.font = canvasFont(3.2 * mm);
    ctx.fillStyle = '#666';
    ctx.fillText(l.page(i + 1, pages.length), layout.widthPx - margin - 20 * mm, layout.heightPx - 8 * mm);
    await book.addPage(canvas, layout);
  }
  return book.save();
}
