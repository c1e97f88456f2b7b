#!/usr/bin/env bash
# Runs SparkTranslateJob from the fat jar through spark-submit on local[2], and on a standalone master and worker
# on this machine, and checks the outputs against `transmute translate`. Spark's own launcher
# (org.apache.spark.launcher.Main, what bin/spark-submit and bin/spark-class run) builds each command from a
# SPARK_HOME made of the Spark 3.5 jars the build copies to transmute-spark/target/spark-lib.
# Usage: bench/spark_submit.sh [local|standalone|both]   (KEEP_WORK=1 keeps the folder with the outputs and logs)
# Build first: ./mvnw -q package -DskipTests && ./mvnw -q package -DskipTests -Pspark-bundle -pl transmute-spark -am
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
what="${1:-both}"
target="$here/transmute-spark/target"
jar="$(ls "$target"/transmute-spark-*-all.jar 2>/dev/null | head -1 || true)"
if [[ -z "$jar" ]]; then
  echo "error: no fat jar in $target; build it with:" \
    "./mvnw -q package -DskipTests -Pspark-bundle -pl transmute-spark -am" >&2
  exit 1
fi
work="$(mktemp -d)"
pids=()
cleanup() {
  for p in "${pids[@]}"; do kill "$p" 2> /dev/null || true; done
  if [[ -n "${KEEP_WORK:-}" ]]; then
    echo "work folder kept: $work"
  else
    rm -rf "$work"
  fi
}
trap cleanup EXIT
export SPARK_HOME="$work/spark-home"
mkdir -p "$SPARK_HOME/jars" "$SPARK_HOME/conf"
ln -s "$target"/spark-lib/*.jar "$SPARK_HOME/jars/"
# Spark's own Jackson (the module pins it to the version Transmute builds with; the fat jar carries a relocated copy)
ln -s "$target"/lib/jackson-*.jar "$SPARK_HOME/jars/"
# what a Spark distribution has: RELEASE makes the launcher take jars/, load-spark-env.sh sets the Scala version
echo "Spark 3.5.7 (Maven Central jars)" > "$SPARK_HOME/RELEASE"
export SPARK_SCALA_VERSION=2.13
export SPARK_LOCAL_IP=127.0.0.1 SPARK_LOG_DIR="$work/logs" OMP_WAIT_POLICY=PASSIVE

# bin/spark-class: the launcher prints a NUL and a newline, then the java command line, one NUL after each word;
# run it in a subshell, which becomes that java process
spark_class() {
  local words=()
  mapfile -d '' words < <(java -Xmx128m -cp "$SPARK_HOME/jars/*" org.apache.spark.launcher.Main "$@")
  if (( ${#words[@]} < 2 )); then
    echo "error: Spark's launcher gave no command for $1" >&2
    exit 1
  fi
  local cmd=("${words[@]:1}")
  cmd[0]="${cmd[0]#$'\n'}"
  exec "${cmd[@]}"
}

fixtures="$here/transmute-core/src/test/resources/fixtures"
photos=(chelsea coffee rocket)
for i in $(seq 0 39); do
  mkdir -p "$work/in/d$((i % 4))"
  cp "$fixtures/photos/photo_${photos[$((i % 3))]}.png" "$work/in/d$((i % 4))/img$i.png"
done
# the ngf-16 network is in ../shared/fixtures; the repository bundles a smaller variant of it
weights="$here/../shared/fixtures/resnet6_ngf16_instance.pth"
[ -f "$weights" ] || weights="$fixtures/resnet6_ngf4_instance.pth"
"$here/bin/transmute" translate --weights "$weights" --eval --threads 2 --quiet -o "$work/translate" "$work/in" \
  > /dev/null

compare() {
  local differ=0
  for f in $(cd "$work/translate" && find . -name '*.png'); do
    cmp -s "$work/translate/$f" "$1/$f" || differ=$((differ + 1))
  done
  echo "$2: outputs differing from transmute translate: $differ of 40"
}

submit() {
  local master="$1" out="$2"
  shift 2
  local t0 t1
  t0=$(date +%s.%N)
  (spark_class org.apache.spark.deploy.SparkSubmit --master "$master" --driver-memory 1g \
    --conf spark.driver.host=127.0.0.1 --conf spark.ui.enabled=false \
    --conf spark.executorEnv.OMP_WAIT_POLICY=PASSIVE "$@" \
    --class io.transmute.spark.SparkTranslateJob "$jar" \
    --weights "$weights" --eval --input "$work/in" --output "$out") 2> "$out.log" | sed "s/^/  job: /"
  t1=$(date +%s.%N)
  echo "$master: $(echo "40 / ($t1 - $t0)" | bc -l | cut -c1-5) images/s (wall, spark-submit and JVM start included)"
}

if [[ "$what" == local || "$what" == both ]]; then
  submit "local[2]" "$work/local"
  compare "$work/local" "spark-submit --master local[2]"
fi
if [[ "$what" == standalone || "$what" == both ]]; then
  port=$((20000 + RANDOM % 20000))
  (spark_class org.apache.spark.deploy.master.Master --host 127.0.0.1 --port "$port" --webui-port 0) \
    > "$work/master.log" 2>&1 &
  pids+=($!)
  (spark_class org.apache.spark.deploy.worker.Worker "spark://127.0.0.1:$port" --host 127.0.0.1 --cores 2 \
    --memory 2g --webui-port 0 --work-dir "$work/worker") > "$work/worker.log" 2>&1 &
  pids+=($!)
  for _ in $(seq 1 120); do
    grep -q "Successfully registered with master" "$work/worker.log" 2> /dev/null && break
    sleep 1
  done
  submit "spark://127.0.0.1:$port" "$work/standalone" --executor-memory 1500m --total-executor-cores 2
  compare "$work/standalone" "spark-submit --master spark://127.0.0.1:$port (one worker, 2 cores)"
fi
