package io.transmute.core.model;

import io.transmute.core.InvalidOptionException;
import io.transmute.core.data.ImagePlane;
import io.transmute.core.io.ImageCodec;
import io.transmute.core.io.ImageData;
import io.transmute.core.io.TensorData;
import io.transmute.core.loss.GramStyleLoss;
import io.transmute.core.loss.PerceptualLoss;
import io.transmute.core.loss.TotalVariationLoss;
import io.transmute.core.nn.Vgg16Features;
import io.transmute.core.nn.VggLayer;
import io.transmute.core.optim.Adam;
import io.transmute.core.random.Rng;
import io.transmute.core.torch.Device;
import io.transmute.core.torch.Net;
import io.transmute.core.torch.Scope;
import io.transmute.core.torch.Tensors;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import org.bytedeco.pytorch.NoGradGuard;
import org.bytedeco.pytorch.Tensor;

/**
 * Fast neural style transfer (Johnson et al., "Perceptual Losses for Real-Time Style Transfer and
 * Super-Resolution"): one {@code transformer_net} generator G, trained on a folder of content images (domain A)
 * to render them in the style of one {@code --style_image}. A step minimises
 * {@code content_weight * PerceptualLoss(G(x), x) + style_weight * GramStyleLoss(G(x), style)
 * + tv_weight * TV(G(x))} with Adam; a frozen VGG-16 ({@code --vgg_weights}) provides the features.
 *
 * <p>The network is saved as {@code <epoch>_net_G.pth}; its keys identify it as {@code transformer_net}, so it
 * translates like any generator. The style target's Gram matrices are computed once and kept on the heap,
 * so nothing native outlives a step except the networks and the optimizer.
 */
final class StyleTransferModel extends BaseModel {
    private final Net netG;
    private final Adam optimizerG;
    private final Vgg16Features vgg;
    private final PerceptualLoss contentLoss;
    private final GramStyleLoss styleLoss;
    private final Map<VggLayer, TensorData> styleGrams;
    private final ImagePlane styleImage;

    private StyleTransferModel(ModelOptions options, Device device, Rng rng) {
        super("style_transfer", check(options), device, rng);
        netG = generator("G", 3, 3);
        PerceptualOptions p = options.perceptual();
        if (!options.isTrain()) {
            optimizerG = null;
            vgg = null;
            contentLoss = null;
            styleLoss = null;
            styleGrams = null;
            styleImage = null;
            return;
        }
        optimizerG = optimizer("G", netG);
        contentLoss = new PerceptualLoss(p.perceptualLayers());
        styleLoss = new GramStyleLoss(p.styleLayers());
        EnumSet<VggLayer> layers = EnumSet.copyOf(p.perceptualLayers());
        layers.addAll(p.styleLayers());
        vgg = own(Vgg16Features.load(p.vggWeights(), layers));
        device.move(vgg);
        ImageData style = ImageCodec.read(p.styleImage(), 3);
        styleImage = new ImagePlane(3, style.height(), style.width(), style.planes());
        styleGrams = grams(style);
    }

    private static ModelOptions check(ModelOptions o) {
        PerceptualOptions p = o.perceptual();
        if (o.isTrain() && p.styleImage() == null) {
            throw new InvalidOptionException("--model style_transfer needs --style_image PATH, the one image whose"
                    + " style it learns");
        }
        if (o.isTrain() && p.vggWeights() == null) {
            throw new InvalidOptionException("--model style_transfer needs --vgg_weights PATH (torchvision's ImageNet"
                    + " VGG-16 file " + Vgg16Features.WEIGHTS_FILE + ")");
        }
        if (o.inputNc() != 3 || o.outputNc() != 3) {
            throw new InvalidOptionException("--model style_transfer works on RGB images; use --input_nc 3"
                    + " --output_nc 3");
        }
        return o;
    }

    /**
     * Creates a style-transfer model.
     *
     * @param options resolved options; training needs {@code --style_image} and {@code --vgg_weights}
     * @param device where the networks live
     * @param rng the model's random generator (unused by the step, saved for resume)
     * @return the model
     */
    static TranslationModel create(ModelOptions options, Device device, Rng rng) {
        return new StyleTransferModel(options, device, rng);
    }

    private Map<VggLayer, TensorData> grams(ImageData style) {
        Map<VggLayer, TensorData> out = new EnumMap<>(VggLayer.class);
        try (Scope s = Scope.open(); NoGradGuard g = new NoGradGuard()) {
            Tensor x = onDevice(Tensors.fromFloats(style.planes(), 1, 3, style.height(), style.width()));
            styleLoss.targetGrams(vgg.forward(x)).forEach((l, t) -> out.put(l, TensorData.of(t)));
        }
        return out;
    }

    @Override
    public StepResult trainStep(ModelInput input) {
        if (optimizerG == null) {
            throw new InvalidOptionException("model style_transfer was built for testing; build it with isTrain");
        }
        Tensor real = onDevice(input.realA());
        long[] shape = Tensors.shape(real);
        if (shape[1] != 3) {
            throw new InvalidOptionException("--model style_transfer trains on RGB images, got " + shape[1]
                    + " channels");
        }
        PerceptualOptions p = options.perceptual();
        optimizerG.zeroGrad();
        Tensor stylized = netG.forward(real);
        Map<VggLayer, Tensor> features = vgg.forward(stylized);
        Map<VggLayer, Tensor> contentTarget;
        try (NoGradGuard g = new NoGradGuard()) {
            contentTarget = vgg.forward(real);
        }
        Map<VggLayer, Tensor> targets = new EnumMap<>(VggLayer.class);
        styleGrams.forEach((l, d) -> targets.put(l, onDevice(d.toTensor())));
        Tensor content = contentLoss.compute(features, contentTarget).mul(Tensors.scalar(p.contentWeight()));
        Tensor style = styleLoss.compute(features, targets).mul(Tensors.scalar(p.styleWeight()));
        Tensor tv = TotalVariationLoss.compute(stylized).mul(Tensors.scalar(p.tvWeight()));
        content.add(style).add(tv).backward();
        optimizerG.step();
        StyleTransferLosses losses = new StyleTransferLosses(content.item_double(), style.item_double(),
                tv.item_double());
        return new StepResult(losses, visuals(real, stylized.detach()));
    }

    private List<Visual> visuals(Tensor real, Tensor stylized) {
        return styleImage == null ? List.of(Visuals.of("real", real), Visuals.of("stylized", stylized))
                : List.of(Visuals.of("real", real), Visuals.of("stylized", stylized),
                        new Visual("style", styleImage));
    }

    @Override
    public List<Visual> evaluate(ModelInput input) {
        Tensor real = onDevice(input.realA());
        Tensor stylized;
        try (NoGradGuard g = new NoGradGuard()) {
            stylized = netG.forward(real);
        }
        return visuals(real, stylized);
    }

    @Override
    public Tensor translate(Tensor input) {
        return evalForward(netG, onDevice(input));
    }

    /** @return the style image in [-1, 1], or null for a model built for testing */
    ImagePlane styleImage() {
        return styleImage;
    }
}
