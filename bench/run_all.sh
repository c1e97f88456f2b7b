#!/usr/bin/env bash
# Interleaved Transmute / PyTorch benchmark runs for docs/PERFORMANCE.md.
# usage: bench/run_all.sh THREADS [ITERS]    (build first: ./mvnw -q package -DskipTests)
set -u
cd "$(dirname "$0")/.."
threads=${1:-2}
iters=${2:-5}
export OMP_WAIT_POLICY=PASSIVE
py=${PYTHON:-/usr/bin/python3}
echo "# $(date -u +%FT%TZ) $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg), threads $threads"
for what in p2p_train cycle_train; do
  bin/transmute bench --what "$what" --threads "$threads" --iters "$iters" --warmup 1 2>/dev/null | tail -1
  "$py" bench/pytorch_bench.py --what "$what" --threads "$threads" --iters "$iters" --warmup 1
done
for g in unet_256 resnet_9blocks; do
  bin/transmute bench --what infer --netG "$g" --threads "$threads" --iters $((iters * 2)) --warmup 2 2>/dev/null | tail -1
  "$py" bench/pytorch_bench.py --what infer --netG "$g" --threads "$threads" --iters $((iters * 2)) --warmup 2
done
echo "# load after: $(cut -d' ' -f1-3 /proc/loadavg)"
