// Page images into one PDF, a page at a time (an atlas never holds more than one page canvas).
import { PDFDocument } from 'pdf-lib';
import type { PageLayout } from './page';

/**
 * The page encoded as `type` (JPEG quality 0.92). An OffscreenCanvas, because HTMLCanvasElement.toBlob encodes
 * JPEG in the main thread's idle time, which a busy page starves (2.8 s against 0.3 s for an A3 page at 150 dpi).
 */
export async function canvasBytes(canvas: OffscreenCanvas, type: 'image/jpeg' | 'image/png'): Promise<Uint8Array> {
  try {
    const blob = await canvas.convertToBlob({ type, quality: 0.92 });
    return new Uint8Array(await blob.arrayBuffer());
  } catch (e) {
    throw new Error(`The page (${canvas.width} × ${canvas.height} px) could not be encoded as ${type}: it may be too large for this browser; choose a lower dpi. (${e instanceof Error ? e.message : String(e)})`);
  }
}

export class PdfBook {
  readonly #doc: PDFDocument;
  private constructor(doc: PDFDocument) {
    this.#doc = doc;
  }

  /** A new PDF with its metadata; `title` is stored as text. */
  static async create(title: string, created: Date): Promise<PdfBook> {
    const doc = await PDFDocument.create();
    doc.setTitle(title, { showInWindowTitleBar: true });
    doc.setCreator('连片 Lianpian');
    doc.setProducer('连片 Lianpian (pdf-lib)');
    doc.setCreationDate(created);
    doc.setModificationDate(created);
    doc.setLanguage('zh-CN');
    return new PdfBook(doc);
  }

  /** Add the page canvas as one page of the layout's exact paper size. */
  async addPage(canvas: OffscreenCanvas, layout: PageLayout): Promise<void> {
    const jpg = await this.#doc.embedJpg(await canvasBytes(canvas, 'image/jpeg'));
    const page = this.#doc.addPage([layout.widthPt, layout.heightPt]);
    page.drawImage(jpg, { x: 0, y: 0, width: layout.widthPt, height: layout.heightPt });
  }

  get pageCount(): number {
    return this.#doc.getPageCount();
  }

  save(): Promise<Uint8Array> {
    return this.#doc.save();
  }
}
