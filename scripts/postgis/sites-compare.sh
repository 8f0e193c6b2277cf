#!/usr/bin/env bash
# Time `npm run cli -- sites` against PostGIS doing the same work on the same files (ogr2ogr load, transform to the
# Gauss-Krüger zone, GiST indexes, ST_DWithin join, households per parcel, JSON out), then compare the pairs.
# Needs postgresql-15-postgis-3 and gdal-bin. Runs its own throwaway cluster (port 5441, apart from compare.sh's).
# usage: scripts/postgis/sites-compare.sh [compounds=200000] [radius=1000]
set -euo pipefail
N=${1:-200000}
R=${2:-1000}
WORK=${WORK:-/tmp/lianpian-postgis-sites}
PGBIN=/usr/lib/postgresql/15/bin
PORT=5441
HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=$(cd "$HERE/../.." && pwd)
mkdir -p "$WORK" && chmod 777 "$WORK"
C="$WORK/compounds-$N.geojson"
P="$WORK/parcels-$N.geojson"
[ -f "$C" ] && [ -f "$P" ] || (cd "$ROOT" && npx tsx scripts/postgis/sites-write-city.ts "$N" "$C" "$P")

as_pg() { if [ "$(id -u)" = 0 ]; then su postgres -c "$*"; else bash -c "$*"; fi; }
if [ ! -f "$WORK/pg/PG_VERSION" ]; then
  mkdir -p "$WORK/pg" && chown postgres "$WORK/pg" 2>/dev/null || true
  as_pg "$PGBIN/initdb -D $WORK/pg -A trust -U postgres >/dev/null"
fi
as_pg "$PGBIN/pg_ctl -D $WORK/pg -o '-p $PORT -k $WORK' -l $WORK/pg.log -w start >/dev/null"
trap 'as_pg "$PGBIN/pg_ctl -D $WORK/pg -m fast stop >/dev/null"' EXIT
PSQL="psql -h $WORK -p $PORT -U postgres -v ON_ERROR_STOP=1 -q"
$PSQL -c 'DROP DATABASE IF EXISTS lianpian' -c 'CREATE DATABASE lianpian' >/dev/null
$PSQL -d lianpian -c 'CREATE EXTENSION postgis' >/dev/null
# the Gauss-Krüger zone the engine uses (nearest the mean longitude of the compounds' first vertices); EPSG:4534 is CM 75E
LON=$(node -e 'const s=require("fs").readFileSync(process.argv[1],"utf8");let t=0,n=0;for(const m of s.matchAll(/"coordinates":\[+(-?[0-9.]+)/g)){t+=Number(m[1]);n++}console.log(t/n)' "$C")
SRID=$(node -e 'console.log(4534 + Math.round(Number(process.argv[1]) / 3) - 25)' "$LON")

echo "== PostGIS: ogr2ogr load + transform to EPSG:$SRID + GiST + ST_DWithin $R m + households per parcel + JSON ($N compounds)"
start=$(date +%s.%N)
for t in c p; do
  f=$C; [ $t = p ] && f=$P
  ogr2ogr -f PostgreSQL "PG:host=$WORK port=$PORT user=postgres dbname=lianpian" "$f" -nln raw_$t -lco GEOMETRY_NAME=geom -lco SPATIAL_INDEX=NONE -nlt PROMOTE_TO_MULTI
done
$PSQL -d lianpian -v out="$WORK/postgis-$N-$R.json" -v radius="$R" -v srid="$SRID" -f "$HERE/sites.sql"
end=$(date +%s.%N)
PG_S=$(echo "$end - $start" | bc)

echo "== Lianpian CLI: read + parse + analyse + write JSON"
start=$(date +%s.%N)
(cd "$ROOT" && npm run --silent cli -- sites "$C" "$P" --radius "$R" --format json --out "$WORK/lianpian-$N-$R.json")
end=$(date +%s.%N)
LP_S=$(echo "$end - $start" | bc)

node -e '
const [pg, lp] = process.argv.slice(1).map((f) => JSON.parse(require("fs").readFileSync(f, "utf8")));
const pairs = (d) => new Set(d.parcels.flatMap((p) => p.compounds.map((c) => p.id + "|" + c)));
const a = pairs(lp), b = pairs(pg);
let both = 0; for (const k of a) if (b.has(k)) both++;
console.log(`pairs: lianpian ${a.size}, postgis ${b.size}, in both ${both}; households: lianpian ${lp.covered_households}/${lp.total_households}, postgis ${pg.covered_households}/${pg.total_households}`);
' "$WORK/postgis-$N-$R.json" "$WORK/lianpian-$N-$R.json" 2>&1 | tail -c 2000
echo "PostGIS ${PG_S}s, Lianpian CLI ${LP_S}s, ratio $(echo "scale=1; $PG_S / $LP_S" | bc)x"
