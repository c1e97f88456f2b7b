package io.transmute.core.download;

import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * One entry of the reference catalogue.
 *
 * @param family the project that published it
 * @param name the reference's name, e.g. {@code horse2zebra} or {@code celeba-128x128-5attrs}
 * @param url where the reference's script fetches it
 * @param size the approximate download size, for {@code --list}
 * @param attributes StarGAN's label names in training order; empty for the others
 */
public record PretrainedModel(ModelFamily family, String name, URI url, String size, List<String> attributes) {
    /** Checks the fields. */
    public PretrainedModel {
        Objects.requireNonNull(family, "family");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(url, "url");
        attributes = List.copyOf(attributes);
    }

    /** @return {@code family:name}, which always names this entry alone */
    public String qualifiedName() {
        return family.cliName() + ":" + name;
    }

    /** @return whether the download is a zip archive that is unpacked and then removed */
    public boolean isArchive() {
        return url.getPath().endsWith(".zip");
    }

    /**
     * Where the reference's download script puts the model.
     *
     * @param root the folder the scripts run in
     * @return {@code checkpoints/<name>_pretrained} for pix2pix and CycleGAN, {@code stargan_celeba_<size>/models}
     *     for StarGAN
     */
    public Path directory(Path root) {
        return switch (family) {
            case CYCLEGAN, PIX2PIX -> root.resolve("checkpoints").resolve(name + "_pretrained");
            case STARGAN -> root.resolve("stargan_celeba_" + name.substring("celeba-".length(),
                    name.indexOf('x'))).resolve("models");
        };
    }

    /** @return the file a single-file download is saved as ({@code latest_net_G.pth}); null for archives */
    public String fileName() {
        return isArchive() ? null : "latest_net_G.pth";
    }
}
