#!/usr/bin/env bash
# Time `npm run cli -- clusters` against PostGIS doing the same work on the same file.
# Needs: apt-get install -y postgresql-15-postgis-3 gdal-bin. Runs its own throwaway cluster on port 5439.
# usage: scripts/postgis/compare.sh [compounds=200000]   (SKIP_PG=1 reuses the last PostGIS time and output)
set -euo pipefail
N=${1:-200000}
WORK=${WORK:-/tmp/lianpian-postgis}
PGBIN=/usr/lib/postgresql/15/bin
PORT=5439
HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=$(cd "$HERE/../.." && pwd)
mkdir -p "$WORK" && chmod 777 "$WORK"
CITY="$WORK/city-$N.geojson"
[ -f "$CITY" ] || (cd "$ROOT" && npx tsx scripts/postgis/write-city.ts "$N" "$CITY")

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

if [ "${SKIP_PG:-0}" = 1 ] && [ -f "$WORK/postgis-$N.seconds" ]; then
  PG_S=$(cat "$WORK/postgis-$N.seconds"); PG_CPU=$(cat "$WORK/postgis-$N.cpu" 2>/dev/null || echo "?")
  echo "== PostGIS: ${PG_S}s from the last run (SKIP_PG=1)"
else
# CPU seconds of the whole PostgreSQL cluster: the postmaster's own plus its reaped children's (backends, parallel workers)
pg_cpu() { awk -v hz="$(getconf CLK_TCK)" '{print ($14 + $15 + $16 + $17) / hz}' "/proc/$(head -1 "$WORK/pg/postmaster.pid")/stat"; }
echo "== PostGIS: ogr2ogr load + transform + GiST + ST_DWithin pairs + walls + ST_ClusterDBSCAN + JSON ($N compounds)"
start=$(date +%s.%N)
cpu0=$(pg_cpu)
/usr/bin/time -f "%U %S" -o "$WORK/ogr.cpu" ogr2ogr -f PostgreSQL "PG:host=$WORK port=$PORT user=postgres dbname=lianpian" "$CITY" -nln raw -lco GEOMETRY_NAME=geom -lco SPATIAL_INDEX=NONE -nlt PROMOTE_TO_MULTI
/usr/bin/time -f "%U %S" -o "$WORK/psql.cpu" $PSQL -d lianpian -v out="$WORK/postgis-$N.json" -f "$HERE/clusters.sql"
end=$(date +%s.%N)
sleep 1
PG_S=$(echo "$end - $start" | bc)
PG_CPU=$(echo "$(pg_cpu) - $cpu0 + $(awk '{print $1 + $2}' "$WORK/ogr.cpu" | tail -1) + $(awk '{print $1 + $2}' "$WORK/psql.cpu" | tail -1)" | bc)
echo "$PG_S" > "$WORK/postgis-$N.seconds"
echo "$PG_CPU" > "$WORK/postgis-$N.cpu"
fi

# each tool timed on a quiet machine: the server is stopped first (its shutdown checkpoint writes the tables just
# built; left running, its background writer does that during the CLI's run) and the disks synced
stop_pg
sync
echo "== Lianpian CLI: read + parse + analyse + write JSON"
start=$(date +%s.%N)
(cd "$ROOT" && /usr/bin/time -f "%U %S" -o "$WORK/lp.cpu" npm run --silent cli -- clusters "$CITY" --gap 10 --format json --out "$WORK/lianpian-$N.json")
end=$(date +%s.%N)
LP_S=$(echo "$end - $start" | bc)
LP_CPU=$(awk '{print $1 + $2}' "$WORK/lp.cpu" | tail -1)

node -e '
const [pg, lp] = process.argv.slice(1).map((f) => JSON.parse(require("fs").readFileSync(f, "utf8")));
const key = (p) => [p.a, p.b].sort().join("|");
const lpPairs = new Set(lp.pairs.map(key)), pgPairs = new Set((pg.pairs ?? []).map(key));
let both = 0; for (const k of lpPairs) if (pgPairs.has(k)) both++;
console.log(`pairs: lianpian ${lpPairs.size}, postgis ${pgPairs.size}, in both ${both}; clusters: lianpian ${lp.clusters.length}, postgis ${pg.clusters.length}`);
' "$WORK/postgis-$N.json" "$WORK/lianpian-$N.json" 2>&1 | tail -c 2000
echo "wall: PostGIS ${PG_S}s, Lianpian CLI ${LP_S}s, ratio $(echo "scale=1; $PG_S / $LP_S" | bc)x"
echo "CPU:  PostGIS ${PG_CPU}s (server, ogr2ogr, psql), Lianpian CLI ${LP_CPU}s, ratio $(echo "scale=1; $PG_CPU / $LP_CPU" | bc 2>/dev/null)x"
echo "(load average $(cut -d' ' -f1-3 /proc/loadavg); on a shared machine the CPU ratio is the steadier figure)"
