package io.transmute.core.torch;

import io.transmute.core.torch.Sequence.Layer;
import org.bytedeco.javacpp.LongPointer;
import org.bytedeco.pytorch.BatchNorm2dImpl;
import org.bytedeco.pytorch.BatchNormOptions;
import org.bytedeco.pytorch.Conv2dImpl;
import org.bytedeco.pytorch.Conv2dOptions;
import org.bytedeco.pytorch.ConvTranspose2dImpl;
import org.bytedeco.pytorch.ConvTranspose2dOptions;
import org.bytedeco.pytorch.DoubleOptional;
import org.bytedeco.pytorch.DropoutImpl;
import org.bytedeco.pytorch.DoubleVector;
import org.bytedeco.pytorch.DoubleVectorOptional;
import org.bytedeco.pytorch.DropoutOptions;
import org.bytedeco.pytorch.GradMode;
import org.bytedeco.pytorch.IdentityImpl;
import org.bytedeco.pytorch.InstanceNorm2dImpl;
import org.bytedeco.pytorch.InstanceNormOptions;
import org.bytedeco.pytorch.LeakyReLUImpl;
import org.bytedeco.pytorch.LeakyReLUOptions;
import org.bytedeco.pytorch.MaxPool2dImpl;
import org.bytedeco.pytorch.MaxPool2dOptions;
import org.bytedeco.pytorch.ReLUImpl;
import org.bytedeco.pytorch.ReflectionPad2dImpl;
import org.bytedeco.pytorch.ReflectionPad2dOptions;
import org.bytedeco.pytorch.Scalar;
import org.bytedeco.pytorch.SigmoidImpl;
import org.bytedeco.pytorch.TanhImpl;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.TensorOptional;
import org.bytedeco.pytorch.UpsampleImpl;
import org.bytedeco.pytorch.UpsampleOptions;
import org.bytedeco.pytorch.global.torch;
import org.bytedeco.pytorch.kNearest;

/**
 * Factories for PyTorch's built-in layers with PyTorch's defaults, hiding JavaCPP's options structs
 * ({@code LongPointer} pairs, {@code put(index, value)}).
 */
public final class Layers {
    /** oneDNN's output-channel block on AVX-512 (twice the AVX2 block of 8, so a multiple of both). */
    static final long ONEDNN_CHANNEL_BLOCK = 16;

    private Layers() {
    }

    private static LongPointer pair(long v) {
        return new LongPointer(v, v);
    }

    /**
     * {@code nn.Conv2d(in, out, k, stride=s, padding=p, bias=bias)}.
     *
     * @param in input channels
     * @param out output channels
     * @param k square kernel size
     * @param s stride
     * @param p zero padding
     * @param bias whether it has a bias
     * @return the layer
     */
    public static Layer conv(long in, long out, long k, long s, long p, boolean bias) {
        Conv2dOptions o = new Conv2dOptions(in, out, pair(k));
        o.stride().put(pair(s));
        o.padding().put(pair(p));
        o.bias().put(bias);
        Conv2dImpl m = new Conv2dImpl(o);
        if (s == 1 && k > 1 && out % ONEDNN_CHANNEL_BLOCK != 0) {
            return new Layer(m, x -> GradMode.is_enabled() && x.is_cpu() && ConvolutionKernels.oneDnn()
                    ? channelPaddedForward(m, x, p, out) : m.forward(x));
        }
        return new Layer(m, m::forward);
    }

    /**
     * The forward pass of a stride-1 convolution with its output channels zero-padded to a multiple of
     * {@link #ONEDNN_CHANNEL_BLOCK}, then cut back. oneDNN's input gradient for stride-1 convolutions whose output
     * channels do not fill its channel blocks is wrong in this libtorch (off by 10-90% or NaN against float64); with
     * full blocks it is right, and it costs next to nothing since oneDNN pads to full blocks internally anyway.
     * The parameters keep their shapes, so weight files are unchanged.
     */
    private static Tensor channelPaddedForward(Conv2dImpl m, Tensor x, long p, long out) {
        long extra = (out + ONEDNN_CHANNEL_BLOCK - 1) / ONEDNN_CHANNEL_BLOCK * ONEDNN_CHANNEL_BLOCK - out;
        Tensor w = torch.constant_pad_nd(m.weight(), 0, 0, 0, 0, 0, 0, 0, extra);
        TensorOptional b = m.bias().defined()
                ? new TensorOptional(torch.constant_pad_nd(m.bias(), 0, extra)) : new TensorOptional();
        Tensor padded = torch.conv2d(x, w, b, new long[] {1, 1}, new long[] {p, p}, new long[] {1, 1}, 1);
        Tensor y = padded.narrow(1, 0, out);
        padded.close();
        w.close();
        return y;
    }

    /**
     * {@code nn.ConvTranspose2d(in, out, k, stride=s, padding=p, output_padding=op, bias=bias)}.
     *
     * @param in input channels
     * @param out output channels
     * @param k square kernel size
     * @param s stride
     * @param p padding
     * @param op output padding
     * @param bias whether it has a bias
     * @return the layer
     */
    public static Layer convTranspose(long in, long out, long k, long s, long p, long op, boolean bias) {
        ConvTranspose2dOptions o = new ConvTranspose2dOptions(in, out, pair(k));
        o.stride().put(pair(s));
        o.padding().put(pair(p));
        o.output_padding().put(pair(op));
        o.bias().put(bias);
        ConvTranspose2dImpl m = new ConvTranspose2dImpl(o);
        return new Layer(m, x -> m.forward(x));
    }

    /**
     * {@code nn.BatchNorm2d(n)}: affine, tracks running statistics, eps 1e-5, momentum 0.1.
     *
     * @param n channels
     * @return the layer
     */
    public static Layer batchNorm(long n) {
        BatchNormOptions o = new BatchNormOptions(n);
        o.eps().put(1e-5);
        o.momentum().put(new DoubleOptional(0.1));
        o.affine().put(true);
        o.track_running_stats().put(true);
        BatchNorm2dImpl m = new BatchNorm2dImpl(o);
        return new Layer(m, m::forward);
    }

    /**
     * {@code nn.InstanceNorm2d(n, affine, track_running_stats)}, eps 1e-5.
     *
     * @param n channels
     * @param affine learnable scale and shift
     * @param trackRunningStats keep running statistics
     * @return the layer
     */
    public static Layer instanceNorm(long n, boolean affine, boolean trackRunningStats) {
        InstanceNormOptions o = new InstanceNormOptions(n);
        o.eps().put(1e-5);
        o.momentum().put(0.1);
        o.affine().put(affine);
        o.track_running_stats().put(trackRunningStats);
        InstanceNorm2dImpl m = new InstanceNorm2dImpl(o);
        return new Layer(m, m::forward);
    }

    /**
     * {@code nn.ReflectionPad2d(p)}.
     *
     * @param p padding on every side
     * @return the layer
     */
    public static Layer reflectionPad(long p) {
        ReflectionPad2dImpl m = new ReflectionPad2dImpl(new ReflectionPad2dOptions(new LongPointer(p, p, p, p)));
        return new Layer(m, m::forward);
    }

    /**
     * @return {@code nn.ReLU()}; it overwrites its input where {@link Layer#apply} allows, as {@code nn.ReLU(True)}
     *     does, which gives the same values and gradients and saves one activation per layer while training
     */
    public static Layer relu() {
        ReLUImpl m = new ReLUImpl();
        return new Layer(m, m::forward, x -> {
            // relu_ returns a second, non-owning handle on x's native tensor: hand back the owner
            torch.relu_(x);
            return x;
        });
    }

    /**
     * @param slope negative slope
     * @return {@code nn.LeakyReLU(slope)}; in place where {@link Layer#apply} allows, as {@link #relu()}
     */
    public static Layer leakyRelu(double slope) {
        LeakyReLUOptions o = new LeakyReLUOptions();
        o.negative_slope().put(slope);
        LeakyReLUImpl m = new LeakyReLUImpl(o);
        return new Layer(m, m::forward, x -> {
            torch.leaky_relu_(x, new Scalar(slope));
            return x;
        });
    }

    /** @return {@code nn.Tanh()} */
    public static Layer tanh() {
        TanhImpl m = new TanhImpl();
        return new Layer(m, m::forward);
    }

    /** @return {@code nn.Sigmoid()} */
    public static Layer sigmoid() {
        SigmoidImpl m = new SigmoidImpl();
        return new Layer(m, m::forward);
    }

    /**
     * @param p drop probability
     * @return {@code nn.Dropout(p)}; active only in train mode
     */
    public static Layer dropout(double p) {
        DropoutImpl m = new DropoutImpl(new DropoutOptions(p));
        return new Layer(m, m::forward);
    }

    /**
     * {@code nn.Identity()}: no parameters, but it takes its index in a {@link Sequence}, as the reference's
     * {@code norm='none'} layer does.
     *
     * @return the layer
     */
    public static Layer identity() {
        IdentityImpl m = new IdentityImpl();
        return new Layer(m, m::forward);
    }

    /**
     * {@code nn.Upsample(scale_factor=s, mode='nearest')} for NCHW input.
     *
     * @param scale factor for height and width
     * @return the layer
     */
    public static Layer upsampleNearest(double scale) {
        UpsampleOptions o = new UpsampleOptions();
        o.scale_factor().put(new DoubleVectorOptional(new DoubleVector(scale, scale)));
        o.mode().put(new kNearest());
        UpsampleImpl m = new UpsampleImpl(o);
        return new Layer(m, m::forward);
    }

    /**
     * {@code nn.MaxPool2d(k)}: stride equal to the kernel, no padding.
     *
     * @param k square kernel size and stride
     * @return the layer
     */
    public static Layer maxPool(long k) {
        MaxPool2dImpl m = new MaxPool2dImpl(new MaxPool2dOptions(pair(k)));
        return new Layer(m, m::forward);
    }
}
