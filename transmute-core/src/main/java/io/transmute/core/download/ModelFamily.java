package io.transmute.core.download;

/** Which reference project published a pretrained model, and so where its files go. */
public enum ModelFamily {
    /** junyanz/pytorch-CycleGAN-and-pix2pix's CycleGAN generators ({@code resnet_9blocks}, instance norm). */
    CYCLEGAN("cyclegan"),
    /** junyanz/pytorch-CycleGAN-and-pix2pix's pix2pix generators ({@code unet_256}, batch norm). */
    PIX2PIX("pix2pix"),
    /** yunjey/stargan's CelebA models: a zip holding {@code 200000-G.ckpt} and {@code 200000-D.ckpt}. */
    STARGAN("stargan");

    private final String cliName;

    ModelFamily(String cliName) {
        this.cliName = cliName;
    }

    /** @return the prefix that names the family on the command line, e.g. {@code cyclegan} */
    public String cliName() {
        return cliName;
    }

    @Override
    public String toString() {
        return cliName;
    }
}
