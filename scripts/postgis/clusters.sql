-- The same work as `npm run cli -- clusters <file> --gap 10 --format json`, in PostGIS:
-- transform to the Gauss-Krüger zone (EPSG:4547, CGCS2000 / 3° GK CM 114E), GiST index, ST_DWithin pairs,
-- the wall formula with ST_Buffer/ST_Intersection, ST_ClusterDBSCAN(eps := 10, minpoints := 1), totals, JSON out.
-- Run by scripts/postgis/compare.sh after ogr2ogr has loaded the file into table raw (geometry column geom).
\timing on
\set ON_ERROR_STOP on
DROP TABLE IF EXISTS c, pairs, clusters;
CREATE TABLE c AS
  SELECT id, households::float8 AS households, floor_area_m2::float8 AS floor_area_m2, investment_wan::float8 AS investment_wan,
         ST_Transform(geom, 4547) AS geom
  FROM raw;
CREATE INDEX c_geom ON c USING gist (geom);
ANALYZE c;
CREATE TABLE pairs AS
  SELECT a, b, d,
         (ST_Length(ST_Intersection(ST_Boundary(ga), ST_Buffer(gb, d + 1)))
        + ST_Length(ST_Intersection(ST_Boundary(gb), ST_Buffer(ga, d + 1)))) / 2 AS wall
  FROM (
    SELECT x.id AS a, y.id AS b, x.geom AS ga, y.geom AS gb, ST_Distance(x.geom, y.geom) AS d
    FROM c x JOIN c y ON x.id < y.id AND ST_DWithin(x.geom, y.geom, 10)
  ) q;
CREATE TABLE clusters AS
  SELECT id, ST_ClusterDBSCAN(geom, eps := 10, minpoints := 1) OVER () AS cluster FROM c;
CREATE INDEX ON clusters (id);
\pset tuples_only on
\pset format unaligned
\o :out
SELECT json_build_object(
  'gap_m', 10,
  'compounds', (SELECT count(*) FROM c),
  'pairs', (SELECT json_agg(json_build_object('a', a, 'b', b, 'distance_m', round(d::numeric, 3), 'wall_m', round(wall::numeric, 3)) ORDER BY a, b) FROM pairs),
  'clusters', (
    SELECT json_agg(json_build_object('cluster', t.cluster, 'members', t.members, 'households', t.households,
                                      'floor_area_m2', t.floor_area_m2, 'investment_wan', t.investment_wan, 'wall_m', coalesce(w.wall, 0)) ORDER BY t.cluster)
    FROM (SELECT cl.cluster, json_agg(c.id ORDER BY c.id) AS members, sum(c.households) AS households,
                 sum(c.floor_area_m2) AS floor_area_m2, sum(c.investment_wan) AS investment_wan
          FROM clusters cl JOIN c ON c.id = cl.id GROUP BY cl.cluster) t
    LEFT JOIN (SELECT ca.cluster, round(sum(p.wall)::numeric, 3) AS wall FROM pairs p JOIN clusters ca ON ca.id = p.a GROUP BY ca.cluster) w
      ON w.cluster = t.cluster
  )
);
\o
