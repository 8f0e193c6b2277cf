// Compound names as ledgers and maps write them differently: reduce both to one comparable key.

/** Suffixes dropped from the end of a name, longest first; stripped repeatedly ("X家属院小区" → "X"). */
export const NAME_SUFFIXES = [
  '职工家属院', '职工宿舍', '家属院', '家属区', '家属楼', '宿舍区', '宿舍楼', '生活区', '住宅区', '住宅小区', '小区', '宿舍', '大院', '院',
] as const;

/**
 * A comparison key for a compound name:
 * 1. NFKC (full-width letters, digits and brackets → half-width), lower case;
 * 2. a trailing bracketed part "(一期)" / "（二期）" / "[东区]" is set aside (it tells compounds apart, so it is kept);
 * 3. whitespace and every Unicode punctuation or symbol character (·、-—."' etc.) removed;
 * 4. suffixes in NAME_SUFFIXES removed from the end, repeatedly, while at least 2 characters remain;
 * 5. the bracketed part, normalised by steps 1 and 3, appended again.
 * Examples: "建设路 小区" → "建设路"; "市一中家属院" → "市一中"; "ＸＸ花园（一期）" → "xx花园一期"; "水利局院" → "水利局".
 */
export function normaliseName(s: string): string {
  let t = s.normalize('NFKC').toLowerCase().trim();
  let tail = '';
  const m = /^(.*?)\s*[([【]([^()[\]【】]*)[)\]】]\s*$/.exec(t);
  if (m && m[1].trim()) {
    t = m[1];
    tail = strip(m[2]);
  }
  t = strip(t);
  for (let changed = true; changed; ) {
    changed = false;
    for (const suf of NAME_SUFFIXES) {
      if (t.endsWith(suf) && t.length - suf.length >= 2) {
        t = t.slice(0, -suf.length);
        changed = true;
        break;
      }
    }
  }
  return t + tail;
}

function strip(s: string): string {
  return s.replace(/[\s\p{P}\p{S}]+/gu, '');
}
