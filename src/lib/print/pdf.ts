// Page images into one PDF, a page at a time (an atlas never holds more than one page canvas).
import { PDFDocument } from 'pdf-lib';
import type { PageLayout } from './page';

/** The canvas encoded as `type` (JPEG quality 0.92). */
export async function canvasBytes(canvas: HTMLCanvasElement, type: 'image/jpeg' | 'image/png'): Promise<Uint8Array> {
  const blob = await new Promise<Blob | null>((resolve) => canvas.toBlob(resolve, type, 0.92));
  if (!blob) throw new Error(`The page (${canvas.width} × ${canvas.height} px) could not be encoded as ${type}: it may be too large for this browser; choose a lower dpi.`);
  return new Uint8Array(await blob.arrayBuffer());
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
  async addPage(canvas: HTMLCanvasElement, layout: PageLayout): Promise<void> {
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
