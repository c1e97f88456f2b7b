package io.transmute.core.model;

import io.transmute.core.random.Rng;
import io.transmute.core.torch.Device;
import java.util.ArrayList;
import java.util.List;
import org.bytedeco.pytorch.Tensor;

/**
 * The reference {@code models/colorization_model.py}: pix2pix from Lab lightness (1 channel) to its ab
 * channels (2). Training is pix2pix's; the visuals are {@code real_A}, {@code real_B_rgb} and
 * {@code fake_B_rgb}, with ab recombined with L and converted to RGB for display.
 */
final class ColorizationModel extends Pix2PixModel {
    ColorizationModel(ModelOptions options, Device device, Rng rng) {
        super("colorization", check(options), device, rng);
    }

    private static ModelOptions check(ModelOptions o) {
        if (o.inputNc() != 1 || o.outputNc() != 2) {
            throw new io.transmute.core.InvalidOptionException("--model colorization maps L to ab: it needs"
                    + " --input_nc 1 --output_nc 2, got " + o.inputNc() + " and " + o.outputNc());
        }
        return o;
    }

    /**
     * Creates a colorization model.
     *
     * @param options resolved options (input_nc 1, output_nc 2)
     * @param device where the networks live
     * @param rng the model's random generator
     * @return the model
     */
    static TranslationModel create(ModelOptions options, Device device, Rng rng) {
        return new ColorizationModel(options, device, rng);
    }

    @Override
    protected List<Visual> visuals(Tensor realA, Tensor fakeB, Tensor realB) {
        List<Visual> out = new ArrayList<>();
        out.add(Visuals.of("real_A", realA));
        if (realB != null) {
            out.add(Visuals.labToRgb("real_B_rgb", realA, realB));
        }
        out.add(Visuals.labToRgb("fake_B_rgb", realA, fakeB));
        return out;
    }
}
