package io.transmute.core.infer;

import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.global.torch;

/**
 * Lets a network that needs sides divisible by {@code multiple} (a U-Net with 8 downsamplings: 256; a
 * ResNet generator: 4) translate an image of any size: reflect-pad up to the next multiple, run, crop back.
 * Reflection cannot add more than {@code side - 1} pixels at once, so large pads are applied in rounds.
 */
final class SizePadding {
    private final long height;
    private final long width;
    private final long top;
    private final long left;

    private SizePadding(long height, long width, long top, long left) {
        this.height = height;
        this.width = width;
        this.top = top;
        this.left = left;
    }

    /**
     * @param side an image side
     * @param multiple the divisor the network needs
     * @return the smallest multiple of {@code multiple} that is at least {@code side}
     */
    static long paddedSide(long side, long multiple) {
        return (side + multiple - 1) / multiple * multiple;
    }

    /**
     * Pads an NCHW batch.
     *
     * @param x the batch
     * @param multiple divisor for height and width
     * @return the padding applied, and through {@link #pad} the padded batch
     */
    static SizePadding of(Tensor x, long multiple) {
        long h = x.size(2);
        long w = x.size(3);
        long dh = paddedSide(h, multiple) - h;
        long dw = paddedSide(w, multiple) - w;
        return new SizePadding(h, w, dh / 2, dw / 2);
    }

    /**
     * @param x the batch measured by {@link #of}
     * @param multiple divisor for height and width
     * @return the padded batch (the input itself when no padding is needed)
     */
    Tensor pad(Tensor x, long multiple) {
        long targetH = paddedSide(height, multiple);
        long targetW = paddedSide(width, multiple);
        long padTop = top;
        long padBottom = targetH - height - top;
        long padLeft = left;
        long padRight = targetW - width - left;
        Tensor y = x;
        while (padTop + padBottom + padLeft + padRight > 0) {
            long h = y.size(2);
            long w = y.size(3);
            long t = Math.min(padTop, h - 1);
            long b = Math.min(padBottom, h - 1);
            long l = Math.min(padLeft, w - 1);
            long r = Math.min(padRight, w - 1);
            if (t + b + l + r == 0) {
                // a 1-pixel side cannot be reflected: repeat its edge instead
                y = torch.replication_pad2d(y, padLeft, padRight, padTop, padBottom);
                break;
            }
            y = torch.reflection_pad2d(y, l, r, t, b);
            padTop -= t;
            padBottom -= b;
            padLeft -= l;
            padRight -= r;
        }
        return y;
    }

    /**
     * @param y the network's output for the padded batch
     * @return the region that corresponds to the original image
     */
    Tensor crop(Tensor y) {
        if (y.size(2) == height && y.size(3) == width) {
            return y;
        }
        return y.narrow(2, top, height).narrow(3, left, width);
    }
}
