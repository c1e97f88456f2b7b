package io.transmute.core.eval;

import io.transmute.core.CheckpointException;
import io.transmute.core.DataException;
import io.transmute.core.TransmuteException;
import io.transmute.core.io.ImageCodec;
import io.transmute.core.io.ImageSamples;
import io.transmute.core.random.Rng;
import io.transmute.core.torch.Scope;
import io.transmute.core.torch.Tensors;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Runs {@code transmute eval}: reads the inputs, computes the requested metrics, returns the numbers. */
public final class Evaluation {
    private Evaluation() {
    }

    /**
     * @param o what to compute
     * @param progress progress reports
     * @return the scores and how they were computed
     * @throws TransmuteException in one line for missing or wrong weights, unreadable inputs, fewer than 2 images
     *     or no matched pairs
     */
    public static EvalResult run(EvalOptions o, EvalProgress progress) {
        Map<String, Double> scores = new LinkedHashMap<>();
        Map<String, Object> protocol = new LinkedHashMap<>();
        Map<String, String> weights = new LinkedHashMap<>();
        List<String> skipped = new ArrayList<>();
        List<String> unmatched = new ArrayList<>();
        int nReal = 0;
        int nFake = 0;
        int nPairs = 0;
        if (o.needsFeatures()) {
            Path weightsFile = fidWeights(o.fidWeights());
            weights.put(weightsFile.getFileName().toString(), sha256(weightsFile));
            protocol.put("fid", "pytorch-fid: RGB in [0, 1], bilinear resize to 299x299 (align_corners=False),"
                    + " 2x - 1, FID-Inception pool features, float64 mean and covariance (ddof 1)");
            protocol.put("dims", o.dims().dims());
            protocol.put("batch_size", o.batchSize());
            boolean kid = o.metrics().contains(EvalMetric.KID);
            try (FidInception net = FidInception.load(weightsFile, o.dims())) {
                Source real = features(net, o.real(), o, kid, progress);
                nReal = real.count();
                skipped.addAll(real.failures());
                if (o.saveStats() != null) {
                    StatsFile.write(o.saveStats(), real.stats());
                }
                if (o.fake() != null && (o.metrics().contains(EvalMetric.FID) || kid)) {
                    Source fake = features(net, o.fake(), o, kid, progress);
                    nFake = fake.count();
                    skipped.addAll(fake.failures());
                    if (o.metrics().contains(EvalMetric.FID)) {
                        scores.put("fid", FrechetDistance.of(real.stats(), fake.stats()));
                    }
                    if (kid) {
                        KernelDistance.Score s = KernelDistance.of(real.features(), fake.features(), o.kidSubsets(),
                                o.kidSubsetSize(), new Rng(o.seed()));
                        scores.put("kid", s.mean());
                        scores.put("kid_std", s.std());
                        protocol.put("kid", "unbiased MMD^2, kernel (x.y/d + 1)^3, mean and std over subsets");
                        protocol.put("kid_subsets", s.subsets());
                        protocol.put("kid_subset_size", s.subsetSize());
                        protocol.put("seed", o.seed());
                    }
                }
            }
        }
        if (o.fake() != null && o.metrics().stream().anyMatch(EvalMetric::paired)) {
            Paired p = paired(o, weights, progress);
            nPairs = p.pairs();
            nReal = Math.max(nReal, p.realCount());
            nFake = Math.max(nFake, p.fakeCount());
            skipped.addAll(p.skipped());
            unmatched.addAll(p.unmatched());
            for (EvalMetric m : o.metrics()) {
                if (m.paired()) {
                    scores.put(m.cliName(), p.means().get(m));
                }
            }
            protocol.put("paired", "images matched by relative path without extension; l1 on [-1, 1];"
                    + " psnr and ssim as scikit-image (gaussian_weights=True, data_range = max sample)");
        }
        return new EvalResult(scores, nReal, nFake, nPairs, skipped, unmatched, protocol, weights);
    }

    /**
     * @param given {@code --fid_weights}, or null
     * @return the weights file: the one given, else the one {@link FidInception#WEIGHTS_ENV} names
     * @throws CheckpointException when neither names a file, saying which file is needed and where it is published
     */
    public static Path fidWeights(Path given) {
        Path p = given;
        if (p == null) {
            String env = System.getenv(FidInception.WEIGHTS_ENV);
            p = env == null || env.isBlank() ? null : Path.of(env);
        }
        if (p == null) {
            throw new CheckpointException("FID needs pytorch-fid's Inception weights " + FidInception.WEIGHTS_FILE
                    + " (torchvision Inception3 keys Conv2d_1a_3x3.conv.weight … Mixed_7c.branch_pool.bn"
                    + ".running_var); download " + FidInception.WEIGHTS_URL + " and give --fid_weights FILE or set "
                    + FidInception.WEIGHTS_ENV);
        }
        return p;
    }

    private record Source(GaussianStats stats, FeatureMatrix features, int count, List<String> failures) {
    }

    private static Source features(FidInception net, Path input, EvalOptions o, boolean keep, EvalProgress progress) {
        if (StatsFile.isStatsFile(input)) {
            GaussianStats s = StatsFile.read(input);
            if (s.dims() != o.dims().dims()) {
                throw new DataException(input + ": statistics of " + s.dims() + "-d features, but --dims is "
                        + o.dims().dims() + "; give --dims " + s.dims());
            }
            return new Source(s, null, 0, List.of());
        }
        FeatureSet f = FolderFeatures.compute(net, ImageSet.of(input), o.batchSize(), o.decodeThreads(), keep,
                progress);
        return new Source(f.stats(), f.features(), f.used(), f.failures());
    }

    private record Paired(Map<EvalMetric, Double> means, int pairs, int realCount, int fakeCount,
            List<String> skipped, List<String> unmatched) {
    }

    private static Paired paired(EvalOptions o, Map<String, String> weights, EvalProgress progress) {
        ImageSet real = ImageSet.of(o.real());
        ImageSet fake = ImageSet.of(o.fake());
        Map<String, Path> truth = new TreeMap<>();
        for (Path p : real.files()) {
            truth.put(ImageSet.stem(p), p);
        }
        Map<String, Path> tests = new TreeMap<>();
        for (Path p : fake.files()) {
            tests.put(ImageSet.stem(p), p);
        }
        List<String> unmatched = new ArrayList<>();
        truth.forEach((k, p) -> {
            if (!tests.containsKey(k)) {
                unmatched.add(o.real().resolve(p) + " has no counterpart in " + o.fake());
            }
        });
        tests.forEach((k, p) -> {
            if (!truth.containsKey(k)) {
                unmatched.add(o.fake().resolve(p) + " has no counterpart in " + o.real());
            }
        });
        List<String> keys = truth.keySet().stream().filter(tests::containsKey).toList();
        if (keys.isEmpty()) {
            throw new DataException("no image of " + o.fake() + " matches one of " + o.real() + " by relative path"
                    + " (e.g. " + real.files().get(0) + " and " + fake.files().get(0) + "); paired metrics compare"
                    + " each image with its ground truth of the same name");
        }
        Lpips lpips = null;
        if (o.metrics().contains(EvalMetric.LPIPS)) {
            weights.put(o.vggWeights().getFileName().toString(), sha256(o.vggWeights()));
            weights.put(o.lpipsWeights().getFileName().toString(), sha256(o.lpipsWeights()));
            lpips = Lpips.load(o.vggWeights(), o.lpipsWeights());
        }
        Map<EvalMetric, Double> sums = new LinkedHashMap<>();
        List<String> skipped = new ArrayList<>();
        int n = 0;
        progress.start("paired " + o.fake().getFileName(), keys.size());
        try {
            for (String k : keys) {
                Path a = o.real().resolve(truth.get(k));
                Path b = o.fake().resolve(tests.get(k));
                ImageSamples sa;
                ImageSamples sb;
                PairedMetrics.Scores s;
                try {
                    sa = ImageCodec.readSamples(a);
                    sb = ImageCodec.readSamples(b);
                    s = PairedMetrics.of(sa, sb, b.toString());
                } catch (TransmuteException e) {
                    skipped.add(e.getMessage());
                    progress.step(++n);
                    continue;
                }
                sums.merge(EvalMetric.L1, s.l1(), Double::sum);
                sums.merge(EvalMetric.PSNR, s.psnr(), Double::sum);
                sums.merge(EvalMetric.SSIM, s.ssim(), Double::sum);
                if (lpips != null) {
                    try (Scope sc = Scope.open()) {
                        float[] pa = sa.unitPlanes(3);
                        float[] pb = sb.unitPlanes(3);
                        for (int i = 0; i < pa.length; i++) {
                            pa[i] = (pa[i] - 0.5f) / 0.5f;
                            pb[i] = (pb[i] - 0.5f) / 0.5f;
                        }
                        double d = lpips.distance(Tensors.fromFloats(pa, 1, 3, sa.height(), sa.width()),
                                Tensors.fromFloats(pb, 1, 3, sb.height(), sb.width())).item_double();
                        sums.merge(EvalMetric.LPIPS, d, Double::sum);
                    }
                }
                progress.step(++n);
            }
        } finally {
            progress.end();
            if (lpips != null) {
                lpips.close();
            }
        }
        int used = keys.size() - skipped.size();
        if (used < 1) {
            throw new DataException("none of the " + keys.size() + " matched pairs could be read ("
                    + skipped.get(0) + ")");
        }
        Map<EvalMetric, Double> means = new LinkedHashMap<>();
        sums.forEach((m, v) -> means.put(m, v / used));
        return new Paired(means, used, real.size(), fake.size(), skipped, unmatched);
    }

    /**
     * @param file a file
     * @return its SHA-256 in hex
     */
    static String sha256(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new CheckpointException(file + ": no such file; check the path");
        }
        try (InputStream in = new DigestInputStream(Files.newInputStream(file), MessageDigest.getInstance("SHA-256"))) {
            in.transferTo(OutputStream.nullOutputStream());
            return HexFormat.of().formatHex(((DigestInputStream) in).getMessageDigest().digest());
        } catch (IOException e) {
            throw new CheckpointException(file + ": cannot read (" + e.getMessage() + ")", e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
