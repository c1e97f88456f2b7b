package io.transmute.core.bench;

import io.transmute.core.random.Rng;
import io.transmute.core.torch.Device;
import io.transmute.core.torch.Tensors;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.global.torch;

/** Synthetic inputs for the benchmarks: the measured work does not depend on what the pixels show. */
final class RandomImages {
    private RandomImages() {
    }

    /** @return {@code n} RGB images of {@code size x size}, uniform in [-1, 1], on the device */
    static Tensor batch(int n, int size, Device device) {
        Tensor t = torch.rand(n, 3, size, size).mul(Tensors.scalar(2.0)).sub(Tensors.scalar(1.0));
        return device.move(t);
    }

    /** @return attribute labels as CelebA's: each 0 or 1 with equal chance, from a fixed seed */
    static float[] labels(int n, int cDim) {
        Rng rng = new Rng(1);
        float[] out = new float[n * cDim];
        for (int i = 0; i < out.length; i++) {
            out[i] = rng.nextBoolean() ? 1f : 0f;
        }
        return out;
    }

    /** @return planes of one RGB image, uniform in [-1, 1], from a fixed seed */
    static float[] planes(int size) {
        Rng rng = new Rng(2);
        float[] planes = new float[3 * size * size];
        for (int i = 0; i < planes.length; i++) {
            planes[i] = (float) (rng.nextDouble() * 2 - 1);
        }
        return planes;
    }
}
