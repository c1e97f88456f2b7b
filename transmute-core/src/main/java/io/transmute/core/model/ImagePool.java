package io.transmute.core.model;

import io.transmute.core.CheckpointException;
import io.transmute.core.InvalidOptionException;
import io.transmute.core.io.TensorData;
import io.transmute.core.random.Rng;
import io.transmute.core.torch.Owned;
import io.transmute.core.torch.Tensors;
import java.util.ArrayList;
import java.util.List;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.TensorVector;
import org.bytedeco.pytorch.global.torch;

/**
 * The reference {@code util/image_pool.py}: a buffer of previously generated images, so a discriminator is
 * updated with a history of fakes rather than only the latest ones (Shrivastava et al.).
 *
 * <p>For each image of a batch: while the pool is not full, the image is stored and returned; afterwards, with
 * probability 1/2 a randomly chosen stored image is returned and replaced by the new one, otherwise the new
 * image is returned. A size of 0 returns the batch unchanged. The draws come from the {@link Rng} passed in, and
 * the stored images are detached copies owned by the pool, so they survive step scopes and can be exported
 * for exact resume.
 */
public final class ImagePool implements AutoCloseable {
    private final int poolSize;
    private final List<Tensor> images = new ArrayList<>();

    /** @param poolSize {@code --pool_size}: images kept; 0 turns the pool off */
    public ImagePool(int poolSize) {
        if (poolSize < 0) {
            throw new InvalidOptionException("--pool_size must be >= 0, got " + poolSize);
        }
        this.poolSize = poolSize;
    }

    /** @return the capacity */
    public int poolSize() {
        return poolSize;
    }

    /** @return how many images are stored */
    public int size() {
        return images.size();
    }

    /**
     * Exchanges a batch of fakes with the history.
     *
     * @param batch generated images {@code [N, C, H, W]}; only their values are used (no gradient flows)
     * @param rng where the coin flips and picks come from
     * @return a batch of the same shape, created in the current scope
     */
    public Tensor query(Tensor batch, Rng rng) {
        return query(batch, PoolDraws.from(rng));
    }

    /** {@link #query(Tensor, Rng)} with the exchange decisions taken from {@code draws}. */
    Tensor query(Tensor batch, PoolDraws draws) {
        if (poolSize == 0) {
            return batch;
        }
        Tensor data = batch.detach();
        long n = data.size(0);
        Tensor[] out = new Tensor[(int) n];
        for (int i = 0; i < n; i++) {
            Tensor image = data.narrow(0, i, 1);
            if (images.size() < poolSize) {
                images.add(Owned.detach(image.clone()));
                out[i] = image;
            } else {
                int pick = draws.exchange(poolSize);
                if (pick == PoolDraws.KEEP) {
                    out[i] = image;
                    continue;
                }
                Tensor old = images.get(pick);
                out[i] = old.clone();
                images.set(pick, Owned.detach(image.clone()));
                old.close();
            }
        }
        return torch.cat(new TensorVector(out), 0);
    }

    /**
     * Copies the stored images to the heap, in pool order.
     *
     * @return one {@code [1, C, H, W]} tensor per stored image
     */
    public List<TensorData> export() {
        List<TensorData> out = new ArrayList<>();
        for (Tensor t : images) {
            out.add(TensorData.of(t));
        }
        return out;
    }

    /**
     * Replaces the contents with images saved by {@link #export()}.
     *
     * @param saved the stored images, at most {@link #poolSize()}
     * @param like a tensor whose device and dtype the images should take (e.g. a network parameter)
     */
    public void restore(List<TensorData> saved, Tensor like) {
        if (saved.size() > poolSize) {
            throw new CheckpointException("the saved image pool holds " + saved.size() + " images but --pool_size is "
                    + poolSize + "; resume with the --pool_size the run was started with");
        }
        List<Tensor> fresh = new ArrayList<>();
        try (io.transmute.core.torch.Scope s = io.transmute.core.torch.Scope.open()) {
            for (TensorData d : saved) {
                fresh.add(s.keep(d.toTensor().to(like.device(), like.scalar_type())));
            }
        }
        close();
        for (Tensor t : fresh) {
            images.add(Owned.detach(t));
        }
    }

    @Override
    public void close() {
        images.forEach(Tensor::close);
        images.clear();
    }

    @Override
    public String toString() {
        return "ImagePool(" + images.size() + "/" + poolSize + (images.isEmpty() ? ""
                : ", " + java.util.Arrays.toString(Tensors.shape(images.get(0)))) + ")";
    }
}
