#!/usr/bin/env bash
# Load benchmark of 'transmute serve' for docs/PERFORMANCE.md: offline 'translate' as the baseline, then 1, 4 and
# 16 closed-loop clients, an overload run at 10x the queue size, and uploads cut off half-way; RSS after each.
# usage: bench/serve/run.sh [THREADS] [SECONDS_PER_LEVEL] [TIMEOUT_MS]   (build first: ./mvnw -q package -DskipTests)
# APP=DIR runs the transmute.jar and lib/ in DIR instead of transmute-cli/target (to compare two builds)
set -euo pipefail
cd "$(dirname "$0")/../.."
threads=${1:-2}
secs=${2:-20}
timeout_ms=${3:-30000}
netg=${NETG:-resnet_6blocks}
ngf=${NGF:-64}
size=${SIZE:-256}
out=$(mktemp -d /tmp/transmute-serve-bench.XXXXXX)
# a copy of the build, so that rebuilding during the run cannot swap jars under the server
app=${APP:-transmute-cli/target}
mkdir -p "$out/app" && cp -r "$app/transmute.jar" "$app/lib" "$out/app/"
cp="$out/app/lib/*:$out/app/transmute.jar"
# exec: run in the background, $! is the JVM itself (RSS, SIGTERM)
tm() { exec java ${TRANSMUTE_JAVA_OPTS} -jar "$out/app/transmute.jar" "$@"; }
export OMP_WAIT_POLICY=PASSIVE MALLOC_ARENA_MAX=1 MALLOC_MMAP_MAX_=0 MALLOC_TRIM_THRESHOLD_=4294967296
# a bounded Java heap: RSS then shows whether native memory grows, not how lazily the JVM collects garbage;
# JavaCPP would then cap native memory at 4x the heap, which a batch of 8 at 256x256 exceeds, so lift that cap
export TRANSMUTE_JAVA_OPTS=${TRANSMUTE_JAVA_OPTS:--Xmx512m -Dorg.bytedeco.javacpp.maxPhysicalBytes=0}
echo "# $(date -u +%FT%TZ) $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg), threads $threads, $netg ngf $ngf,"\
  "${size}x${size}, ${secs} s per level, --timeout_ms $timeout_ms"
java -cp "$cp" bench/serve/MakeGenerator.java "$out" "$netg" "$ngf" "$size" >/dev/null
mkdir -p "$out/offline"
for i in $(seq 1 16); do cp "$out/input.png" "$out/offline/in$i.png"; done
echo "offline translate, 16 images: $(tm translate --weights "$out/latest_net_G.pth" "$out/offline" \
  -o "$out/translated" --threads "$threads" --quiet | tail -1)"

rss() { echo "$(( $(awk '/VmRSS/ {print $2}' "/proc/$1/status") / 1024 )) MB"; }
peak() { echo "$(( $(awk '/VmHWM/ {print $2}' "/proc/$1/status") / 1024 )) MB"; }
# the service hands freed memory back after 2 s without requests (TranslationService.IDLE_TRIM_MS)
idle_rss() { sleep 3; echo "RSS $(rss "$1") after 3 s idle, peak $(peak "$1"), heap committed $(heap)"; }
heap() {
  curl -s "http://127.0.0.1:$port/metrics" | awk '/^jvm_memory_committed_bytes\{area="heap"/ {s += $NF}
    END {printf "%d MB", s / 1048576}'
}
start_server() {  # args: extra serve options; sets pid and port
  tm serve --model r6="$out/latest_net_G.pth" --port 0 --threads "$threads" --timeout_ms "$timeout_ms" "$@" \
    >"$out/serve.log" 2>&1 &
  pid=$!
  for _ in $(seq 1 600); do
    port=$(sed -n 's/^ready: http:\/\/127.0.0.1:\([0-9]*\)\/.*/\1/p' "$out/serve.log")
    [[ -n "$port" ]] && break
    sleep 0.2
  done
  [[ -n "$port" ]] || { cat "$out/serve.log"; exit 1; }
}
stop_server() {
  kill -TERM "$pid"
  wait "$pid" && echo "server exited 0 after SIGTERM" || echo "server exit code $?"
}

start_server
url="http://127.0.0.1:$port/v1/models/r6/translate"
echo "server ready, RSS $(rss "$pid"), heap committed $(heap)"
for c in 1 4 16; do
  java bench/serve/ServeLoad.java "$url" "$out/input.png" "$c" "$secs"
  echo "  RSS $(rss "$pid"); $(idle_rss "$pid")"
done
java bench/serve/ServeLoad.java --disconnect 127.0.0.1 "$port" /v1/models/r6/translate 200
echo "  RSS $(rss "$pid"), queue depth $(curl -s "http://127.0.0.1:$port/metrics" | sed -n 's/^transmute_queue_depth //p');"\
  "$(idle_rss "$pid")"
java bench/serve/ServeLoad.java "$url" "$out/input.png" 4 5
echo "  RSS $(rss "$pid"); $(idle_rss "$pid")"
stop_server

queue=8
start_server --max_queue "$queue"
url="http://127.0.0.1:$port/v1/models/r6/translate"
echo "overload: $((10 * queue)) clients against --max_queue $queue, RSS $(rss "$pid") before"
java bench/serve/ServeLoad.java "$url" "$out/input.png" $((10 * queue)) "$secs"
echo "  RSS $(rss "$pid"), health $(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$port/health/ready");"\
  "$(idle_rss "$pid")"
stop_server
echo "# load after: $(cut -d' ' -f1-3 /proc/loadavg)"
rm -rf "$out"
