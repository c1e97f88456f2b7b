package io.transmute.core.eval;

import io.transmute.core.DataException;
import io.transmute.core.TransmuteException;
import io.transmute.core.io.ImageCodec;
import io.transmute.core.io.ImageSamples;
import io.transmute.core.torch.Scope;
import io.transmute.core.torch.Tensors;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.TensorVector;
import org.bytedeco.pytorch.global.torch;

/**
 * Runs the FID network over a folder: images are decoded on background threads while the network runs, resized
 * one by one (so any sizes mix in a batch), batched, and reduced to float64 statistics batch by batch.
 */
public final class FolderFeatures {
    private FolderFeatures() {
    }

    /** A decoded image, or why it could not be. */
    private record Decoded(ImageSamples samples, String failure) {
    }

    /**
     * @param net the FID network
     * @param images the folder's images
     * @param batchSize images per forward pass ({@code --batch_size}, 50 as pytorch-fid)
     * @param decodeThreads background decoding threads, at least 1
     * @param keepFeatures whether to keep every vector (for KID)
     * @param progress progress reports
     * @return the statistics and the list of unreadable images, which are skipped
     * @throws DataException when fewer than 2 images could be read
     */
    public static FeatureSet compute(FidInception net, ImageSet images, int batchSize, int decodeThreads,
            boolean keepFeatures, EvalProgress progress) {
        int dims = net.dims().dims();
        List<String> failures = new ArrayList<>();
        float[] kept = keepFeatures ? new float[images.size() * dims] : null;
        int used = 0;
        ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, decodeThreads), r -> {
            Thread t = new Thread(r, "eval-decode");
            t.setDaemon(true);
            return t;
        });
        progress.start("features " + images.root().getFileName(), images.size());
        try (StatsAccumulator acc = new StatsAccumulator(dims)) {
            Deque<Future<Decoded>> ahead = new ArrayDeque<>();
            int next = 0;
            int done = 0;
            while (done < images.size()) {
                // keep two batches in flight so decoding overlaps the forward pass
                while (next < images.size() && ahead.size() < 2 * batchSize) {
                    int i = next++;
                    ahead.add(pool.submit(() -> decode(images, i)));
                }
                List<ImageSamples> batch = new ArrayList<>();
                while (batch.size() < batchSize && !ahead.isEmpty()) {
                    Decoded d = await(ahead.poll());
                    done++;
                    if (d.failure() != null) {
                        failures.add(d.failure());
                    } else {
                        batch.add(d.samples());
                    }
                }
                if (!batch.isEmpty()) {
                    try (Scope s = Scope.open()) {
                        Tensor f = net.forward(preprocess(batch));
                        acc.add(f);
                        if (kept != null) {
                            float[] v = Tensors.toFloats(f);
                            System.arraycopy(v, 0, kept, used * dims, v.length);
                        }
                    }
                    used += batch.size();
                }
                progress.step(done);
            }
            progress.end();
            if (used < 2) {
                throw new DataException(images.root() + ": " + used + " readable image" + (used == 1 ? "" : "s")
                        + " of " + images.size() + "; FID and KID need at least 2"
                        + (failures.isEmpty() ? "" : " (" + failures.get(0) + ")"));
            }
            FeatureMatrix features = kept == null ? null
                    : new FeatureMatrix(used, dims, Arrays.copyOf(kept, used * dims));
            return new FeatureSet(acc.stats(), features, used, failures);
        } finally {
            pool.shutdownNow();
        }
    }

    /**
     * Stacks images of any sizes into one network input: each is resized to 299×299 on its own.
     *
     * @param images RGB or gray images (gray is replicated to RGB, as PIL's {@code convert('RGB')})
     * @return {@code [N, 3, 299, 299]} in [-1, 1]
     */
    static Tensor preprocess(List<ImageSamples> images) {
        TensorVector parts = new TensorVector();
        List<Tensor> resized = new ArrayList<>(images.size());
        for (ImageSamples img : images) {
            // only the resized image outlives its own scope: at batch 50 the decoded and intermediate copies
            // would otherwise hold three times the batch until the forward pass ends
            try (Scope s = Scope.open()) {
                Tensor x = Tensors.fromFloats(img.unitPlanes(3), 1, 3, img.height(), img.width());
                Tensor r = s.keep(FidInception.preprocess(x));
                resized.add(r);
                parts.push_back(r);
            }
        }
        Tensor batch = torch.cat(parts, 0);
        parts.close();
        resized.forEach(Tensor::close);
        return batch;
    }

    private static Decoded decode(ImageSet images, int i) {
        try {
            return new Decoded(ImageCodec.readSamples(images.path(i)), null);
        } catch (TransmuteException | IllegalArgumentException e) {
            String m = e.getMessage();
            return new Decoded(null, m != null && m.startsWith(images.path(i).toString()) ? m
                    : images.path(i) + ": " + m);
        }
    }

    private static Decoded await(Future<Decoded> f) {
        try {
            return f.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DataException("interrupted while decoding images", e);
        } catch (ExecutionException e) {
            throw new DataException("decoding failed: " + e.getCause().getMessage(), e.getCause());
        }
    }
}
