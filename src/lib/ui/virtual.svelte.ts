// The window of rows a virtualised table renders: only those in view (plus a few either side), with spacer
// heights above and below so the scroll bar stays true to the whole list.

export interface VirtualOptions {
  /** row height, px */
  rowH?: number;
  /** height of the scrolling viewport, px */
  viewH?: number;
  /** rows rendered beyond each edge of the view */
  overscan?: number;
}

export class VirtualWindow {
  scrollTop = $state(0);
  readonly rowH: number;
  readonly viewH: number;
  readonly overscan: number;
  #count: () => number;

  /** @param count how many rows the list has now (read reactively) */
  constructor(count: () => number, { rowH = 26, viewH = 240, overscan = 5 }: VirtualOptions = {}) {
    this.#count = count;
    this.rowH = rowH;
    this.viewH = viewH;
    this.overscan = overscan;
  }

  start = $derived.by(() => Math.max(0, Math.floor(this.scrollTop / this.rowH) - this.overscan));
  end = $derived.by(() => Math.min(this.#count(), Math.ceil((this.scrollTop + this.viewH) / this.rowH) + this.overscan));
  /** spacer heights, px */
  before = $derived.by(() => this.start * this.rowH);
  after = $derived.by(() => (this.#count() - this.end) * this.rowH);

  onscroll = (e: Event): void => {
    this.scrollTop = (e.currentTarget as HTMLElement).scrollTop;
  };
}
