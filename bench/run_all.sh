#!/usr/bin/env bash
# Interleaved Transmute / PyTorch benchmark runs for docs/PERFORMANCE.md: every training and translation workload,
# each Transmute run followed by the same workload under each Python in PYTHONS, ROUNDS times.
# usage: [PYTHONS="py1 py2"] [ROUNDS=n] [ONLY=regex] [PRECISION=bf16] bench/run_all.sh THREADS [ITERS]
#        PRECISION=bf16 runs the translation workloads only, in bfloat16 on both sides
#        (build first: ./mvnw -q package -DskipTests; a PyTorch 2.x venv: python3 -m venv V && V/bin/pip install torch)
set -u
cd "$(dirname "$0")/.."
threads=${1:-2}
iters=${2:-3}
export OMP_WAIT_POLICY=PASSIVE
pythons=${PYTHONS:-/usr/bin/python3}
rounds=${ROUNDS:-1}
only=${ONLY:-.}
precision=${PRECISION:-float32}
echo "# $(date -u +%FT%TZ) $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg), threads $threads, rounds $rounds,"\
  "$precision"
# one workload per line: arguments shared by `transmute bench` and bench/pytorch_bench.py
workloads() {
  if [[ "$precision" == float32 ]]; then
    training
  fi
  for bs in 1 8; do
    n=$(( bs == 1 ? iters * 2 : iters ))
    for g in unet_256 resnet_9blocks resnet_6blocks transformer_net; do
      echo "--what infer --netG $g --size 256 --batch_size $bs --iters $n --warmup 1 --precision $precision"
    done
    echo "--what infer --netG stargan --size 128 --batch_size $bs --iters $n --warmup 1 --precision $precision"
  done
}
training() {
  echo "--what p2p_train --size 256 --batch_size 1 --iters $iters --warmup 1"
  echo "--what cycle_train --size 256 --batch_size 1 --iters $iters --warmup 1"
  echo "--what stargan_train --size 128 --batch_size 1 --iters 5 --warmup 0"
  echo "--what stargan_train --size 128 --batch_size 16 --iters 5 --warmup 0"
  echo "--what style_train --size 256 --batch_size 4 --iters $iters --warmup 1"
}
for r in $(seq "$rounds"); do
  workloads | grep -E -- "$only" | while read -r args; do
    # shellcheck disable=SC2086
    bin/transmute bench $args --threads "$threads" 2>/dev/null | tail -1
    for py in $pythons; do
      # shellcheck disable=SC2086
      "$py" bench/pytorch_bench.py $args --threads "$threads"
    done
  done
done
echo "# load after: $(cut -d' ' -f1-3 /proc/loadavg)"
