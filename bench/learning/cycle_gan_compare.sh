#!/usr/bin/env bash
# Trains CycleGAN with the reference implementation and with Transmute on the same unpaired glyph set, with the
# same settings, one thread each, for several seeds; then scores every G_A on the held-out characters and prints
# both implementations' per-epoch losses side by side (bench/learning/compare.py).
#
#   bench/learning/cycle_gan_compare.sh REFERENCE_CHECKOUT [OUT_DIR] [SEEDS...]
#
# REFERENCE_CHECKOUT: a checkout of junyanz/pytorch-CycleGAN-and-pix2pix, run as is under $PYTHON (default
# /usr/bin/python3 with Debian's python3-torch; a virtual environment with a PyTorch 2.x CPU wheel is about 4x
# faster here; give it a torchvision too, e.g. through PYTHONPATH). A finished run (its .done marker) is not
# repeated.
# Settings: resnet_6blocks, ngf/ndf 16, SIZE x SIZE glyphs (load = crop = SIZE), batch 1, lsgan, lambda 10/10/0.5,
# pool 50, N_EPOCHS + N_EPOCHS_DECAY epochs (environment; defaults SIZE 64, 6 + 4 epochs); EXTRA_ARGS are added to
# both command lines (e.g. "--pool_size 0" to take the image pool out of the comparison).
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
ref="$1"
out="${2:-/tmp/cycle_learning}"
shift $(( $# >= 2 ? 2 : $# ))
seeds=("${@:-0 1 2}")
seeds=(${seeds[@]})
n_epochs="${N_EPOCHS:-6}"
n_decay="${N_EPOCHS_DECAY:-4}"
size="${SIZE:-64}"
py="${PYTHON:-/usr/bin/python3}"
mkdir -p "$out"
data="$out/glyphs"
[ -d "$data/trainA" ] || /usr/bin/python3 "$here/glyph_domains.py" "$data" --size "$size"
common=(--dataroot "$data" --model cycle_gan --netG resnet_6blocks --ngf 16 --ndf 16 --load_size "$size" --crop_size "$size"
        --n_epochs "$n_epochs" --n_epochs_decay "$n_decay" --print_freq 8 --no_html
        --save_epoch_freq "$((n_epochs + n_decay))" ${EXTRA_ARGS:-})
for seed in "${seeds[@]}"; do
  [ -f "$out/runs/ref_s$seed/.done" ] || { rm -rf "$out/runs/ref_s$seed"; OMP_NUM_THREADS=1 "$py" \
      "$here/reference_train.py" "$ref" "$seed" "${common[@]}" --name "ref_s$seed" --checkpoints_dir "$out/runs" \
      --num_threads 0 > "$out/ref_s$seed.log" 2>&1 && touch "$out/runs/ref_s$seed/.done"; } &
  [ -f "$out/runs/ours_s$seed/.done" ] || { rm -rf "$out/runs/ours_s$seed"; "$root/bin/transmute" train \
      "${common[@]}" --name "ours_s$seed" --checkpoints_dir "$out/runs" --seed "$seed" --threads 1 \
      > "$out/ours_s$seed.log" 2>&1 && touch "$out/runs/ours_s$seed/.done"; } &
  wait
  [ -f "$out/runs/ref_s$seed/.done" ] || { echo "reference run $seed failed: $out/ref_s$seed.log" >&2; exit 1; }
  [ -f "$out/runs/ours_s$seed/.done" ] || { echo "Transmute run $seed failed: $out/ours_s$seed.log" >&2; exit 1; }
  for impl in ref ours; do
    "$root/bin/transmute" translate --threads 1 --weights "$out/runs/${impl}_s$seed/latest_net_G_A.pth" \
        "$data/testA" -o "$out/translated/${impl}_s$seed" > /dev/null
  done
done
/usr/bin/python3 "$here/compare.py" "$out" "$data" "${seeds[@]}"
