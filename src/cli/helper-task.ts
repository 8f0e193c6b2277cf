// What the CLI's helper thread does (helper.ts): measure the polygons the first pass over a large compounds file
// read, with the geometry-only halves of the analyses (analyze.ts neighbourPairs, sites.ts siteReach).
import { readFileSync } from 'node:fs';
import { parentPort, workerData, type MessagePort } from 'node:worker_threads';
import { neighbourPairs, type NeighbourPairs } from '../lib/geo/analyze';
import { flatAreasData, flatAreasFrom, type FlatArea, type FlatAreasData } from '../lib/geo/flat-area';
import { scanClaimedBack, scanGeoJsonFlat, type FlatScan } from '../lib/io/geojson-flat';
import { siteReach, type ExistingGeometry, type SiteReach } from '../lib/geo/sites';
import type { AreaGeometry } from '../lib/geo/types';
import { trace } from './debug';
import { listText, writeInterleaved, type ListIds, type ListText } from './json-bytes';
import { pairsText } from './pairs-text';

/**
 * `parcelsFile`: a GeoJSON file of parcels the helper makes the first pass over itself (the main thread need not read
 * them before the compounds) and hands over (a ParcelsReply): the main thread reads the rest of it from that pass.
 */
export type HelperTask = { kind: 'pairs'; gapM: number } | { kind: 'reach'; radiusM: number; distances: boolean; parcelsFile?: string };

export type HelperAnswer = ({ kind: 'pairs' } & NeighbourPairs) | { kind: 'reach'; reach: SiteReach };

/** The helper's first pass over a reach task's parcelsFile, for the main thread; null when it could not be made. */
export interface ParcelsReply {
  parcels: HalfScan | null;
}

/**
 * What a reach task is given before the polygons: the existing facilities' geometries and the parcels', as the main
 * thread read them (null: the helper reads the parcels file itself).
 */
export type Prepared = { parcels: FlatAreasData | null; existing: ExistingGeometry[] } | null;

/** The first pass over a reach task's parcelsFile, or null when it names none. */
export function ownParcels(task: HelperTask): FlatScan | null {
  return task.kind === 'reach' && task.parcelsFile ? scanGeoJsonFlat(readFileSync(task.parcelsFile)) : null;
}

/** A first pass as sent to another thread, copied (the areas' arrays, to transfer) or given up (the reduced text). */
export function halfScan(scan: FlatScan): { half: HalfScan; transfer: ArrayBuffer[] } {
  const d = flatAreasData(scan.areas);
  const half: HalfScan = { areas: d, reduced: [...scan.reduced], whole: scan.whole, tags: [...scan.tags], offsets: [...scan.offsets] };
  return { half, transfer: [d.xy.buffer, d.ring.buffer, d.part.buffer, d.areas.buffer, ...scan.reduced.map((r) => r.buffer as ArrayBuffer), scan.whole.buffer as ArrayBuffer] };
}

/** A first pass back from halfScan. */
export function fromHalf(half: HalfScan): FlatScan {
  return { ...half, areas: flatAreasFrom(half.areas) };
}

/** The task's answer for these polygons (the compounds, as the helper guesses them). */
export function answerTask(task: HelperTask, prepared: Prepared, areas: readonly FlatArea[], own: readonly FlatArea[] | null = null): HelperAnswer {
  // a FlatArea is a GeoJSON polygon to every reader (flat-area.ts)
  const geoms = areas as unknown as readonly AreaGeometry[];
  if (task.kind === 'pairs') return { kind: 'pairs', ...neighbourPairs(geoms, task.gapM) };
  const { parcels, existing } = prepared!;
  if (!parcels && !own) throw new Error('no parcels to measure');
  const parcelGeoms = (parcels ? flatAreasFrom(parcels) : own!) as unknown as readonly AreaGeometry[];
  return { kind: 'reach', reach: siteReach(geoms, parcelGeoms, existing, { radiusM: task.radiusM, distances: task.distances }) };
}

/**
 * The main thread's request to share the first pass: the pieces bytes[bounds[k] … bounds[k + 1] - 1] (splitPoints;
 * bytes in shared memory), each scanned by the thread that claims it first (claims[k]: 0 free, 1 main, 2 helper) —
 * the main thread from the front, the helper from the back, so that both finish together whenever each starts.
 */
export interface ScanRequest {
  bytes: Uint8Array;
  bounds: number[];
  claims: Int32Array;
}

/** Claim piece k of a ScanRequest for thread `who` (1 main, 2 helper): true when no thread had it. */
export function claimer(claims: Int32Array, who: 1 | 2): (k: number) => boolean {
  return (k) => Atomics.compareExchange(claims, k, 0, who) === 0;
}

/** What of an answer its text is written from, copied. */
function keep(a: HelperAnswer): HelperAnswer {
  if (a.kind === 'reach') return { kind: 'reach', reach: { ...a.reach, offsets: a.reach.offsets.slice(), compound: a.reach.compound.slice(), distance: null } };
  const { a: pa, b, distance, wall } = a.pairs;
  return { ...a, pairs: { a: pa.slice(), b: b.slice(), distance: distance.slice(), wall: wall.slice() } };
}

/** The answer as the JSON text the CLI writes of it: a reach task's lists (sites), or the pairs (clusters). */
export function answerText(a: HelperAnswer, ids: ListIds): ListText {
  return a.kind === 'reach' ? listText(ids, a.reach.offsets, a.reach.compound) : pairsText(ids, a.pairs);
}

/** The main thread's request, after the answer, for its JSON text with these ids (answerText). */
export interface ListTextRequest {
  /** null: no text wanted, the thread can end */
  ids: ListIds | null;
}

/** Then what to do with the text: write it framed to a file (json-bytes.ts interleave), send it, or nothing. */
export interface OutputRequest {
  output: { path: string; frame: ListText } | 'text' | null;
}

/** A half of the first pass as sent between threads: a FlatScan with its areas as plain arrays. */
export interface HalfScan {
  areas: FlatAreasData;
  reduced: Uint8Array[];
  whole: Uint8Array;
  tags: string[];
  offsets: number[];
}

/** Copies of the areas (all of one store), as another thread gets them. */
export function copyAreas(areas: readonly FlatArea[]): FlatArea[] {
  return flatAreasFrom(flatAreasData(areas));
}

/**
 * The helper thread: takes a reach task's parcels, scans its part of the file and hands it over (a flag in shared
 * memory wakes the main thread, which waits synchronously), then measures all the polygons once the main thread's
 * part arrives. Failures become messages; the main thread then does the work itself.
 */
export function runHelperThread(): void {
  const { lianpianHelper: task, port, flag } = workerData as { lianpianHelper: HelperTask; port: MessagePort; flag: Int32Array };
  // the main thread's messages in the order sent, taken when wanted
  const queue: unknown[] = [];
  let waiting: ((m: unknown) => void) | null = null;
  port.on('message', (m: unknown) => {
    const w = waiting;
    waiting = null;
    if (w) w(m);
    else queue.push(m);
  });
  const next = <T>(): Promise<T> =>
    new Promise<T>((resolve) => {
      if (queue.length) resolve(queue.shift() as T);
      else waiting = resolve as (m: unknown) => void;
    });
  const fail = (err: unknown): void => parentPort!.postMessage({ error: err instanceof Error ? err.message : String(err) });
  const done = (value: number): void => {
    Atomics.store(flag, 0, value);
    Atomics.notify(flag, 0);
  };
  trace('started');
  void (async () => {
    // a reach task's parcels come before or after the scan request (sites reads them while this thread scans)
    const first = await next<ScanRequest | Prepared>();
    let prepared: Prepared = first && !('bytes' in first) ? first : null;
    const { bytes, bounds, claims } = first && 'bytes' in first ? first : await next<ScanRequest>();
    trace('first pass over pieces from the end');
    let mine: FlatScan;
    try {
      const back = scanClaimedBack(bytes, bounds, claimer(claims, 2));
      mine = back.scan;
      const { half, transfer } = halfScan(mine);
      port.postMessage({ half }, transfer);
      done(1);
      trace(`last ${(((bytes.length - back.from) / bytes.length) * 100).toFixed(0)} % scanned and sent`);
    } catch (err) {
      done(2);
      return fail(err);
    }
    try {
      // the parcels' first pass, when this thread is to make it: while the main thread still scans its part
      let own: FlatScan | null = null;
      if (task.kind === 'reach' && task.parcelsFile) {
        try {
          own = ownParcels(task);
        } finally {
          // none (an unreadable file): the main thread reads the parcels itself, and finds the error
          const reply = own && halfScan(own);
          parentPort!.postMessage({ parcels: reply?.half ?? null } satisfies ParcelsReply, reply?.transfer ?? []);
          trace('parcels scanned and sent');
        }
      }
      if (task.kind === 'reach' && !prepared) prepared = await next<Prepared>();
      const theirs = await next<FlatAreasData>();
      trace('first part received; measuring');
      const answer = answerTask(task, prepared, [...flatAreasFrom(theirs), ...mine.areas], own?.areas);
      // the lists or pairs are then written out as text here (kept: the answer's arrays go to the main thread)
      const kept = keep(answer);
      parentPort!.postMessage({ answer }, transfers(answer));
      trace('answer sent');
      {
        const { ids } = await next<ListTextRequest>();
        if (ids) {
          const text = answerText(kept, ids);
          trace('lists written as text');
          const { output } = await next<OutputRequest>();
          if (output === 'text') parentPort!.postMessage({ text }, [text.bytes.buffer as ArrayBuffer]);
          else if (output) {
            // written here: the main thread's heap is large, and a transferred 80 MB buffer would make it collect
            writeInterleaved(output.path, output.frame, text);
            parentPort!.postMessage({ written: true });
            trace('file written');
          }
        }
      }
    } catch (err) {
      fail(err);
    }
    // nothing more will come: the thread ends by itself
    port.close();
  })();
}

function transfers(a: HelperAnswer): ArrayBuffer[] {
  const views = a.kind === 'pairs' ? [...Object.values(a.pairs), a.order] : [a.reach.offsets, a.reach.compound, a.reach.served, a.reach.distance];
  const out = new Set<ArrayBuffer>();
  for (const v of views) if (ArrayBuffer.isView(v) && v.buffer instanceof ArrayBuffer) out.add(v.buffer);
  return [...out];
}
