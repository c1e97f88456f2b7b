#!/usr/bin/env bash
# Peak RSS of translate on large images, whole and tiled, and the seam error of tiles on a real image
# (docs/PERFORMANCE.md, "Tiled translation"). Usage: bench/tiled_memory.sh WORKDIR GENERATOR.pth [TRAINED_G.pth]
# WORKDIR gets the images of bench/make_large_images.py; GENERATOR is any eval-mode generator (the figures use a
# resnet_6blocks, ngf 4, batch norm); TRAINED_G, if given, is a trained generator for the seam error.
set -euo pipefail
work=$1; g=$2; trained=${3:-}
here=$(cd "$(dirname "$0")/.." && pwd)
python3 "$here/bench/make_large_images.py" "$work" >/dev/null
export OMP_WAIT_POLICY=PASSIVE MALLOC_ARENA_MAX=1 MALLOC_MMAP_MAX_=0 MALLOC_TRIM_THRESHOLD_=4294967296
run() {
  local label=$1; shift
  /usr/bin/time -f "$label: peak RSS %M KB, wall %e s" "$here/bin/transmute" translate --threads 2 --eval --quiet "$@" \
    2>&1 | grep -E "peak RSS|error|warning" || true
}
run "2000x2000 whole" --weights "$g" "$work/astronaut_2000.png" -o "$work/whole_2000"
run "2000x2000 --tile 512" --weights "$g" "$work/astronaut_2000.png" -o "$work/tiled_2000" --tile 512
run "8000x8000 --tile 512" --weights "$g" "$work/astronaut_8000.png" -o "$work/tiled_8000" --tile 512
if [[ -n "$trained" ]]; then
  run "512x512 whole" --weights "$trained" "$work/astronaut_edges_512.png" -o "$work/seam_whole"
  for ov in 32 0; do
    run "512x512 --tile 256 --tile_overlap $ov" --weights "$trained" "$work/astronaut_edges_512.png" \
      -o "$work/seam_$ov" --tile 256 --tile_overlap "$ov"
    python3 "$here/bench/tile_seam_error.py" "$work/seam_whole/astronaut_edges_512.png" \
      "$work/seam_$ov/astronaut_edges_512.png" 256 "$ov"
  done
fi
