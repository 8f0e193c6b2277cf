// Why a coverage target cannot be met, in plain words for the planner (English and Chinese).
import type { Compound } from './types';
import type { SiteResult } from './sites';

export interface Sentence {
  en: string;
  zh: string;
}

const pct = (x: number, total: number): string => `${total > 0 ? ((100 * x) / total).toFixed(1) : '0.0'} %`;
/** A whole number with thousands separators (1,789), as the app writes counts in both languages. */
const num = (x: number): string => Math.round(x).toLocaleString('en-US');

/**
 * Reasons a target share is out of reach: households with no big-enough parcel within the radius, households
 * capacity leaves out, and k being too small. Empty when there is no target or it is met.
 */
export function explainShortfall(r: SiteResult, compounds: readonly Compound[], hh: Float64Array): Sentence[] {
  const c = r.choice;
  if (!c || c.targetHouseholds === null || c.covered >= c.targetHouseholds) return [];
  const out: Sentence[] = [];
  const target = c.targetHouseholds;
  const share = pct(target, r.totalHouseholds);
  const R = num(r.radiusM);
  const A = num(r.minAreaM2);
  if (r.maxCoverable < target) {
    // unserved compounds with households and no eligible parcel in reach; which of them only lack a big enough one
    const anyParcel = new Uint8Array(compounds.length);
    for (let q = 0; q < r.compound.length; q++) anyParcel[r.compound[q]] = 1;
    let nFar = 0, hFar = 0, nSmall = 0, hSmall = 0;
    for (const i of r.unreachable) {
      if (!(hh[i] > 0)) continue;
      nFar++;
      hFar += hh[i];
      if (anyParcel[i]) {
        nSmall++;
        hSmall += hh[i];
      }
    }
    if (nFar > 0) {
      const parcelEn = r.minAreaM2 > 0 ? `no parcel of at least ${A} m²` : 'no idle parcel';
      const parcelZh = r.minAreaM2 > 0 ? `${R} 米内没有面积不小于 ${A} m² 的闲置地块` : `${R} 米内没有闲置地块`;
      out.push({
        en: `${num(hFar)} households in ${nFar} compounds have ${parcelEn} within ${R} m` +
          (nSmall > 0 ? ` (${nSmall} of these compounds, ${num(hSmall)} households, have only smaller parcels nearby).` : '.'),
        zh: `${nFar} 个小区共 ${num(hFar)} 户，${parcelZh}` + (nSmall > 0 ? `（其中 ${nSmall} 个小区、${num(hSmall)} 户附近只有更小的地块）。` : '。'),
      });
    }
    if (r.capacity !== null) {
      let reachHH = 0;
      for (let i = 0; i < compounds.length; i++) if (r.reachable[i] && !r.existing[i]) reachHH += hh[i];
      const servable = r.maxCoverable - r.existingHouseholds;
      if (servable < reachHH) {
        out.push({
          en: `With at most ${num(r.capacity)} households per facility, the parcels in reach can serve only ${num(servable)} of the ${num(reachHH)} unserved households around them.`,
          zh: `每处设施最多服务 ${num(r.capacity)} 户，可用地块周边 ${num(reachHH)} 户未覆盖住户中最多只能服务 ${num(servable)} 户。`,
        });
      }
    }
    out.push({
      en: `So at most ${num(r.maxCoverable)} of ${num(r.totalHouseholds)} households (${pct(r.maxCoverable, r.totalHouseholds)}) can be covered, short of the ${share} target.`,
      zh: `因此最多覆盖 ${num(r.totalHouseholds)} 户中的 ${num(r.maxCoverable)} 户（${pct(r.maxCoverable, r.totalHouseholds)}），达不到 ${share} 的目标。`,
    });
  } else {
    const k = c.chosen.length;
    const most = c.method === 'exact' && c.proven ? c.covered : c.upperBound;
    const how = c.method === 'exact' && c.proven ? 'at most' : 'by the bound at most';
    out.push({
      en: `${k} parcel${k === 1 ? '' : 's'} cover${k === 1 ? 's' : ''} ${how} ${num(most)} households (${pct(most, r.totalHouseholds)}), short of the ${share} target` +
        (c.minParcels > k ? `; it needs at least ${c.minParcels} parcels.` : '; choose more parcels.'),
      zh: `${k} 处地块最多覆盖 ${num(most)} 户（${pct(most, r.totalHouseholds)}），达不到 ${share} 的目标` +
        (c.minParcels > k ? `；至少需要 ${c.minParcels} 处地块。` : '；请增加地块数量。'),
    });
  }
  if (r.unknownHouseholds > 0) {
    out.push({
      en: `${r.unknownHouseholds} compounds have no household count and count as 0.`,
      zh: `${r.unknownHouseholds} 个小区缺少户数，按 0 户计。`,
    });
  }
  return out;
}
