#!/usr/bin/env bash
# Runs every test of ClusterSync against a throwaway PostgreSQL server.
# Installs PostgreSQL from Debian's packages when missing, starts it on a free port with its data
# under /tmp, exports CLUSTERSYNC_TEST_POSTGRES (the connection string the PostgreSQL tests use),
# runs `dotnet test` with TRX results, stops the server and prints the totals alone on the last line.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
results="$root/.test-results"
rm -rf "$results"; mkdir -p "$results"

find_pg_bin() {
  local d
  for d in /usr/lib/postgresql/*/bin; do
    [ -x "$d/pg_ctl" ] && { echo "$d"; return 0; }
  done
  return 1
}

pg_bin=$(find_pg_bin || true)
if [ -z "$pg_bin" ]; then
  echo "PostgreSQL server not found: installing it from Debian's packages" >&2
  if [ "$(id -u)" -eq 0 ]; then SUDO=""; else SUDO="sudo"; fi
  export DEBIAN_FRONTEND=noninteractive
  $SUDO apt-get update -qq >&2
  $SUDO apt-get install -y -qq postgresql >&2
  pg_bin=$(find_pg_bin)
fi

free_port() {
  python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()' 2>/dev/null \
    || echo $(( 20000 + RANDOM % 20000 ))
}

pg_dir=$(mktemp -d /tmp/clustersync-pg.XXXXXX)
port=$(free_port)
as_pg=()
if [ "$(id -u)" -eq 0 ]; then
  id postgres >/dev/null 2>&1 || useradd --system --home "$pg_dir" postgres
  chown postgres "$pg_dir"
  as_pg=(runuser -u postgres --)
fi
stop_pg() {
  "${as_pg[@]}" "$pg_bin/pg_ctl" -D "$pg_dir/data" -m immediate stop >/dev/null 2>&1 || true
  rm -rf "$pg_dir"
}
trap stop_pg EXIT

"${as_pg[@]}" "$pg_bin/initdb" -D "$pg_dir/data" -U postgres -A trust --no-sync >/dev/null
"${as_pg[@]}" "$pg_bin/pg_ctl" -D "$pg_dir/data" -l "$pg_dir/server.log" -w -t 60 \
  -o "-p $port -k $pg_dir -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200" \
  start >/dev/null
export CLUSTERSYNC_TEST_POSTGRES="Host=127.0.0.1;Port=$port;Username=postgres;Database=postgres;Pooling=true;Include Error Detail=true"
echo "PostgreSQL $("$pg_bin/postgres" --version | awk '{print $3}') listening on 127.0.0.1:$port" >&2

status=0
dotnet test ClusterSync.sln -c Release --logger "trx" --results-directory "$results" "$@" >&2 || status=$?

passed=0; failed=0; skipped=0; files=0
for f in "$results"/*.trx; do
  [ -f "$f" ] || continue
  files=$((files + 1))
  counters=$(grep -o '<Counters [^>]*>' "$f" | head -n 1)
  get() { echo "$counters" | grep -o " $1=\"[0-9]*\"" | grep -o '[0-9]*' || echo 0; }
  total=$(get total); executed=$(get executed); p=$(get passed); fl=$(get failed)
  e=$(get error); t=$(get timeout); a=$(get aborted)
  passed=$((passed + p))
  failed=$((failed + fl + e + t + a))
  skipped=$((skipped + total - executed))
done
if [ "$files" -eq 0 ] || [ "$passed" -eq 0 ]; then status=1; fi
if [ "$failed" -gt 0 ]; then status=1; fi
echo "$passed passed, $failed failed, $skipped skipped"
exit $status
