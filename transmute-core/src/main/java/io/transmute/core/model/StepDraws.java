package io.transmute.core.model;

/** The random choices of one StarGAN step: which target labels each image gets, and where x_hat lies. */
interface StepDraws {
    /**
     * @param n images in the batch
     * @return the reference's {@code torch.randperm(n)}: image {@code i} takes the labels of image {@code p[i]}
     */
    int[] permutation(int n);

    /**
     * @param n images in the batch
     * @return the gradient penalty's interpolation weights, one per image, in [0, 1)
     */
    float[] alpha(int n);
}
