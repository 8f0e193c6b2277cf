-- The same work as `npm run cli -- sites <compounds> <parcels> --radius R --format json`, in PostGIS:
-- transform to the Gauss-Krüger zone (:srid, e.g. EPSG:4547 = CGCS2000 / 3° GK CM 114E), GiST indexes,
-- the ST_DWithin join, households per parcel, every parcel with its compounds, JSON out.
-- Run by scripts/postgis/sites-compare.sh after ogr2ogr has loaded tables raw_c and raw_p (geometry column geom).
\timing on
\set ON_ERROR_STOP on
DROP TABLE IF EXISTS c, p, pairs;
CREATE TABLE c AS SELECT id, coalesce(households, 0)::float8 AS households, ST_Transform(geom, :srid) AS geom FROM raw_c;
CREATE TABLE p AS SELECT id, ST_Area(geom::geography) AS area_m2, ST_Transform(geom, :srid) AS geom FROM raw_p;
CREATE INDEX c_geom ON c USING gist (geom);
CREATE INDEX p_geom ON p USING gist (geom);
ANALYZE c;
ANALYZE p;
CREATE TABLE pairs AS SELECT p.id AS parcel, c.id AS compound, c.households FROM p JOIN c ON ST_DWithin(p.geom, c.geom, :radius);
\pset tuples_only on
\pset format unaligned
\o :out
SELECT json_build_object(
  'radius_m', :radius,
  'parcels', (
    SELECT json_agg(json_build_object('id', p.id, 'area_m2', round(p.area_m2::numeric, 3), 'compounds', coalesce(l.compounds, '[]'::json),
                                      'households', coalesce(l.households, 0)) ORDER BY p.id)
    FROM p LEFT JOIN (SELECT parcel, json_agg(compound) AS compounds, sum(households) AS households FROM pairs GROUP BY parcel) l ON l.parcel = p.id
  ),
  'covered_households', (SELECT sum(households) FROM c WHERE id IN (SELECT compound FROM pairs)),
  'total_households', (SELECT sum(households) FROM c)
);
\o
