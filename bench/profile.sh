#!/usr/bin/env bash
# bench/profile.sh <N> <path>   e.g. bench/profile.sh 100000 '/projekt?q='
#
# Where a page's time goes: starts the app that bench/run.sh published (bench/.data/publish) on a copy of
# its database of N projects, waits until it is up (and its search index built), then samples the server's
# managed stacks with dotnet-trace (a local tool: dotnet-tools.json) while wrk loads <path> for 10 s at the
# bench's settings, uncached as run.sh loads it ("Authorization: Bench uncached" and a nonce per request; a
# path ending in "q=" gets a new search word per request, PROFILE_WORDS=common for the most common words).
# Prints the top methods, exclusive and inclusive; the trace is kept in bench/.data/profile-<N>/ for
# PerfView or speedscope (trace.speedscope.json).
#
# dotnet-trace 10's "cpu-sampling" profile belongs to collect-linux (perf_events, root); the EventPipe
# sampler that `collect` has is dotnet-sampled-thread-time: every managed thread's stack at about 100 Hz,
# so threads waiting (the thread pool's idle workers) show up too: read the exclusive list for the methods
# that burn CPU, skipping the wait frames.
#
# Settings: PROFILE_SECONDS (10), BENCH_CONNECTIONS (32), BENCH_THREADS (2), BENCH_PORT (5481 here, so as
# not to meet a running bench/run.sh), PROFILE_TOP (30).
set -euo pipefail

BENCH=$(cd "$(dirname "$0")" && pwd)
ROOT=$(dirname "$BENCH")
DATA=$BENCH/.data
[[ $# -eq 2 && $1 =~ ^[1-9][0-9]*$ && $2 == /* ]] || { echo "usage: bench/profile.sh <N> <path>   (run bench/run.sh <N> once first)" >&2; exit 2; }
N=$1
URLPATH=$2
SECONDS_LOAD=${PROFILE_SECONDS:-10}
CONNECTIONS=${BENCH_CONNECTIONS:-32}
THREADS=${BENCH_THREADS:-2}
PORT=${BENCH_PORT:-5481}
TOP=${PROFILE_TOP:-30}
BASE=http://127.0.0.1:$PORT
DB=$DATA/db/projects-$N.db
[[ -x $DATA/publish/bench-server && -f $DB ]] || { echo "No published app or database of $N projects in $DATA: run bench/run.sh $N first." >&2; exit 1; }
command -v wrk > /dev/null || { echo "wrk is needed (bench/run.sh installs it)" >&2; exit 1; }
(cd "$ROOT" && dotnet tool restore > /dev/null)

OUT=$DATA/profile-$N
rm -rf "$OUT"; mkdir -p "$OUT"
# The index of the last run of this size, when there is one, saves building it again.
[[ -d $DATA/run-$N/index ]] && cp -r "$DATA/run-$N/index" "$OUT/index"
cp "$DB" "$OUT/registry.db"

SERVER_PID=""
cleanup() { [[ -n $SERVER_PID ]] && { kill "$SERVER_PID" 2> /dev/null || true; wait "$SERVER_PID" 2> /dev/null || true; }; rm -f "$OUT"/registry.db*; }
trap cleanup EXIT

( cd "$DATA/publish" && exec env \
    ASPNETCORE_URLS="$BASE" ASPNETCORE_ENVIRONMENT=Production \
    ConnectionStrings__Registry="Data Source=$OUT/registry.db" Search__IndexPath="$OUT/index" \
    Serilog__MinimumLevel__Default=Warning Security__AnonymousUncachedPerMinute=0 \
    ./bench-server ) > "$OUT/server.log" 2>&1 &
SERVER_PID=$!
echo "Starting the server on $N projects (pid $SERVER_PID)" >&2
for _ in $(seq 1 3000); do
    [[ $(curl -s -o /dev/null -w '%{http_code}' --max-time 2 "$BASE/robots.txt" || true) == 200 ]] && break
    kill -0 "$SERVER_PID" 2> /dev/null || { cat "$OUT/server.log" >&2; exit 1; }
    sleep 0.1
done
# Up; now until it is idle for a second (an index build at start runs in the background).
curl -s -o /dev/null -H "Authorization: Bench uncached" --max-time 300 "$BASE/projekt" || true
quiet=0
while (( quiet < 10 )); do
    a=$(awk '{print $14 + $15}' "/proc/$SERVER_PID/stat"); sleep 0.1; b=$(awk '{print $14 + $15}' "/proc/$SERVER_PID/stat")
    (( b - a == 0 )) && quiet=$((quiet + 1)) || quiet=0
done

words=""
if [[ $URLPATH == *q= ]]; then
    words=$OUT/words.txt
    if [[ ${PROFILE_WORDS:-} == common ]]; then "$DATA/tool/ProjectRegistry.Bench" common-words --db "$OUT/registry.db" > "$words"
    else "$DATA/tool/ProjectRegistry.Bench" words > "$words"; fi
fi
# Warm-up (JIT) outside the trace.
BENCH_WORDS=$words BENCH_NONCE=1 BENCH_PATH=$URLPATH wrk -t1 -c1 -d2s -s "$BENCH/wrk/report.lua" "$BASE$URLPATH" > /dev/null 2>&1 || true

TRACE=$OUT/trace.nettrace
echo "Tracing for $((SECONDS_LOAD + 2)) s while wrk -t$THREADS -c$CONNECTIONS loads $URLPATH for $SECONDS_LOAD s" >&2
(cd "$ROOT" && dotnet dotnet-trace collect -p "$SERVER_PID" --profile dotnet-sampled-thread-time --format Speedscope \
    --duration "00:00:00:$(printf '%02d' $((SECONDS_LOAD + 2)))" -o "$TRACE") > "$OUT/trace.log" 2>&1 &
TRACE_PID=$!
sleep 1
BENCH_WORDS=$words BENCH_NONCE=1 BENCH_PATH=$URLPATH wrk -t"$THREADS" -c"$CONNECTIONS" -d"${SECONDS_LOAD}s" --timeout 20s \
    -s "$BENCH/wrk/report.lua" "$BASE$URLPATH" 2>&1 | grep '^BENCH ' >&2 || true
wait "$TRACE_PID" || { echo "dotnet-trace failed:" >&2; cat "$OUT/trace.log" >&2; exit 1; }

echo
echo "## Top $TOP methods by exclusive time (CPU burnt in the method itself)"
(cd "$ROOT" && dotnet dotnet-trace report "$TRACE" topN -n "$TOP")
echo
echo "## Top $TOP methods by inclusive time (on the stack)"
(cd "$ROOT" && dotnet dotnet-trace report "$TRACE" topN -n "$TOP" --inclusive)
echo
echo "Trace: $TRACE (and ${TRACE%.nettrace}.speedscope.json for https://www.speedscope.app)" >&2
