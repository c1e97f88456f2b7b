#!/usr/bin/env bash
# Interleaved Transmute / PyTorch benchmark runs for docs/PERFORMANCE.md.
# usage: [WITH_STARGAN_STYLE=1] bench/run_all.sh THREADS [ITERS]    (build first: ./mvnw -q package -DskipTests)
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
if [[ "${WITH_STARGAN_STYLE:-0}" == 1 ]]; then
  for bs in 1 16; do
    bin/transmute bench --what stargan_train --size 128 --batch_size "$bs" --threads "$threads" --iters 5 --warmup 0 2>/dev/null | tail -1
    "$py" bench/pytorch_bench.py --what stargan_train --size 128 --batch_size "$bs" --threads "$threads" --iters 5 --warmup 0
  done
  bin/transmute bench --what style_train --size 256 --batch_size 4 --threads "$threads" --iters 3 --warmup 1 2>/dev/null | tail -1
  "$py" bench/pytorch_bench.py --what style_train --size 256 --batch_size 4 --threads "$threads" --iters 3 --warmup 1
fi
