package io.transmute.core.model;

import io.transmute.core.random.Rng;
import static org.assertj.core.api.Assertions.assertThat;

import io.transmute.core.io.TensorData;
import io.transmute.core.torch.Scope;
import io.transmute.core.torch.Tensors;
import io.transmute.core.torch.Torch;
import java.util.ArrayList;
import java.util.List;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.global.torch;
import org.junit.jupiter.api.Test;

class ImagePoolTest {
    /** A batch of n 1x1x2x2 images whose values are their ids. */
    private static Tensor batch(int firstId, int n) {
        float[] v = new float[n * 4];
        for (int i = 0; i < v.length; i++) {
            v[i] = firstId + i / 4;
        }
        return Tensors.fromFloats(v, n, 1, 2, 2);
    }

    private static List<Integer> ids(Tensor t) {
        float[] v = Tensors.toFloats(t);
        List<Integer> out = new ArrayList<>();
        for (int i = 0; i < v.length; i += 4) {
            out.add((int) v[i]);
        }
        return out;
    }

    @Test
    void query_fillsThenSwapsWithHalfProbability_asTheReference() {
        Torch.init(1);
        Rng rng = new Rng(42);
        Rng mirror = new Rng(42);
        List<Integer> model = new ArrayList<>();
        try (ImagePool pool = new ImagePool(3); Scope s = Scope.open()) {
            int next = 0;
            for (int q = 0; q < 6; q++) {
                List<Integer> got = ids(pool.query(batch(next, 2), rng));
                List<Integer> want = new ArrayList<>();
                for (int i = 0; i < 2; i++) {
                    int id = next + i;
                    if (model.size() < 3) {
                        model.add(id);
                        want.add(id);
                    } else if (mirror.nextDouble() > 0.5) {
                        int pick = mirror.nextInt(3);
                        want.add(model.get(pick));
                        model.set(pick, id);
                    } else {
                        want.add(id);
                    }
                }
                assertThat(got).as("query %d", q).isEqualTo(want);
                next += 2;
            }
            assertThat(pool.size()).isEqualTo(3);
            assertThat(ids(Tensors.cat(0, pool.export().stream().map(TensorData::toTensor).toArray(Tensor[]::new))))
                    .isEqualTo(model);
        }
    }

    @Test
    void sizeZero_passesTheBatchThrough() {
        Torch.init(1);
        try (ImagePool pool = new ImagePool(0); Scope s = Scope.open()) {
            Tensor b = batch(7, 2);
            assertThat(ids(pool.query(b, new Rng(1)))).containsExactly(7, 8);
            assertThat(pool.size()).isZero();
        }
    }

    @Test
    void exportRestore_continuesExactly() {
        Torch.init(1);
        Rng rng = new Rng(5);
        try (ImagePool a = new ImagePool(2); ImagePool b = new ImagePool(2); Scope s = Scope.open()) {
            a.query(batch(0, 3), rng);
            Rng rngB = Rng.restore(rng.state());
            b.restore(a.export(), torch.zeros(1));
            for (int q = 0; q < 4; q++) {
                assertThat(ids(b.query(batch(10 + q, 1), rngB))).isEqualTo(ids(a.query(batch(10 + q, 1), rng)));
            }
        }
    }

    @Test
    void storedImages_surviveTheStepScope() {
        Torch.init(1);
        try (ImagePool pool = new ImagePool(2)) {
            try (Scope s = Scope.open()) {
                pool.query(batch(3, 2), new Rng(0));
            }
            assertThat(pool.export()).extracting(d -> (int) d.toFloats()[0]).containsExactly(3, 4);
        }
    }
}
