#!/usr/bin/env bash
# Images/s of `transmute spark` (local[N]) against `transmute translate` on the same 40 images and weights.
# Usage: bench/spark_translate.sh [N]   (build first: ./mvnw -q package -DskipTests)
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
n="${1:-2}"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
fixtures="$here/transmute-core/src/test/resources/fixtures"
for i in $(seq 0 39); do
  mkdir -p "$work/in/d$((i % 4))"
  photos=(chelsea coffee rocket)
  cp "$fixtures/photos/photo_${photos[$((i % 3))]}.png" "$work/in/d$((i % 4))/img$i.png"
done
# the ngf-16 network is in ../shared/fixtures; the repository bundles a smaller variant of it
weights="$here/../shared/fixtures/resnet6_ngf16_instance.pth"
[ -f "$weights" ] || weights="$fixtures/resnet6_ngf4_instance.pth"
export TRANSMUTE_JAVA_OPTS="${TRANSMUTE_JAVA_OPTS:-}"
t0=$(date +%s.%N)
"$here/bin/transmute" translate --weights "$weights" --eval --threads "$n" --quiet -o "$work/translate" "$work/in" \
  > /dev/null
t1=$(date +%s.%N)
"$here/bin/transmute" spark --master "local[$n]" --weights "$weights" --eval --input "$work/in" \
  --output "$work/spark" 2> /dev/null | sed "s/^/  job: /"
t2=$(date +%s.%N)
cmp_fail=0
for f in $(cd "$work/translate" && find . -name '*.png'); do
  cmp -s "$work/translate/$f" "$work/spark/$f" || cmp_fail=$((cmp_fail + 1))
done
echo "translate: $(echo "40 / ($t1 - $t0)" | bc -l | cut -c1-5) images/s (wall, JVM start included)"
echo "spark local[$n]: $(echo "40 / ($t2 - $t1)" | bc -l | cut -c1-5) images/s (wall, JVM and Spark start included)"
echo "outputs differing between the two: $cmp_fail"
