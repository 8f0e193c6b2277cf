import type { Category } from '../geo/types';

export type RGBA = [number, number, number, number];

/** Category colours: a qualitative palette that stays apart for colour-blind readers. */
export const CATEGORY_COLORS: Record<Category | 'none', RGBA> = {
  mandatory: [214, 69, 80, 255],
  basic: [59, 130, 196, 255],
  improve: [47, 158, 110, 255],
  upgrade: [232, 163, 61, 255],
  none: [154, 165, 177, 255],
};
export const PARCEL_COLOR: RGBA = [156, 102, 201, 255];
export const SELECT_COLOR: RGBA = [255, 221, 0, 255];
export const HOVER_COLOR: RGBA = [255, 255, 255, 90];

export function css([r, g, b]: RGBA): string {
  return `rgb(${r}, ${g}, ${b})`;
}
