// A second thread for the CLI on a large GeoJSON file. Reading it takes two passes (io/geojson-flat.ts): the first
// reads every polygon's coordinates flat, the second (JSON.parse of the rest, then field mapping) the attributes.
// The two threads make the first pass together, the main thread from the front and the helper from the back, piece by
// piece (each claimed in shared memory first), until they meet; then the helper measures the
// polygons (neighbour pairs and walls, or parcel reach), all the measuring needs, while the main thread parses the
// attributes.
//
// The helper guesses that every feature becomes a compound with its polygon as read, which is what a clean file
// gives. The main thread checks that guess on what it loaded (sameAreas: compound i has scanned polygon i, the very
// object, so no feature was skipped, repaired or converted from another CRS) and only then uses the helper's answer,
// which is then exactly what it would have computed itself; otherwise it computes it itself, as without a helper.
//
// sites with a GeoJSON parcels file: the helper also makes the first pass over the parcels (after its part of the
// compounds) and hands it over; the main thread reads the rest of the parcels from it, after the compounds, and the
// same check (parcel i has scanned polygon i) decides whether the answer, measured on those polygons, is used.

import { MessageChannel, receiveMessageOnPort, Worker, type MessagePort } from 'node:worker_threads';
import { flatAreasData, flatAreasOf, type FlatArea } from '../lib/geo/flat-area';
import type { ExistingGeometry } from '../lib/geo/sites';
import type { AreaGeometry } from '../lib/geo/types';
import { trace } from './debug';
import { joinScans, scanClaimed, scanClaimedBack, scanPart, splitPoints, type FlatScan } from '../lib/io/geojson-flat';
import {
  answerTask, answerText, claimer, copyAreas, fromHalf, ownParcels,
  type HelperAnswer, type HelperTask, type HalfScan, type ListTextRequest, type OutputRequest, type ParcelsReply, type Prepared, type ScanRequest,
} from './helper-task';
import { writeInterleaved, type ListIds, type ListText } from './json-bytes';

export type { HelperTask } from './helper-task';

let entry: URL | null = null;

/** The helper thread's bundle (helper-main.ts, built next to the CLI's by scripts/cli.mjs); unset under tsx and in tests. */
export function setHelperEntry(url: URL): void {
  entry = url;
}

/** How long the main thread waits for the helper's half of the first pass before scanning it itself. */
const HALF_SCAN_TIMEOUT_MS = 30_000;

export interface Helper<K extends HelperTask['kind']> {
  /** Whether `scan` wants the file's bytes in shared memory (a SharedArrayBuffer), so that no copy is made. */
  readonly shared: boolean;
  /**
   * A reach task's parcels and existing facilities (their geometries): give them before the file is scanned. No
   * parcels when the task names a parcelsFile: the helper reads it, and its answer says what it read.
   */
  provide(parcels: readonly AreaGeometry[] | null, existing: ExistingGeometry[]): void;
  /**
   * Start the helper on the file now, from the end, before this thread gets to `scan` the same bytes from the front
   * (sites reads the parcels meanwhile): whichever is the faster takes more of it.
   */
  prescan(u8: Uint8Array): void;
  /** The first pass over the file (layer.ts FinishOptions.flatScan), half of it on the helper. */
  scan(u8: Uint8Array): FlatScan;
  /** The polygons the first pass read, once it has run. */
  areas: readonly FlatArea[] | null;
  /**
   * The helper's first pass over a reach task's parcelsFile (load.ts readParcels reads the rest), or null when it made
   * none or failed.
   */
  parcelScan(): Promise<FlatScan | null>;
  /** The helper's answer for the scanned polygons, or null when there is none (no scan, or the helper failed). */
  answer(): Promise<Extract<HelperAnswer, { kind: K }> | null>;
  /**
   * Once the answer is in, the helper is to write it as the JSON text the CLI outputs with these ids (a reach task's
   * lists, a pairs task's pairs: helper-task.ts answerText) while this thread analyses the rest; then either
   * writeFramed or takeText.
   */
  prepareText(ids: ListIds): void;
  /** Write the lists' text framed by `frame` (json-bytes.ts interleave) to the file at `path`; false if the helper did not. */
  writeFramed(path: string, frame: ListText): Promise<boolean>;
  /** The lists' text, or null when the helper has none. */
  takeText(): Promise<ListText | null>;
  /** Stop the thread (its answer, if any, is no longer wanted). */
  close(): void;
}

/**
 * Start a helper for `task`: a worker thread running the bundled CLI when there is one, else (tsx, tests) the same
 * work done in this thread, through the same copies and the same two half scans; null when no thread can be started.
 */
export function startHelper<T extends HelperTask>(task: T): Helper<T['kind']> | null {
  type A = Extract<HelperAnswer, { kind: T['kind'] }>;
  if (!entry) {
    let answer: Promise<A | null> = Promise.resolve(null);
    let text: Promise<ListText | null> = Promise.resolve(null);
    let prepared: Prepared = null;
    // the parcels' first pass, made once for the answer and for this thread's reading (neither changes it)
    let parcelPass: FlatScan | null | undefined;
    const ownPass = (): FlatScan | null => (parcelPass === undefined ? (parcelPass = ownParcels(task)) : parcelPass);
    return {
      shared: false,
      areas: null,
      provide(parcels, existing) {
        prepared = structuredClone({ parcels: parcels && flatAreasOf(parcels), existing });
      },
      prescan() {},
      scan(u8) {
        // the two threads' pieces, the back half taken first (as when the helper starts early)
        const { bounds, claims } = scanRequest(u8, 4);
        const back = scanClaimedBack(u8, bounds, (k) => k >= bounds.length >> 1 && claimer(claims, 2)(k));
        const front = scanClaimed(u8, bounds, claimer(claims, 1));
        const parts = [front.scan, back.scan];
        const copy = parts.flatMap((p) => copyAreas(p.areas));
        answer = Promise.resolve()
          .then(() => answerTask(task, prepared, copy, ownPass()?.areas) as A)
          .catch(() => null);
        const scan = joinScans(parts);
        this.areas = scan.areas;
        return scan;
      },
      parcelScan: () => Promise.resolve().then(ownPass).catch(() => null),
      answer: () => answer,
      prepareText(ids) {
        text = answer.then((a: HelperAnswer | null) => (a ? answerText(a, ids) : null)).catch(() => null);
      },
      async writeFramed(path, frame) {
        const t = await text;
        if (t) writeInterleaved(path, frame, t);
        return !!t;
      },
      takeText: () => text,
      close() {},
    };
  }
  const { port1: port, port2 } = new MessageChannel();
  const flag = new Int32Array(new SharedArrayBuffer(4));
  let worker: Worker;
  try {
    worker = new Worker(entry, { workerData: { lianpianHelper: task, port: port2, flag }, transferList: [port2] });
  } catch {
    // no thread to be had (resource limits): the work is done here, as for a small file
    return null;
  }
  // the thread's replies in order: the answer (or an error); then the answer's text or "written"
  // (or an error); then it ends by itself
  type Reply = { answer?: A; error?: string; text?: ListText; written?: boolean };
  const queued: Reply[] = [];
  const waiting: ((m: Reply | null) => void)[] = [];
  let ended = false;
  // the parcels' first pass comes apart from the replies, when the task names a parcels file
  let parcelsIn: (s: FlatScan | null) => void = () => {};
  const parcels = new Promise<FlatScan | null>((resolve) => (parcelsIn = resolve));
  if (task.kind !== 'reach' || !task.parcelsFile) parcelsIn(null);
  worker.on('message', (m: Reply | ParcelsReply) => {
    if ('parcels' in m) return parcelsIn(m.parcels && fromHalf(m.parcels));
    const w = waiting.shift();
    if (w) w(m);
    else queued.push(m);
  });
  const fail = (): void => {
    ended = true;
    parcelsIn(null);
    for (const w of waiting.splice(0)) w(null);
  };
  worker.once('error', fail);
  worker.once('exit', fail);
  const reply = (): Promise<Reply | null> =>
    new Promise((resolve) => {
      if (queued.length) resolve(queued.shift()!);
      else if (ended) resolve(null);
      else waiting.push(resolve);
    });
  let answered = false;
  const answer = reply().then((m) => {
    answered = true;
    return m?.answer ?? null;
  });
  // what the thread waits for next: nothing (working, or done), the ids, or what to do with the text
  let expects: 'ids' | 'output' | null = 'ids';
  let scanned = false;
  let early: ScanRequest | null = null;
  return {
    shared: true,
    areas: null,
    provide(parcels, existing) {
      if (!parcels) return port.postMessage({ parcels: null, existing } satisfies Prepared);
      // the parcels flat: structured clone of nested coordinates costs ~0.1 s for 20k parcels, their arrays ~nothing
      const flat = flatAreasOf(parcels);
      port.postMessage({ parcels: flat, existing } satisfies Prepared, [flat.xy.buffer, flat.ring.buffer, flat.part.buffer, flat.areas.buffer]);
    },
    prescan(u8) {
      if (!(u8.buffer instanceof SharedArrayBuffer)) return;
      early = scanRequest(u8);
      port.postMessage(early);
      trace('file read; the helper scans from the end');
    },
    scan(u8) {
      const shared = u8.buffer instanceof SharedArrayBuffer;
      let request = early?.bytes === u8 ? early : null;
      if (shared && !request) port.postMessage((request = scanRequest(u8)));
      trace('file read; first pass over pieces from the front');
      // without shared bytes the helper gets none: every piece is this thread's
      const { scan: mine, end } = request ? scanClaimed(u8, request.bounds, claimer(request.claims, 1)) : scanClaimed(u8, [0, u8.length], () => true);
      trace(`first ${((end / u8.length) * 100).toFixed(0)} % scanned`);
      // no request (bytes not shared): no helper scan, and no answer; every piece taken here: its (empty) part is not
      // waited for, and it measures all of them
      const theirs = !request ? null : end === u8.length ? noHalf() : halfFrom(port, flag);
      trace(theirs ? "helper's part received" : 'no part from the helper');
      if (!theirs) {
        // no helper scan (it failed, or the bytes were not shared): the rest of the pass here, and no answer
        void worker.terminate();
        const scan = joinScans([mine, scanPart(u8, end, u8.length)]);
        this.areas = scan.areas;
        return scan;
      }
      const d = flatAreasData(mine.areas);
      port.postMessage(d, [d.xy.buffer, d.ring.buffer, d.part.buffer, d.areas.buffer]);
      scanned = true;
      const scan = joinScans([mine, fromHalf(theirs)]);
      this.areas = scan.areas;
      return scan;
    },
    parcelScan: () => parcels,
    answer: () => (scanned ? answer : Promise.resolve(null)),
    prepareText(ids) {
      if (!scanned || expects !== 'ids') return;
      port.postMessage({ ids } satisfies ListTextRequest);
      expects = 'output';
    },
    async writeFramed(path, frame) {
      if (expects !== 'output') return false;
      port.postMessage({ output: { path, frame } } satisfies OutputRequest);
      expects = null;
      return !!(await reply())?.written;
    },
    async takeText() {
      if (expects !== 'output') return null;
      port.postMessage({ output: 'text' } satisfies OutputRequest);
      expects = null;
      return (await reply())?.text ?? null;
    },
    close() {
      // a thread that has done its work ends by itself (terminating one costs this thread ~0.1 s); one still at work
      // is stopped, one waiting is told that nothing more will come
      if (ended) return;
      if (!answered) void worker.terminate();
      else if (expects === 'ids') port.postMessage({ ids: null } satisfies ListTextRequest);
      else if (expects === 'output') port.postMessage({ output: null } satisfies OutputRequest);
    },
  };
}

/** Pieces of about 4 MB for the two threads' first pass: the later one to start then waits at most ~40 ms for the other. */
function scanRequest(u8: Uint8Array, pieces = Math.max(2, Math.min(64, Math.round(u8.length / (4 << 20))))): ScanRequest {
  const bounds = splitPoints(u8, pieces);
  return { bytes: u8, bounds, claims: new Int32Array(new SharedArrayBuffer(4 * (bounds.length - 1))) };
}

/** The helper's part of the first pass when it has none (this thread took every piece). */
function noHalf(): HalfScan {
  return { areas: flatAreasData([]), reduced: [], whole: new Uint8Array(0), tags: [], offsets: [] };
}

/** The helper's half of the first pass, waited for here (the caller is synchronous), or null on failure or timeout. */
function halfFrom(port: MessagePort, flag: Int32Array): HalfScan | null {
  const until = Date.now() + HALF_SCAN_TIMEOUT_MS;
  while (Atomics.load(flag, 0) === 0 && Date.now() < until) Atomics.wait(flag, 0, 0, 100);
  const m = receiveMessageOnPort(port)?.message as { half?: HalfScan } | undefined;
  return m?.half ?? null;
}

/** Whether feature i (a compound, a parcel) has scanned polygon i as its geometry, the very object, for every i and nothing else. */
export function sameAreas(features: readonly { geometry: AreaGeometry }[], areas: readonly FlatArea[] | null | undefined): boolean {
  if (!areas || areas.length !== features.length) return false;
  for (let i = 0; i < areas.length; i++) if (features[i].geometry !== (areas[i] as unknown)) return false;
  return true;
}
