#!/usr/bin/env bash
# Trains StarGAN with the reference implementation (yunjey/stargan's Solver, RaFD mode, run as is) and with
# Transmute on the same four font faces (font_domains.py), with the same settings, one thread each, for several
# seeds; then translates the held-out characters of each face to every other face with each side's final G
# (the reference's through its own Generator, Transmute's through `transmute translate`), scores them
# (stargan_fonts_eval.py), measures each saved D's classifier on real glyphs (stargan_classifier_accuracy.py) and
# prints both implementations' losses per log window side by side (stargan_compare.py).
#
#   bench/learning/stargan_compare.sh REFERENCE_CHECKOUT [OUT_DIR] [SEEDS...]
#
# REFERENCE_CHECKOUT: a checkout of yunjey/stargan, run under $PYTHON with PyTorch and torchvision (e.g. a virtual
# environment with the PyTorch 2.x CPU wheel, torchvision through PYTHONPATH). A finished run (its .done marker) is
# not repeated.
# Settings: 32x32 glyphs, conv dims CONV (16), 3 G blocks, 5 D blocks, batch 16, n_critic 5, lr 1e-4, ITERS
# iterations (1000), the rates decayed in the last DECAY iterations every LR_STEP (default 0 and 1000: constant; the
# reference subtracts lr / DECAY per LR_STEP, so a short decay barely moves them), losses every 10 iterations, D
# and G saved every SAVE_STEP (250) iterations.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
ref="$1"
out="${2:-/tmp/stargan_learning}"
shift $(( $# >= 2 ? 2 : $# ))
seeds=("${@:-0 1}")
seeds=(${seeds[@]})
iters="${ITERS:-1000}"
decay="${DECAY:-0}"
lr_step="${LR_STEP:-1000}"
save_step="${SAVE_STEP:-250}"
conv="${CONV:-16}"
py="${PYTHON:-/usr/bin/python3}"
faces=(mono sans serif serifbold)
mkdir -p "$out"
data="$out/fonts"
[ -d "$data/train" ] || /usr/bin/python3 "$here/font_domains.py" "$data" --size 32
common=(--dataset RaFD --rafd_image_dir "$data/train" --c_dim 4 --image_size 32 --rafd_crop_size 32
        --g_conv_dim "$conv" --d_conv_dim "$conv" --g_repeat_num 3 --d_repeat_num 5 --batch_size 16
        --num_iters "$iters" --num_iters_decay "$decay" --lr_update_step "$lr_step" --log_step 10
        --sample_step "$iters" --model_save_step "$save_step")
for seed in "${seeds[@]}"; do
  r="$out/runs/ref_s$seed"
  [ -f "$r/.done" ] || { rm -rf "$r"; mkdir -p "$r"; OMP_NUM_THREADS=1 "$py" "$here/stargan_reference_train.py" \
      "$ref" "$seed" "${common[@]}" --use_tensorboard false --num_workers 0 --log_dir "$r/logs" \
      --model_save_dir "$r" --sample_dir "$r/samples" --result_dir "$r/results" > "$out/ref_s$seed.log" 2>&1 \
      && touch "$r/.done"; } &
  [ -f "$out/runs/ours_s$seed/.done" ] || { rm -rf "$out/runs/ours_s$seed"; "$root/bin/transmute" train \
      --model stargan "${common[@]}" --name "ours_s$seed" --checkpoints_dir "$out/runs" --seed "$seed" \
      --threads 1 > "$out/ours_s$seed.log" 2>&1 && touch "$out/runs/ours_s$seed/.done"; } &
  wait
  [ -f "$r/.done" ] || { echo "reference run $seed failed: $out/ref_s$seed.log" >&2; exit 1; }
  [ -f "$out/runs/ours_s$seed/.done" ] || { echo "Transmute run $seed failed: $out/ours_s$seed.log" >&2; exit 1; }
  [ -d "$out/translated/ref_s$seed" ] || OMP_NUM_THREADS=1 "$py" "$here/stargan_reference_translate.py" "$ref" \
      "$r/$iters-G.ckpt" "$data" "$out/translated/ref_s$seed" "$conv" 3
  # one target face per call; the twelve calls run side by side, as their time is mostly the JVM's start. An
  # <iter>-G.ckpt does not record the run's crop size, so it is given (without it, translate centre-crops to 256)
  for s in "${faces[@]}"; do for t in "${faces[@]}"; do
    [ "$s" = "$t" ] || [ -d "$out/translated/ours_s$seed/${s}_to_$t" ] || "$root/bin/transmute" translate \
        --threads 1 --model stargan --weights "$out/runs/ours_s$seed/$iters-G.ckpt" --crop_size 32 \
        --selected_attrs mono,sans,serif,serifbold --attrs "$t" "$data/test/$s" \
        -o "$out/translated/ours_s$seed/${s}_to_$t" > /dev/null &
  done; done
  wait
  for s in "${faces[@]}"; do for t in "${faces[@]}"; do
    [ "$s" = "$t" ] || [ -d "$out/translated/ours_s$seed/${s}_to_$t" ] \
        || { echo "translation ${s}_to_$t of seed $seed failed" >&2; exit 1; }
  done; done
done
runs=()
for seed in "${seeds[@]}"; do runs+=("$out/runs/ref_s$seed" "$out/runs/ours_s$seed"); done
OMP_NUM_THREADS=1 "$py" "$here/stargan_classifier_accuracy.py" "$ref" "$data" 32 "$conv" 5 "${runs[@]}" \
    > "$out/accuracy.txt"
/usr/bin/python3 "$here/stargan_compare.py" "$out" "$data" "${seeds[@]}"
