package io.transmute.core.eval;

import io.transmute.core.DataException;
import io.transmute.core.TransmuteException;
import io.transmute.core.infer.FileTranslation;
import io.transmute.core.infer.InputFiles;
import io.transmute.core.infer.InputFiles.InputFile;
import io.transmute.core.infer.Translator;
import io.transmute.core.infer.TranslatorOptions;
import io.transmute.core.io.ImageCodec;
import io.transmute.core.io.ImageData;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Scores a generator on a held-out split: translates the split's inputs with {@link FileTranslation} (as
 * {@code transmute translate} would, each image at its own size) into a scratch folder, then runs
 * {@link Evaluation} on the outputs against the other domain or the ground-truth halves. The scratch folder is
 * deleted afterwards.
 */
public final class GeneratorEvaluation {
    private GeneratorEvaluation() {
    }

    /**
     * @param paired whether the split has ground truth
     * @param lpips whether LPIPS's two weight files are given
     * @return what a generator is scored with unless told otherwise: FID and KID against the other domain
     *     (mmagic's protocol), or L1, PSNR, SSIM (and LPIPS) against the ground truth
     */
    public static Set<EvalMetric> defaultMetrics(boolean paired, boolean lpips) {
        Set<EvalMetric> m = paired ? EnumSet.of(EvalMetric.L1, EvalMetric.PSNR, EvalMetric.SSIM)
                : EnumSet.of(EvalMetric.FID, EvalMetric.KID);
        if (paired && lpips) {
            m.add(EvalMetric.LPIPS);
        }
        return m;
    }

    /**
     * @param weights a generator's {@code .pth}
     * @param translator how to run it (device, train or eval mode)
     * @param split the held-out images
     * @param max images per side, 0 for all (the first ones by relative path)
     * @param scoring the metrics and their settings; its two inputs are replaced by the split's
     * @param scratchParent where the scratch folder is made
     * @param progress progress of the scoring passes
     * @return the scores; {@code skipped} lists the inputs that could not be translated too
     * @throws TransmuteException in one line for unreadable weights, a missing split or too few images
     */
    public static EvalResult run(Path weights, TranslatorOptions translator, TestSplit split, int max,
            EvalOptions scoring, Path scratchParent, EvalProgress progress) {
        ImageSet set = ImageSet.of(split.inputs());
        List<Path> names = max > 0 && set.size() > max ? set.files().subList(0, max) : set.files();
        List<InputFile> inputs = names.stream().map(r -> new InputFile(set.root().resolve(r), r, set.root()))
                .toList();
        Path scratch = createScratch(scratchParent);
        try {
            Path fakes = scratch.resolve("fake");
            List<String> failed = new ArrayList<>();
            List<InputFile> translated = new ArrayList<>();
            int outputChannels;
            String generator;
            try (Translator t = Translator.load(weights, translator)) {
                outputChannels = t.outputChannels();
                generator = t.description() + (translator.eval() ? ", eval mode" : ", train mode");
                FileTranslation job = new FileTranslation(t, fakes, "png",
                        new FileTranslation.ImageLayout(split.aligned(), split.rightHalf()), null);
                progress.start("translate " + split.inputs().getFileName(), inputs.size());
                int[] done = {0};
                try {
                    for (FileTranslation.Result r : job.run(inputs, r -> progress.step(++done[0]))) {
                        if (r.ok()) {
                            translated.add(r.input());
                        } else {
                            failed.add(r.error());
                        }
                    }
                } finally {
                    progress.end();
                }
            }
            if (translated.isEmpty()) {
                throw new DataException("none of the " + inputs.size() + " images of " + split.inputs()
                        + " could be translated (" + failed.get(0) + ")");
            }
            Path reference = split.aligned() ? groundTruth(translated, !split.rightHalf(), outputChannels,
                    scratch.resolve("real")) : capped(split.reference(), max, scratch.resolve("real"));
            EvalResult r = Evaluation.run(scoring.withInputs(reference, fakes), progress);
            List<String> skipped = new ArrayList<>(failed);
            skipped.addAll(r.skipped());
            // what made the fakes belongs to how the scores were measured
            Map<String, Object> protocol = new LinkedHashMap<>(r.protocol());
            protocol.put("generator", generator);
            return new EvalResult(r.scores(), r.nReal(), r.nFake(), r.nPairs(), skipped, r.unmatched(),
                    protocol, r.weights());
        } finally {
            deleteTree(scratch);
        }
    }

    // the other half of each translated pair, as a lossless PNG under the same relative name
    private static Path groundTruth(List<InputFile> pairs, boolean right, int channels, Path out) {
        for (InputFile in : pairs) {
            ImageData img = FileTranslation.half(ImageCodec.read(in.path(), channels), right, in.path());
            // rounding gives back the file's own samples; the reference's truncation would shift some by one
            ImageCodec.write(out.resolve(InputFiles.withExtension(in.relative(), "png")), img,
                    ImageCodec.Quantization.ROUND);
        }
        return out;
    }

    private static Path capped(Path folder, int max, Path out) {
        ImageSet set = ImageSet.of(folder);
        if (max <= 0 || set.size() <= max) {
            return folder;
        }
        try {
            for (Path r : set.files().subList(0, max)) {
                Path target = out.resolve(r.toString());
                Files.createDirectories(target.getParent());
                Files.copy(set.root().resolve(r), target, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            throw new DataException(out + ": cannot copy the reference images (" + e.getMessage() + ")", e);
        }
        return out;
    }

    private static Path createScratch(Path parent) {
        try {
            Files.createDirectories(parent);
            return Files.createTempDirectory(parent, ".eval-");
        } catch (IOException e) {
            throw new DataException(parent + ": cannot make a scratch folder for the translated images ("
                    + e.getMessage() + ")", e);
        }
    }

    private static void deleteTree(Path dir) {
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException | UncheckedIOException e) {
            // only scratch images are left behind; the scores are already computed
        }
    }
}
