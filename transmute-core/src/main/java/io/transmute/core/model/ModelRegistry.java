package io.transmute.core.model;

import io.transmute.core.InvalidOptionException;
import io.transmute.core.data.DataDefaults;
import io.transmute.core.data.DatasetMode;
import io.transmute.core.loss.GanMode;
import io.transmute.core.nn.NormType;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Every model Transmute knows, by its reference {@code --model} name. Adding a model adds one line here.
 */
public final class ModelRegistry {
    // Johnson et al. train on 256x256 content images in batches of 4
    private static final DataDefaults STYLE_TRANSFER_DATA = new DataDefaults(4, 256, 256);
    // yunjey/stargan trains in batches of 16; its images are sized by --image_size, not load/crop
    private static final DataDefaults STARGAN_DATA = new DataDefaults(16, DataDefaults.REFERENCE.loadSize(),
            DataDefaults.REFERENCE.cropSize());
    private static final OwnOptions PIX2PIX = new OwnOptions(Pix2PixOptions.KEYS, Pix2PixOptions::from);
    private static final List<ModelSpec> SPECS = List.of(
            new ModelSpec("pix2pix", "paired translation with a conditional GAN and L1 (Isola et al.)", true,
                    ModelRegistry::pix2pixDefaults, Pix2PixModel::create,
                    List.of("G_GAN", "G_L1", "D_real", "D_fake")).withOptions(PIX2PIX),
            new ModelSpec("cycle_gan", "unpaired translation with cycle consistency (Zhu et al.)", true,
                    ModelRegistry::cycleGanDefaults, CycleGanModel::create,
                    List.of("D_A", "G_A", "cycle_A", "idt_A", "D_B", "G_B", "cycle_B", "idt_B"))
                    .withOptions(new OwnOptions(CycleGanOptions.KEYS, CycleGanOptions::from)),
            new ModelSpec("colorization", "pix2pix from Lab lightness to ab colour", true,
                    ModelRegistry::colorizationDefaults, ColorizationModel::create,
                    List.of("G_GAN", "G_L1", "D_real", "D_fake")).withOptions(PIX2PIX),
            new ModelSpec("stargan", "multi-domain translation with one conditional generator (Choi et al.)", true,
                    b -> { }, StarGanModel::create, StarGanLosses.NAMES, STARGAN_DATA,
                    o -> o.stargan().iterationSchedule()),
            new ModelSpec("test", "one generator in one direction, for testing only", false,
                    ModelRegistry::testDefaults, TestModel::create, List.of()),
            new ModelSpec("style_transfer", "fast style transfer with perceptual losses (Johnson et al.)", true,
                    ModelRegistry::styleTransferDefaults, StyleTransferModel::create,
                    List.of("content", "style", "tv"), STYLE_TRANSFER_DATA),
            new ModelSpec(DiscoGanModel.NAME, "cross-domain relations with encoder-decoder generators (Kim et al.)",
                    true, DiscoGanModel::defaults, DiscoGanModel::create, DiscoGanModel.LOSS_NAMES,
                    DiscoGanModel.DATA).withOptions(new OwnOptions(DiscoGanOptions.KEYS, DiscoGanOptions::from)));

    private ModelRegistry() {
    }

    /** @return every registered model, in a fixed order */
    public static List<ModelSpec> all() {
        return SPECS;
    }

    /** @return the registered names */
    public static List<String> names() {
        return SPECS.stream().map(ModelSpec::name).toList();
    }

    /**
     * @param name a {@code --model} value
     * @return its spec
     * @throws InvalidOptionException for an unknown name, listing the known ones
     */
    public static ModelSpec get(String name) {
        for (ModelSpec s : SPECS) {
            if (s.name().equals(name)) {
                return s;
            }
        }
        throw new InvalidOptionException("--model '" + name + "' is not a model; use one of "
                + SPECS.stream().map(ModelSpec::name).collect(Collectors.joining(", ")));
    }

    // pix2pix_model.py: batch norm, U-Net 256, aligned pairs; training: vanilla GAN, no pool (its --lambda_L1 is
    // declared in Pix2PixOptions)
    private static void pix2pixDefaults(ModelOptions.Builder b) {
        b.setDefault(ModelOptions.NORM, NormType.BATCH)
                .setDefault(ModelOptions.NET_G, "unet_256")
                .setDefault(ModelOptions.DATASET_MODE, DatasetMode.ALIGNED)
                .setDefault(ModelOptions.POOL_SIZE, 0)
                .setDefault(ModelOptions.GAN_MODE, GanMode.VANILLA);
    }

    // cycle_gan_model.py: no dropout; its lambdas are declared in CycleGanOptions; GAN mode and pool stay at
    // the base defaults (lsgan, 50)
    private static void cycleGanDefaults(ModelOptions.Builder b) {
        b.setDefault(ModelOptions.NO_DROPOUT, true);
    }

    // colorization_model.py takes pix2pix's defaults and the colorization dataset, whose own defaults are
    // 1 input channel (L) and 2 output channels (ab)
    private static void colorizationDefaults(ModelOptions.Builder b) {
        b.setDefault(ModelOptions.DATASET_MODE, DatasetMode.COLORIZATION)
                .setDefault(ModelOptions.INPUT_NC, 1)
                .setDefault(ModelOptions.OUTPUT_NC, 2);
        pix2pixDefaults(b);
    }

    // test_model.py: single images; --model_suffix picks which generator file to load
    private static void testDefaults(ModelOptions.Builder b) {
        b.setDefault(ModelOptions.DATASET_MODE, DatasetMode.SINGLE)
                .setDefault(ModelOptions.MODEL_SUFFIX, "")
                .setDefault(ModelOptions.IS_TRAIN, false);
    }

    // Johnson et al.: the transformer network (32 filters, 5 residual blocks, affine instance norm), content
    // images only, Adam with lr 1e-3 and PyTorch's default betas
    private static void styleTransferDefaults(ModelOptions.Builder b) {
        b.setDefault(ModelOptions.NET_G, "transformer_net")
                .setDefault(ModelOptions.NGF, 32)
                .setDefault(ModelOptions.NORM, NormType.INSTANCE)
                .setDefault(ModelOptions.NO_DROPOUT, true)
                .setDefault(ModelOptions.DATASET_MODE, DatasetMode.SINGLE)
                .setDefault(ModelOptions.LR, 1e-3)
                .setDefault(ModelOptions.BETA1, 0.9);
    }
}
