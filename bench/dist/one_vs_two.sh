#!/usr/bin/env bash
# s/iter and images/s of pix2pix training, one process (batch 2, --threads 2) against two data-parallel processes
# (--nproc_per_node 2, batch 1 each, --threads 1 each): the same global batch, the same samples per step.
# The two commands are interleaved ROUNDS times so that a busy machine slows both alike.
# Usage: bench/dist/one_vs_two.sh [ROUNDS] [STEPS]   (needs ./mvnw -q package -DskipTests first)
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
rounds="${1:-2}"
steps="${2:-12}"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
cat > "$work/MakeData.java" <<'JAVA'
public class MakeData {
    public static void main(String[] a) {
        io.transmute.core.data.SyntheticShapes.writeAligned(java.nio.file.Path.of(a[0]), 16, 1, 128, 3);
    }
}
JAVA
jar="$here/transmute-cli/target/transmute.jar"
javac -cp "$jar" -d "$work" "$work/MakeData.java"
java -cp "$jar:$work" MakeData "$work/data"
common=(--dataroot "$work/data" --checkpoints_dir "$work/ck" --model pix2pix --netG unet_128 --ngf 32 --ndf 32
  --load_size 128 --crop_size 128 --n_epochs 100 --n_epochs_decay 0 --no_html --print_freq 2
  --save_latest_freq 100000 --max_iters $((2 * steps)))
# the loss log's time is compute seconds per sample (global batch of 2); skip the first report (warm-up)
per_iter() { awk -F'time: ' '/^\(epoch/ { split($2, t, ","); n++; if (n > 1) { s += t[1]; k++ } }
  END { printf "%.3f", 2 * s / k }' "$1"; }
for r in $(seq "$rounds"); do
  "$here/bin/transmute" train "${common[@]}" --name "one$r" --batch_size 2 --threads 2 > /dev/null
  "$here/bin/transmute" train "${common[@]}" --name "two$r" --batch_size 1 --nproc_per_node 2 > /dev/null 2>&1
  a=$(per_iter "$work/ck/one$r/loss_log.txt"); b=$(per_iter "$work/ck/two$r/loss_log.txt")
  echo "round $r: 1 process x batch 2: $a s/iter ($(echo "2 / $a" | bc -l | cut -c1-5) images/s);" \
    "2 processes x batch 1: $b s/iter ($(echo "2 / $b" | bc -l | cut -c1-5) images/s)"
done
