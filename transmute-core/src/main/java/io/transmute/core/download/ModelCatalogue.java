package io.transmute.core.download;

import io.transmute.core.InvalidOptionException;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * The pretrained models the reference projects publish: 18 CycleGAN and 5 pix2pix generators and StarGAN's two
 * CelebA models, at the addresses their download scripts use.
 */
public final class ModelCatalogue {
    private static final String CYCLEGAN_BASE = "http://efrosgans.eecs.berkeley.edu/cyclegan/pretrained_models/";
    private static final String PIX2PIX_BASE = "http://efrosgans.eecs.berkeley.edu/pix2pix/models-pytorch/";
    /** resnet_9blocks, ngf 64: 11,378,179 float32 parameters. */
    private static final String CYCLEGAN_SIZE = "45 MB";
    /** unet_256, ngf 64: 54,414,019 float32 parameters and batch-norm statistics. */
    private static final String PIX2PIX_SIZE = "218 MB";
    /** StarGAN's generator (8.4 M parameters, 34 MB) and discriminator (45 M parameters, 179 MB), zipped. */
    private static final String STARGAN_SIZE = "213 MB zip";
    private static final List<String> CELEBA_ATTRIBUTES =
            List.of("Black_Hair", "Blond_Hair", "Brown_Hair", "Male", "Young");
    private static final List<PretrainedModel> ALL = build();

    private ModelCatalogue() {
    }

    private static List<PretrainedModel> build() {
        List<PretrainedModel> all = new ArrayList<>();
        for (String n : List.of("apple2orange", "orange2apple", "summer2winter_yosemite", "winter2summer_yosemite",
                "horse2zebra", "zebra2horse", "monet2photo", "style_monet", "style_cezanne", "style_ukiyoe",
                "style_vangogh", "sat2map", "map2sat", "cityscapes_photo2label", "cityscapes_label2photo",
                "facades_photo2label", "facades_label2photo", "iphone2dslr_flower")) {
            all.add(new PretrainedModel(ModelFamily.CYCLEGAN, n, URI.create(CYCLEGAN_BASE + n + ".pth"),
                    CYCLEGAN_SIZE, List.of()));
        }
        for (String n : List.of("edges2shoes", "sat2map", "map2sat", "facades_label2photo", "day2night")) {
            all.add(new PretrainedModel(ModelFamily.PIX2PIX, n, URI.create(PIX2PIX_BASE + n + ".pth"),
                    PIX2PIX_SIZE, List.of()));
        }
        all.add(new PretrainedModel(ModelFamily.STARGAN, "celeba-128x128-5attrs",
                URI.create("https://www.dropbox.com/s/7e966qq0nlxwte4/celeba-128x128-5attrs.zip?dl=1"), STARGAN_SIZE,
                CELEBA_ATTRIBUTES));
        all.add(new PretrainedModel(ModelFamily.STARGAN, "celeba-256x256-5attrs",
                URI.create("https://www.dropbox.com/s/zdq6roqf63m0v5f/celeba-256x256-5attrs.zip?dl=1"), STARGAN_SIZE,
                CELEBA_ATTRIBUTES));
        return List.copyOf(all);
    }

    /** @return every entry, CycleGAN first, then pix2pix, then StarGAN */
    public static List<PretrainedModel> all() {
        return ALL;
    }

    /**
     * Finds an entry by name.
     *
     * @param name a reference name ({@code horse2zebra}) or a qualified one ({@code pix2pix:sat2map})
     * @return the entry
     * @throws InvalidOptionException for an unknown name, or a bare name both projects publish
     */
    public static PretrainedModel find(String name) {
        String n = name.trim();
        int colon = n.indexOf(':');
        String family = colon < 0 ? null : n.substring(0, colon).toLowerCase(Locale.ROOT);
        String bare = colon < 0 ? n : n.substring(colon + 1);
        List<PretrainedModel> matches = ALL.stream()
                .filter(m -> m.name().equals(bare) && (family == null || m.family().cliName().equals(family)))
                .toList();
        if (matches.size() == 1) {
            return matches.get(0);
        }
        if (matches.size() > 1) {
            throw new InvalidOptionException("'" + name + "' is published by both projects; name one: "
                    + matches.stream().map(PretrainedModel::qualifiedName).collect(Collectors.joining(" or ")));
        }
        throw new InvalidOptionException("'" + name + "' is not in the catalogue; run 'transmute download --list'"
                + " for the " + ALL.size() + " names");
    }
}
