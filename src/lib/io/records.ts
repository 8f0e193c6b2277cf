// Loaded features + a field match -> typed Compounds and IdleParcels (canonical units, unmapped columns kept verbatim).
import area from '@turf/area';
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
  for (const f of layer.features) {
    const geometry = areaGeometry(f);
    if (!geometry) {
      skipped.push({ row: f.row, id: f.id, reason: notArea(f) });
      continue;
    }
    const extra = extraOf(f.properties, used);
    const read = <T>(field: CompoundField, parse: (v: unknown, b: FieldBinding) => T | null): T | null => {
      const b = match.fields[field];
      if (!b) return null;
      const raw = f.properties[b.column];
      const v = parse(raw, b);
      if (v === null && !isBlank(raw)) extra[b.column] = raw;
      return v;
    };
    const text = (field: CompoundField): string => read(field, (v) => parseText(v)) ?? '';
    compounds.push({
      id: f.id,
      name: text('name'),
      district: text('district'),
      street: text('street'),
      year_built: read('year_built', (v) => parseYear(v)),
      buildings: read('buildings', (v) => count(v)),
      households: read('households', (v) => count(v)),
      floor_area_m2: read('floor_area_m2', (v, b) => floorArea(v, b)),
      investment_wan: read('investment_wan', (v, b) => investment(v, b)),
      category: read('category', (v) => parseCategory(v)),
      plan_year: read('plan_year', (v) => parseYear(v)),
      status: text('status'),
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
      area_m2: area({ type: 'Feature', properties: {}, geometry }),
      current_use: get(cols.current_use),
      owner: get(cols.owner),
      note: get(cols.note),
      extra: extraOf(f.properties, used),
      geometry,
    });
  }
  return { parcels, skipped };
}

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
  for (const [k, v] of Object.entries(props)) if (!used.has(k)) extra[k] = v;
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
