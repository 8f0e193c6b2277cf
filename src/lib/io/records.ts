// Loaded features + a field match -> typed Compounds and IdleParcels (canonical units, unmapped columns kept verbatim).
import area from '@turf/area';
import { FlatArea, turfArea } from '../geo/flat-area';
import type { AreaGeometry, Compound, CompoundField, IdleParcel, RawFeature, SkippedFeature } from '../geo/types';
import type { FieldBinding, FieldMatch } from './fields';
import { parseCategory, parseQuantity, parseText, parseYear } from './values';

const COMPOUND_FIELDS: readonly CompoundField[] = [
  'name', 'district', 'street', 'year_built', 'buildings', 'households', 'floor_area_m2', 'investment_wan', 'category', 'plan_year', 'status',
];

/**
 * Build compounds from loaded features. The id is the feature's id (loader rule). Non-area geometries are skipped
 * with a reason. Numbers go to canonical units (m², 万元) using the binding's scale, unless the cell carries its own
 * unit ("1.2万m²", "350万元", "80000元"), which wins. Cells that cannot be parsed become null and are kept verbatim
 * in `extra` under their column; every unmapped column is kept verbatim in `extra`.
 */
export function toCompounds(
  layer: { features: readonly RawFeature[]; skipped?: readonly SkippedFeature[] },
  match: FieldMatch,
): { compounds: Compound[]; skipped: SkippedFeature[] } {
  const compounds: Compound[] = [];
  const skipped: SkippedFeature[] = [...(layer.skipped ?? [])];
  const used = new Set(COMPOUND_FIELDS.map((f) => match.fields[f]?.column).filter((c): c is string => !!c));
  // the bindings looked up once, not per feature: this loop runs 200k times on a national file
  const bound = (field: CompoundField): FieldBinding | null => match.fields[field] ?? null;
  const b = {
    name: bound('name'), district: bound('district'), street: bound('street'), year_built: bound('year_built'), buildings: bound('buildings'),
    households: bound('households'), floor_area_m2: bound('floor_area_m2'), investment_wan: bound('investment_wan'), category: bound('category'),
    plan_year: bound('plan_year'), status: bound('status'),
  };
  for (const f of layer.features) {
    const geometry = areaGeometry(f);
    if (!geometry) {
      skipped.push({ row: f.row, id: f.id, reason: notArea(f) });
      continue;
    }
    const p = f.properties;
    const extra = extraOf(p, used);
    compounds.push({
      id: f.id,
      name: readText(p, b.name, extra),
      district: readText(p, b.district, extra),
      street: readText(p, b.street, extra),
      year_built: read(p, b.year_built, extra, yearOf),
      buildings: read(p, b.buildings, extra, count),
      households: read(p, b.households, extra, count),
      floor_area_m2: read(p, b.floor_area_m2, extra, floorArea),
      investment_wan: read(p, b.investment_wan, extra, investment),
      category: read(p, b.category, extra, parseCategory),
      plan_year: read(p, b.plan_year, extra, yearOf),
      status: readText(p, b.status, extra),
      extra,
      geometry,
    });
  }
  return { compounds, skipped };
}

/**
 * Build idle parcels: area_m2 is the geodesic area of the geometry (@turf/area), never an attribute; current_use,
 * owner and note come from the matched columns (现状用途/用途, 权属, 备注); everything else is kept in `extra`.
 */
export function toParcels(
  layer: { features: readonly RawFeature[]; skipped?: readonly SkippedFeature[] },
  match: FieldMatch,
): { parcels: IdleParcel[]; skipped: SkippedFeature[] } {
  const parcels: IdleParcel[] = [];
  const skipped: SkippedFeature[] = [...(layer.skipped ?? [])];
  const cols = { current_use: match.fields.current_use?.column, owner: match.fields.owner?.column, note: match.fields.note?.column };
  const used = new Set(Object.values(cols).filter((c): c is string => !!c));
  for (const f of layer.features) {
    const geometry = areaGeometry(f);
    if (!geometry) {
      skipped.push({ row: f.row, id: f.id, reason: notArea(f) });
      continue;
    }
    const get = (c: string | undefined): string => (c ? parseText(f.properties[c]) : '');
    parcels.push({
      id: f.id,
      area_m2: geometry instanceof FlatArea ? turfArea(geometry) : area({ type: 'Feature', properties: {}, geometry }),
      current_use: get(cols.current_use),
      owner: get(cols.owner),
      note: get(cols.note),
      extra: extraOf(f.properties, used),
      geometry,
    });
  }
  return { parcels, skipped };
}

/** One mapped cell parsed; an unparsable, non-blank cell is kept verbatim in `extra` under its column. */
function read<T>(props: Record<string, unknown>, b: FieldBinding | null, extra: Record<string, unknown>, parse: (v: unknown, b: FieldBinding) => T | null): T | null {
  if (!b) return null;
  const raw = props[b.column];
  const v = parse(raw, b);
  if (v === null && !isBlank(raw)) extra[b.column] = raw;
  return v;
}

function readText(props: Record<string, unknown>, b: FieldBinding | null, extra: Record<string, unknown>): string {
  return read(props, b, extra, parseTextOrNull) ?? '';
}

const parseTextOrNull = (v: unknown): string | null => parseText(v);
const yearOf = (v: unknown): number | null => parseYear(v);

function areaGeometry(f: RawFeature): AreaGeometry | null {
  const g = f.geometry;
  return g && (g.type === 'Polygon' || g.type === 'MultiPolygon') ? g : null;
}

function notArea(f: RawFeature): string {
  const t = f.geometry?.type ?? 'none';
  return `geometry is ${t}, a polygon is needed / 几何类型为 ${t}，需要面`;
}

function extraOf(props: Record<string, unknown>, used: ReadonlySet<string>): Record<string, unknown> {
  const extra: Record<string, unknown> = {};
  for (const k in props) if (Object.hasOwn(props, k) && !used.has(k)) extra[k] = props[k];
  return extra;
}

/** Empty cells and the usual "nothing here" markers ("-", "—", "/", "无", "不详", "n/a"). */
function isBlank(v: unknown): boolean {
  if (v === null || v === undefined) return true;
  return typeof v === 'string' && /^\s*(-+|—+|\/|无|暂无|不详|n\/?a|null|none|\?)?\s*$/i.test(v.normalize('NFKC'));
}

/** Scaled values rounded to 1e-6 so 80 000 元 reads 8 万元, not 8.000000000000002. */
function tidy(x: number): number {
  return Math.round(x * 1e6) / 1e6;
}

function count(v: unknown): number | null {
  const q = parseQuantity(v);
  if (!q) return null;
  return q.unit.startsWith('万') ? q.value * 1e4 : q.value;
}

/** m²: a cell unit wins ('万m²'/'万' ×10⁴, '公顷' ×10⁴, 'm²'/'㎡'/'平方米' ×1), else the column's scale. */
function floorArea(v: unknown, b: FieldBinding): number | null {
  const q = parseQuantity(v);
  if (!q) return null;
  const u = q.unit.toLowerCase();
  if (u === '') return tidy(q.value * b.scale);
  if (u.startsWith('万')) return q.value * 1e4;
  if (u.startsWith('公顷') || u === 'ha') return q.value * 1e4;
  if (/^(m2|m²|㎡|平方米|平米|平方)$/.test(u)) return q.value;
  return null;
}

/** 万元: a cell unit wins ('万元'/'万' ×1, '亿元'/'亿' ×10⁴, '元' ×10⁻⁴), else the column's scale. */
function investment(v: unknown, b: FieldBinding): number | null {
  const q = parseQuantity(v);
  if (!q) return null;
  const u = q.unit;
  if (u === '') return tidy(q.value * b.scale);
  if (u.startsWith('万')) return q.value;
  if (u.startsWith('亿')) return q.value * 1e4;
  if (u === '元') return tidy(q.value * 1e-4);
  return null;
}
