// Thin: bytes in -> lib/io -> compounds/parcels out in chunks (so the main thread never deserialises one
// huge message), with progress. Keeps the last compounds layer so a ledger can be joined onto it and the
// analyses run here on the data already loaded (lib/geo/analyze), results out by transfer.
import { loadFile } from '../lib/io/load';
import { applyManualMapping, columnSetKey, matchFields, toCompounds, toParcels, type FieldMatch, type MappableField } from '../lib/io/fields';
import { joinLedger, readLedger } from '../lib/io/ledger';
import { checkFields } from '../lib/io/validate';
import type { LoadedLayer } from '../lib/io/layer';
import { polygonsBinary } from '../lib/map/binary';
import { FlatArea, flatAreasOf } from '../lib/geo/flat-area';
import { applyChanges } from '../lib/geo/edits';
import type { BinaryFeatureCollection } from '@loaders.gl/schema';
import type { AreaGeometry } from '../lib/geo/types';
import { CrsNeededError } from '../lib/io/crs-detect';
import { describeError } from '../lib/io/errors';
import { analyzeClusters, ClusterCache, transferables } from '../lib/geo/analyze';
import type { Compound, District, IdleParcel } from '../lib/geo/types';
import { locateDistricts } from '../lib/geo/district-locate';
import { analyzeSitesAsync, transferables as siteTransferables, type ExistingGeometry, type SiteResult } from '../lib/geo/sites';
import type { FieldSummary, FromWorker, LayerRole, LoadSummary, ToWorker } from './protocol';

// small enough that deserialising one chunk on the main thread stays well under a frame budget on slow machines
const CHUNK = 2000;
const post = (m: FromWorker, transfer: Transferable[] = []): void => (self as unknown as Worker).postMessage(m, transfer);

/** Flatten and triangulate polygons here so the main thread never tessellates; feature i keeps index i. */
function toBinary(items: readonly { geometry: AreaGeometry }[]): { binary: BinaryFeatureCollection; transfer: Transferable[] } {
  const binary = polygonsBinary(items.map((it) => it.geometry));
  const transfer = new Set<ArrayBufferLike>();
  const walk = (o: unknown): void => {
    if (ArrayBuffer.isView(o)) transfer.add(o.buffer);
    else if (o && typeof o === 'object') for (const v of Object.values(o)) walk(v);
  };
  walk(binary);
  return { binary, transfer: [...transfer].filter((b): b is ArrayBuffer => b instanceof ArrayBuffer) };
}

function done(job: number, base: Omit<Extract<FromWorker, { type: 'done' }>, 'type' | 'job' | 'binary' | 'areas'>, items: readonly { geometry: AreaGeometry }[]): void {
  post({ type: 'progress', job, fraction: 1, stage: 'convert' });
  const { binary, transfer } = toBinary(items);
  const areas = flatAreasOf(items.map((it) => it.geometry));
  post({ type: 'done', job, ...base, binary, areas }, [...transfer, areas.xy.buffer, areas.ring.buffer, areas.part.buffer, areas.areas.buffer]);
}

interface Pending {
  layer: LoadedLayer;
  match: FieldMatch;
  role: LayerRole;
}
const pending = new Map<number, Pending>();
let lastCompounds: { layer: LoadedLayer; match: FieldMatch } | null = null;
/** the compounds the main thread shows, index for index */
let compounds: Compound[] = [];
let clusterCache = new ClusterCache();
/** the idle parcels the main thread shows, index for index (candidate sites) */
let parcels: IdleParcel[] = [];
/** existing facilities per facility type key (points or polygons, WGS84) */
const existingFacilities = new Map<string, ExistingGeometry[]>();
const running = new Map<number, AbortController>();
let clustersRun: AbortController | null = null;
let districtLayer: District[] = [];

/**
 * Compounds without a district attribute take the district polygon holding most of their area; those that
 * straddle a boundary are reported with each district's share. Inputs are not mutated.
 */
function placeInDistricts(items: Compound[]): { compounds: Compound[]; placed?: LoadSummary['placed'] } {
  const missing = items.filter((c) => !c.district).length;
  if (!missing || !districtLayer.length) return { compounds: items };
  const loc = locateDistricts(items, districtLayer);
  let count = 0;
  const compounds = items.map((c, i) => {
    const d = loc.located[i];
    if (c.district || !d) return c;
    count++;
    return { ...c, district: d };
  });
  const straddlers = loc.straddlers
    .filter((s) => !items[s.index].district)
    .map((s) => ({ id: s.id, name: s.name, shares: s.shares }));
  return { compounds, placed: { count, unplaced: missing - count, straddlers } };
}

/** the compounds as loaded, before edits made by hand */
let baseCompounds: Compound[] = [];

function setCompounds(items: Compound[]): void {
  compounds = items;
  baseCompounds = items.slice();
  clusterCache = new ClusterCache();
}

/** The layer with the mapping's findings added to its warnings: a missing name column, text where numbers belong. */
function withFieldChecks(layer: LoadedLayer, match: FieldMatch, required: readonly MappableField[]): LoadedLayer {
  const found = checkFields(layer, match, { required });
  return found.length ? { ...layer, warnings: [...layer.warnings, ...found] } : layer;
}

function summary(layer: LoadedLayer): LoadSummary {
  const notes: LoadSummary['notes'] = [
    ...layer.repairs.map((n) => ({ kind: 'repair' as const, en: n.en, zh: n.zh })),
    ...layer.warnings.map((n) => ({ kind: 'warning' as const, en: n.en, zh: n.zh })),
    ...layer.excluded.map((n) => ({ kind: 'excluded' as const, en: n.en, zh: n.zh })),
  ];
  return { file: layer.file, format: layer.format, crs: layer.crs.spec, crsSource: layer.crs.source, count: layer.features.length, skipped: layer.skipped, notes };
}

const ROLE_FIELDS: Record<LayerRole, readonly MappableField[]> = {
  compounds: ['id', 'name', 'district', 'street', 'year_built', 'buildings', 'households', 'floor_area_m2', 'investment_wan', 'category', 'plan_year', 'status'],
  parcels: ['id', 'current_use', 'owner', 'note'],
};

function fieldSummary(layer: LoadedLayer, match: FieldMatch, role: LayerRole): FieldSummary {
  const matched: FieldSummary['matched'] = {};
  const missing: string[] = [];
  for (const f of ROLE_FIELDS[role]) {
    const m = match.fields[f];
    if (m) matched[f] = { column: m.column, unit: m.unit || undefined };
    else missing.push(f);
  }
  return { matched, missing, unmatched: match.unmatched, columns: layer.columns, columnKey: match.key || columnSetKey(layer.columns) };
}

/** resolvers waiting for the main thread to take a chunk, per job */
const acks = new Map<number, () => void>();
/** chunks in flight before waiting for the main thread: a flood of messages would starve its rendering */
const IN_FLIGHT = 4;

/** The items' attributes (their geometry follows with `done`, flat). */
async function sendInChunks<T extends { geometry: AreaGeometry }>(job: number, role: LayerRole, items: T[]): Promise<void> {
  let inFlight = 0;
  for (let i = 0; i < items.length; i += CHUNK) {
    if (inFlight >= IN_FLIGHT) {
      await new Promise<void>((resolve) => acks.set(job, resolve));
      inFlight--;
    }
    const chunk = items.slice(i, i + CHUNK).map(({ geometry: _, ...attributes }) => attributes);
    post({ type: 'chunk', job, role, items: chunk } as unknown as FromWorker);
    post({ type: 'progress', job, fraction: Math.min(1, (i + CHUNK) / items.length), stage: 'convert' });
    inFlight++;
  }
}

function ack(job: number): void {
  const resolve = acks.get(job);
  acks.delete(job);
  resolve?.();
}

async function convert(job: number, p: Pending): Promise<void> {
  if (p.role === 'compounds') {
    const converted = toCompounds(p.layer, p.match);
    const { compounds, placed } = placeInDistricts(converted.compounds);
    lastCompounds = { layer: p.layer, match: p.match };
    setCompounds(compounds);
    await sendInChunks(job, 'compounds', compounds);
    done(job, { load: { ...summary(withFieldChecks(p.layer, p.match, ['name'])), count: compounds.length, placed }, skipped: [...p.layer.skipped, ...converted.skipped] }, compounds);
  } else {
    const { parcels: items, skipped } = toParcels(p.layer, p.match);
    parcels = items;
    await sendInChunks(job, 'parcels', items);
    done(job, { load: { ...summary(withFieldChecks(p.layer, p.match, [])), count: items.length }, skipped: [...p.layer.skipped, ...skipped] }, items);
  }
}

/** A result computed on the compounds in scope, re-indexed onto all `n` compounds (out of scope: not reachable, not served). */
function widenSites(r: SiteResult, index: Int32Array, n: number): SiteResult {
  const remap = (a: Int32Array): void => {
    for (let i = 0; i < a.length; i++) a[i] = index[a[i]];
  };
  remap(r.compound);
  // without filtering the serving lists share the reach lists
  if (r.serves.items !== r.compound) remap(r.serves.items);
  remap(r.unserved);
  remap(r.unreachable);
  const spread = (a: Uint8Array): Uint8Array => {
    const out = new Uint8Array(n);
    for (let i = 0; i < a.length; i++) out[index[i]] = a[i];
    return out;
  };
  return { ...r, existing: spread(r.existing), reachable: spread(r.reachable) };
}

/** Points, multipoints and polygons of a loaded layer; the count of anything else. */
function facilityGeometries(layer: LoadedLayer): { items: ExistingGeometry[]; skipped: number } {
  const items: ExistingGeometry[] = [];
  let skipped = layer.skipped.length;
  for (const f of layer.features) {
    const g = f.geometry;
    if (g && (g.type === 'Point' || g.type === 'MultiPoint' || g.type === 'Polygon' || g.type === 'MultiPolygon')) items.push(g as ExistingGeometry);
    else skipped++;
  }
  return { items, skipped };
}

/** A layer of areas (compounds, parcels, reference zones): points and lines are excluded with a reason; progress shown. */
function loadAreas(msg: { job: number; name: string; bytes: ArrayBuffer; extra?: { name: string; bytes: ArrayBuffer }[]; crs?: string }): Promise<LoadedLayer> {
  return loadFile(msg.name, msg.bytes, {
    crs: msg.crs,
    need: 'area',
    extraFiles: msg.extra,
    onProgress: (fraction) => post({ type: 'progress', job: msg.job, fraction, stage: 'parse' }),
  });
}

let sitesRun: AbortController | null = null;

async function handle(msg: ToWorker): Promise<void> {
  switch (msg.type) {
    case 'cancel':
      running.get(msg.job)?.abort();
      break;
    case 'ack':
      ack(msg.job);
      break;
    case 'districts':
      districtLayer = msg.districts;
      break;
    case 'clusters': {
      // a newer cluster request supersedes the older one (site runs keep going)
      clustersRun?.abort();
      const ctl = (clustersRun = new AbortController());
      running.set(msg.job, ctl);
      try {
        if (msg.scope.length !== compounds.length) throw new Error(`scope has ${msg.scope.length} entries for ${compounds.length} compounds`);
        const t0 = performance.now();
        const result = await analyzeClusters(compounds, {
          gapM: msg.gapM,
          scope: msg.scope,
          units: msg.units,
          overrides: msg.overrides,
          signal: ctl.signal,
          onProgress: (fraction) => post({ type: 'progress', job: msg.job, fraction, stage: 'analyse' }),
        }, clusterCache);
        post({ type: 'clusters', job: msg.job, result, ms: performance.now() - t0 }, transferables(result));
      } finally {
        running.delete(msg.job);
      }
      break;
    }
    case 'sites': {
      // a newer site request supersedes the older one (clusters keep running)
      sitesRun?.abort();
      const ctl = (sitesRun = new AbortController());
      running.set(msg.job, ctl);
      try {
        const scope = msg.scope;
        if (scope && scope.length !== compounds.length) throw new Error(`scope has ${scope.length} entries for ${compounds.length} compounds`);
        let index: Int32Array | null = null;
        let inScope = compounds;
        if (scope && scope.includes(0)) {
          const keep: number[] = [];
          for (let i = 0; i < scope.length; i++) if (scope[i]) keep.push(i);
          index = Int32Array.from(keep);
          inScope = keep.map((i) => compounds[i]);
        }
        const result = await analyzeSitesAsync(inScope, parcels, {
          radiusM: msg.radiusM,
          minAreaM2: msg.minAreaM2,
          capacity: msg.capacity,
          existing: existingFacilities.get(msg.existingKey) ?? [],
          k: msg.k,
          targetShare: msg.targetShare,
          signal: ctl.signal,
          onProgress: (fraction) => post({ type: 'progress', job: msg.job, fraction, stage: 'analyse' }),
        });
        const out = index ? widenSites(result, index, compounds.length) : result;
        post({ type: 'sites', job: msg.job, result: out }, siteTransferables(out));
      } finally {
        running.delete(msg.job);
        if (sitesRun === ctl) sitesRun = null;
      }
      break;
    }
    case 'edits': {
      // in place: the cluster cache keeps its pairs (geometry has not changed), only the attributes are re-read
      const edited = applyChanges(baseCompounds, msg.changes);
      for (let i = 0; i < compounds.length; i++) compounds[i] = edited[i];
      clusterCache.attrs = null;
      break;
    }
    case 'reference': {
      const layer = await loadAreas(msg);
      // plain GeoJSON: a FlatArea's coordinates would not survive the structured clone
      const features = layer.features.map((f) => {
        const g = f.geometry as AreaGeometry;
        return { properties: f.properties, geometry: (g instanceof FlatArea ? { type: g.type, coordinates: g.coordinates } : g) as AreaGeometry };
      });
      post({ type: 'reference', job: msg.job, load: summary(layer), columns: layer.columns, features, skipped: layer.skipped });
      break;
    }
    case 'existing': {
      if (!msg.bytes) {
        existingFacilities.delete(msg.key);
        post({ type: 'existing', job: msg.job, key: msg.key, file: '', count: 0, skipped: 0 });
        break;
      }
      const layer = await loadFile(msg.name, msg.bytes);
      const { items, skipped } = facilityGeometries(layer);
      existingFacilities.set(msg.key, items);
      post({ type: 'existing', job: msg.job, key: msg.key, file: msg.name, count: items.length, skipped });
      break;
    }
    case 'load': {
      const layer = await loadAreas(msg);
      const match = matchFields(layer.columns, layer.features.slice(0, 200).map((f) => f.properties));
      pending.set(msg.job, { layer, match, role: msg.role });
      post({ type: 'fields', job: msg.job, load: summary(layer), fields: fieldSummary(layer, match, msg.role) });
      break;
    }
    case 'convert': {
      const p = pending.get(msg.job);
      if (!p) throw new Error(`no pending load for job ${msg.job}`);
      pending.delete(msg.job);
      await convert(msg.job, { ...p, match: applyManualMapping(p.match, msg.overrides as Partial<Record<MappableField, string | null>>) });
      break;
    }
    case 'ledger': {
      if (!lastCompounds) throw new Error('Load compound polygons before joining a ledger / 请先载入小区图形再关联台账');
      const ledger = await readLedger(msg.name, msg.bytes);
      const joined = joinLedger(lastCompounds.layer.features, ledger, { by: 'auto' });
      const layer: LoadedLayer = { ...lastCompounds.layer, features: joined.features, columns: joined.columns };
      const match = matchFields(layer.columns, layer.features.slice(0, 200).map((f) => f.properties));
      const converted = toCompounds(layer, match);
      const skipped = converted.skipped;
      const { compounds, placed } = placeInDistricts(converted.compounds);
      lastCompounds = { layer, match };
      setCompounds(compounds);
      await sendInChunks(msg.job, 'compounds', compounds);
      done(msg.job, {
        load: { ...summary(withFieldChecks(layer, match, [])), file: msg.name, count: compounds.length, placed },
        skipped,
        ledger: {
          file: msg.name,
          matched: joined.matched,
          ledgerWithoutPolygon: joined.ledgerWithoutPolygon,
          polygonsWithoutLedger: joined.polygonsWithoutLedger,
        },
      }, compounds);
      break;
    }
  }
}

self.onmessage = (e: MessageEvent<ToWorker>) => {
  const msg = e.data;
  handle(msg).catch((err: unknown) => {
    // a superseded analysis ends quietly
    if (err instanceof DOMException && err.name === 'AbortError') return;
    if (err instanceof CrsNeededError) {
      const q = err.question;
      post({ type: 'crs-needed', job: msg.job, file: 'name' in msg ? msg.name : '', candidates: q.candidates, likely: q.likely ?? q.candidates[0]?.spec ?? '', reason: `${q.reason.zh} / ${q.reason.en}` });
      return;
    }
    const { zh, en } = describeError(err);
    post({ type: 'error', job: msg.job, zh, en });
  });
};
