#!/usr/bin/env bash
# Interleaved Transmute / PyTorch benchmark runs for docs/PERFORMANCE.md: every training and translation workload,
# each Transmute run followed by the same workload under each Python in PYTHONS, ROUNDS times.
# usage: [PYTHONS="py1 py2"] [ROUNDS=n] [ONLY=regex] [PRECISION=bf16] [MALLOCS="auto fast"]
#        [PY_MALLOCS="glibc tcmalloc"] bench/run_all.sh THREADS [ITERS]
#        PRECISION=bf16 runs the translation workloads only, in bfloat16 on both sides
#        MALLOCS: the TRANSMUTE_MALLOC settings to run Transmute under (default: auto)
#        PY_MALLOCS: glibc (default) and/or tcmalloc, the allocator each Python runs with (tcmalloc: LD_PRELOAD)
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
mallocs=${MALLOCS:-auto}
py_mallocs=${PY_MALLOCS:-glibc}
tcmalloc=$( (ldconfig -p 2>/dev/null || /sbin/ldconfig -p) | sed -n 's/.*libtcmalloc_minimal\.so\.4 .*=> \(.*\)$/\1/p' | head -1)
if [[ "$py_mallocs" == *tcmalloc* && -z "$tcmalloc" ]]; then
  echo "error: PY_MALLOCS has tcmalloc, but libtcmalloc_minimal.so.4 is not installed" >&2
  exit 2
fi
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
    for m in $mallocs; do
      # shellcheck disable=SC2086
      echo "[$m] $(TRANSMUTE_MALLOC=$m bin/transmute bench $args --threads "$threads" 2>/dev/null | tail -1)"
    done
    for py in $pythons; do
      for pm in $py_mallocs; do
        preload=""
        [[ "$pm" == tcmalloc ]] && preload="$tcmalloc"
        # shellcheck disable=SC2086
        echo "[$pm] $(LD_PRELOAD=$preload "$py" bench/pytorch_bench.py $args --threads "$threads")"
      done
    done
  done
done
echo "# load after: $(cut -d' ' -f1-3 /proc/loadavg)"
