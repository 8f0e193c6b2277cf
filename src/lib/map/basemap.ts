// Base map styles. The default is drawn from the sample city's own layers: no tiles, glyphs or sprites,
// so the app works with no network. Online choices request only the addresses the user typed.
import type { StyleSpecification } from 'maplibre-gl';

export type BasemapChoice =
  | { kind: 'offline' }
  | { kind: 'tianditu'; layer: 'vec' | 'img'; key: string }
  | { kind: 'xyz'; url: string }
  | { kind: 'style'; url: string };

export interface OfflineSources {
  roads: string; // URL of roads GeoJSON (same origin)
  water: string;
  districts: string;
}

export function offlineStyle(src: OfflineSources): StyleSpecification {
  return {
    version: 8,
    name: 'lianpian-offline',
    sources: {
      water: { type: 'geojson', data: src.water },
      roads: { type: 'geojson', data: src.roads },
      districts: { type: 'geojson', data: src.districts },
    },
    layers: [
      { id: 'background', type: 'background', paint: { 'background-color': '#f3f1ec' } },
      { id: 'districts-fill', type: 'fill', source: 'districts', paint: { 'fill-color': '#ebe7df', 'fill-opacity': 1 } },
      { id: 'water', type: 'fill', source: 'water', paint: { 'fill-color': '#a9cbe8' } },
      {
        id: 'roads-casing',
        type: 'line',
        source: 'roads',
        layout: { 'line-cap': 'round', 'line-join': 'round' },
        paint: {
          'line-color': '#d6d0c4',
          // road width in metres shown at its true size from zoom 15 (0.6 px/m at z16 near 35°N)
          'line-width': ['interpolate', ['exponential', 2], ['zoom'], 10, ['*', ['get', 'width_m'], 0.01], 16, ['*', ['get', 'width_m'], 0.75], 20, ['*', ['get', 'width_m'], 12]],
        },
      },
      {
        id: 'roads',
        type: 'line',
        source: 'roads',
        layout: { 'line-cap': 'round', 'line-join': 'round' },
        paint: {
          'line-color': '#ffffff',
          'line-width': ['interpolate', ['exponential', 2], ['zoom'], 10, ['*', ['get', 'width_m'], 0.006], 16, ['*', ['get', 'width_m'], 0.6], 20, ['*', ['get', 'width_m'], 10]],
        },
      },
    ],
  };
}

const TDT_HOSTS = [0, 1, 2, 3, 4, 5, 6, 7].map((i) => `https://t${i}.tianditu.gov.cn`);

function tdtTiles(layer: string, key: string): string[] {
  return TDT_HOSTS.map(
    (h) =>
      `${h}/${layer}_w/wmts?SERVICE=WMTS&REQUEST=GetTile&VERSION=1.0.0&LAYER=${layer}&STYLE=default&TILEMATRIXSET=w&FORMAT=tiles&TILEMATRIX={z}&TILEROW={y}&TILECOL={x}&tk=${encodeURIComponent(key)}`,
  );
}

function rasterStyle(name: string, tiles: string[][], attribution: string): StyleSpecification {
  const sources: StyleSpecification['sources'] = {};
  const layers: StyleSpecification['layers'] = [{ id: 'background', type: 'background', paint: { 'background-color': '#f3f1ec' } }];
  tiles.forEach((t, i) => {
    sources[`r${i}`] = { type: 'raster', tiles: t, tileSize: 256, attribution, maxzoom: 18 };
    layers.push({ id: `r${i}`, type: 'raster', source: `r${i}` });
  });
  return { version: 8, name, sources, layers };
}

/** The style for a choice; a style URL is returned as is for maplibre to fetch. */
export function basemapStyle(choice: BasemapChoice, offline: OfflineSources): StyleSpecification | string {
  switch (choice.kind) {
    case 'offline':
      return offlineStyle(offline);
    case 'tianditu': {
      const [base, notes] = choice.layer === 'vec' ? ['vec', 'cva'] : ['img', 'cia'];
      return rasterStyle('tianditu', [tdtTiles(base, choice.key), tdtTiles(notes, choice.key)], '© 天地图 Tianditu');
    }
    case 'xyz':
      return rasterStyle('xyz', [[choice.url]], '');
    case 'style':
      return choice.url;
  }
}

/** The network origins a choice will contact (for the Content-Security-Policy). */
export function basemapOrigins(choice: BasemapChoice): string[] {
  const origin = (u: string): string[] => {
    try {
      return [new URL(u.replace(/\{[^}]+\}/g, '0')).origin];
    } catch {
      return [];
    }
  };
  switch (choice.kind) {
    case 'offline':
      return [];
    case 'tianditu':
      return TDT_HOSTS;
    case 'xyz':
    case 'style':
      return origin(choice.url);
  }
}
