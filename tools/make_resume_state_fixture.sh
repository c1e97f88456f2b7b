#!/usr/bin/env bash
# Writes fixtures/resume_state/latest_train_state.pth: a tiny pix2pix run stopped by --max_iters, trained by the
# code of a given commit (default 4efb473, the last one before options were declared once), so that the tests
# check that train states written by that code still resume. Usage: tools/make_resume_state_fixture.sh [commit]
# The options and data must match ResumeStateFixtureTest.
set -euo pipefail
commit="${1:-4efb473}"
repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
git -C "$repo" archive "$commit" | tar -x -C "$work/"
(cd "$work" && ./mvnw -B -o -q package -DskipTests -pl transmute-cli -am)
(cd "$work/transmute-cli" && ../mvnw -B -o -q dependency:build-classpath -Dmdep.outputFile="$work/cp.txt")
cp="$work/transmute-cli/target/classes:$work/transmute-core/target/classes:$work/transmute-serve/target/classes:$(cat "$work/cp.txt")"
cat > "$work/Data.java" <<'JAVA'
public class Data {
    public static void main(String[] a) {
        io.transmute.core.data.SyntheticShapes.writeAligned(java.nio.file.Path.of(a[0]), 6, 1, 32, 5);
    }
}
JAVA
java -cp "$cp" "$work/Data.java" "$work/data"
java -cp "$cp" io.transmute.cli.TransmuteCommand train --model pix2pix --dataroot "$work/data" \
    --checkpoints_dir "$work/ck" --name old --netG unet_32 --ngf 2 --ndf 2 --load_size 32 --crop_size 32 \
    --batch_size 2 --num_threads 0 --n_epochs 1 --n_epochs_decay 1 --save_epoch_freq 1 --no_html \
    --threads 1 --seed 3 --max_iters 4
out="$repo/transmute-core/src/test/resources/fixtures/resume_state"
mkdir -p "$out"
cp "$work/ck/old/latest_train_state.pth" "$out/"
echo "wrote $out/latest_train_state.pth from $commit"
