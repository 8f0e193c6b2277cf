#!/usr/bin/env bash
# Time `npm run cli -- sites` against PostGIS doing the same work on the same files (ogr2ogr load, transform to the
# Gauss-Krüger zone, GiST indexes, ST_DWithin join, households per parcel, JSON out), then compare the pairs.
# Needs postgresql-15-postgis-3 and gdal-bin. Runs its own throwaway cluster (port 5441, apart from compare.sh's).
# usage: scripts/postgis/sites-compare.sh [compounds=200000] [radius=1000]   (SKIP_PG=1 reuses the last PostGIS time and output)
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
stop_pg() { as_pg "$PGBIN/pg_ctl -D $WORK/pg -m fast stop >/dev/null" 2>/dev/null || true; }
trap stop_pg EXIT
PSQL="psql -h $WORK -p $PORT -U postgres -v ON_ERROR_STOP=1 -q"
$PSQL -c 'DROP DATABASE IF EXISTS lianpian' -c 'CREATE DATABASE lianpian' >/dev/null
$PSQL -d lianpian -c 'CREATE EXTENSION postgis' >/dev/null
# the Gauss-Krüger zone the engine uses (nearest the mean longitude of the compounds' first vertices); EPSG:4534 is CM 75E
LON=$(node -e 'const s=require("fs").readFileSync(process.argv[1],"utf8");let t=0,n=0;for(const m of s.matchAll(/"coordinates":\[+(-?[0-9.]+)/g)){t+=Number(m[1]);n++}console.log(t/n)' "$C")
SRID=$(node -e 'console.log(4534 + Math.round(Number(process.argv[1]) / 3) - 25)' "$LON")

if [ "${SKIP_PG:-0}" = 1 ] && [ -f "$WORK/postgis-$N-$R.seconds" ]; then
  PG_S=$(cat "$WORK/postgis-$N-$R.seconds"); PG_CPU=$(cat "$WORK/postgis-$N-$R.cpu" 2>/dev/null || echo "?")
  echo "== PostGIS: ${PG_S}s from the last run (SKIP_PG=1)"
else
# CPU seconds of the whole PostgreSQL cluster: the postmaster's own plus its reaped children's (backends, parallel workers)
pg_cpu() { awk -v hz="$(getconf CLK_TCK)" '{print ($14 + $15 + $16 + $17) / hz}' "/proc/$(head -1 "$WORK/pg/postmaster.pid")/stat"; }
echo "== PostGIS: ogr2ogr load + transform to EPSG:$SRID + GiST + ST_DWithin $R m + households per parcel + JSON ($N compounds)"
start=$(date +%s.%N)
cpu0=$(pg_cpu)
for t in c p; do
  f=$C; [ $t = p ] && f=$P
  /usr/bin/time -f "%U %S" -o "$WORK/ogr-$t.cpu" ogr2ogr -f PostgreSQL "PG:host=$WORK port=$PORT user=postgres dbname=lianpian" "$f" -nln raw_$t -lco GEOMETRY_NAME=geom -lco SPATIAL_INDEX=NONE -nlt PROMOTE_TO_MULTI
done
/usr/bin/time -f "%U %S" -o "$WORK/psql.cpu" $PSQL -d lianpian -v out="$WORK/postgis-$N-$R.json" -v radius="$R" -v srid="$SRID" -f "$HERE/sites.sql"
end=$(date +%s.%N)
sleep 1
PG_S=$(echo "$end - $start" | bc)
PG_CPU=$(echo "$(pg_cpu) - $cpu0 + $(cat "$WORK/ogr-c.cpu" "$WORK/ogr-p.cpu" "$WORK/psql.cpu" | awk '{s += $1 + $2} END {print s}')" | bc)
echo "$PG_S" > "$WORK/postgis-$N-$R.seconds"
echo "$PG_CPU" > "$WORK/postgis-$N-$R.cpu"
fi

# each tool timed on a quiet machine: the server is stopped first (its shutdown checkpoint writes the tables just
# built; left running, its background writer does that during the CLI's run) and the disks synced
stop_pg
sync
echo "== Lianpian CLI: read + parse + analyse + write JSON"
start=$(date +%s.%N)
(cd "$ROOT" && /usr/bin/time -f "%U %S" -o "$WORK/lp.cpu" npm run --silent cli -- sites "$C" "$P" --radius "$R" --format json --out "$WORK/lianpian-$N-$R.json")
end=$(date +%s.%N)
LP_S=$(echo "$end - $start" | bc)
LP_CPU=$(awk '{print $1 + $2}' "$WORK/lp.cpu" | tail -1)

node -e '
const [pg, lp] = process.argv.slice(1).map((f) => JSON.parse(require("fs").readFileSync(f, "utf8")));
const pairs = (d) => new Set(d.parcels.flatMap((p) => p.compounds.map((c) => p.id + "|" + c)));
const a = pairs(lp), b = pairs(pg);
let both = 0; for (const k of a) if (b.has(k)) both++;
console.log(`pairs: lianpian ${a.size}, postgis ${b.size}, in both ${both}; households: lianpian ${lp.covered_households}/${lp.total_households}, postgis ${pg.covered_households}/${pg.total_households}`);
' "$WORK/postgis-$N-$R.json" "$WORK/lianpian-$N-$R.json" 2>&1 | tail -c 2000
echo "wall: PostGIS ${PG_S}s, Lianpian CLI ${LP_S}s, ratio $(echo "scale=1; $PG_S / $LP_S" | bc)x"
echo "CPU:  PostGIS ${PG_CPU}s (server, ogr2ogr, psql), Lianpian CLI ${LP_CPU}s, ratio $(echo "scale=1; $PG_CPU / $LP_CPU" | bc 2>/dev/null)x"
echo "(load average $(cut -d' ' -f1-3 /proc/loadavg); on a shared machine the CPU ratio is the steadier figure)"
