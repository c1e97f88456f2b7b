package io.transmute.core.nn;

import io.transmute.core.CheckpointException;
import io.transmute.core.InvalidOptionException;
import io.transmute.core.io.StateDict;
import io.transmute.core.io.TensorData;
import java.util.Objects;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads a generator's architecture from its weights alone, so that {@code latest_net_G.pth} files from the
 * reference (which store no options) load without repeating {@code --netG}, {@code --ngf} or {@code --norm}.
 */
public final class ArchitectureInference {
    private static final Pattern RESNET_BLOCK = Pattern.compile("model\\.(\\d+)\\.conv_block\\..*");
    private static final Pattern RESNET_LAYER = Pattern.compile("model\\.(\\d+)\\.weight");
    private static final Pattern STARGAN_BLOCK = Pattern.compile("main\\.(\\d+)\\.main\\..*");
    /** Index of the first residual block: pad, conv, norm, relu, then (conv, norm, relu) twice. */
    private static final int FIRST_BLOCK = 10;

    private ArchitectureInference() {
    }

    /**
     * Infers a generator's spec. Dropout of a U-Net cannot be seen in its weights and is reported as false.
     *
     * @param weights a generator state dict
     * @param sourceName file name for messages
     * @return the spec; {@code spec.build()} makes a network that loads {@code weights} strictly
     * @throws CheckpointException when the keys match no known generator
     */
    public static GeneratorSpec inferGenerator(StateDict weights, String sourceName) {
        String discriminator = discriminatorKind(weights);
        if (discriminator != null) {
            throw new CheckpointException(sourceName + " holds a discriminator (" + discriminator + "), not a"
                    + " generator; give the generator of the same run, " + generatorFileFor(sourceName));
        }
        if (weights.contains("model.model.0.weight")) {
            return unet(weights, sourceName);
        }
        if (weights.contains("model.1.weight")) {
            return resnet(weights, sourceName);
        }
        if (weights.contains("main.0.weight")) {
            return stargan(weights, sourceName);
        }
        if (weights.contains("conv1.conv2d.weight")) {
            return transformerNet(weights, sourceName);
        }
        String first = weights.size() == 0 ? "none" : weights.keyList().get(0);
        throw new CheckpointException(sourceName + ": not a generator this version knows (first key " + first
                + "); expected model.1.weight (resnet), model.model.0.weight (unet, encoder_decoder), main.0.weight"
                + " (StarGAN) or"
                + " conv1.conv2d.weight (transformer_net)");
    }

    // a PatchGAN (model.0 conv, model.1 LeakyReLU, ...), a PixelGAN (net.*) or StarGAN's D (main, conv1, conv2)
    private static String discriminatorKind(StateDict w) {
        if (w.contains("model.0.weight") && !w.contains("model.1.weight") && !w.contains("model.model.0.weight")) {
            return "PatchGAN, --netD basic or n_layers";
        }
        if (w.contains("net.0.weight") && w.contains("net.2.weight")) {
            return "PixelGAN, --netD pixel";
        }
        if (w.contains("main.0.weight") && w.contains("conv1.weight") && w.contains("conv2.weight")) {
            return "StarGAN's D";
        }
        return null;
    }

    /**
     * @param discriminatorFile a discriminator's file name, such as {@code latest_net_D_A.pth} or
     *     {@code 200000-D.ckpt}
     * @return the name its run gives the matching generator
     */
    static String generatorFileFor(String discriminatorFile) {
        if (discriminatorFile.contains("_net_D")) {
            return discriminatorFile.replace("_net_D", "_net_G");
        }
        if (discriminatorFile.endsWith("-D.ckpt")) {
            return discriminatorFile.replace("-D.ckpt", "-G.ckpt");
        }
        return "e.g. latest_net_G.pth";
    }

    private static GeneratorSpec unet(StateDict w, String source) {
        long[] first = shape(w, "model.model.0.weight", 4, source);
        int depth = 0;
        String block = "model";
        while (hasPrefix(w, block + ".model.")) {
            depth++;
            block = depth == 1 ? "model.model.1" : block + ".model.3";
        }
        long[] last = shape(w, "model.model.3.weight", 4, source);
        NormType norm = w.contains("model.model.1.model.2.running_mean") ? NormType.BATCH
                : w.contains("model.model.0.bias") ? NormType.INSTANCE : NormType.NONE;
        // the outermost up-convolution takes ngf channels back from below, twice that with the skip
        GeneratorType.Family family = last[0] == first[0] ? GeneratorType.Family.ENCODER_DECODER
                : GeneratorType.Family.UNET;
        return new GeneratorSpec(GeneratorType.of(family, depth), (int) first[1],
                (int) last[1], (int) first[0], norm, depth, UpsampleType.DECONV, false);
    }

    private static GeneratorSpec resnet(StateDict w, String source) {
        long[] first = shape(w, "model.1.weight", 4, source);
        int ngf = (int) first[0];
        TreeSet<Integer> blocks = new TreeSet<>();
        int lastLayer = 0;
        for (String key : w.keys()) {
            Matcher m = RESNET_BLOCK.matcher(key);
            if (m.matches()) {
                blocks.add(Integer.parseInt(m.group(1)));
            }
            m = RESNET_LAYER.matcher(key);
            if (m.matches()) {
                lastLayer = Math.max(lastLayer, Integer.parseInt(m.group(1)));
            }
        }
        int n = blocks.size();
        if (n > 0 && (blocks.first() != FIRST_BLOCK || blocks.last() != FIRST_BLOCK + n - 1)) {
            throw new CheckpointException(source + ": residual blocks at model." + blocks.first() + " .. model."
                    + blocks.last() + " are not where a ResnetGenerator puts them (model.10 onwards, contiguous)");
        }
        // with dropout, index 6 of a block is its second convolution; without, it is the norm, whose batch-norm
        // weight is 1-D
        TensorData sixth = w.get("model." + FIRST_BLOCK + ".conv_block.6.weight");
        boolean dropout = n > 0 && sixth != null && sixth.shape().length == 4;
        int afterBlocks = FIRST_BLOCK + n;
        UpsampleType upsample;
        if (w.contains("model." + afterBlocks + ".weight")) {
            upsample = UpsampleType.DECONV;
        } else if (w.contains("model." + (afterBlocks + 1) + ".weight")) {
            upsample = UpsampleType.RESIZE_CONV;
        } else {
            throw new CheckpointException(source + ": no upsampling layer after the residual blocks (model."
                    + afterBlocks + " or model." + (afterBlocks + 1) + ")");
        }
        long[] last = shape(w, "model." + lastLayer + ".weight", 4, source);
        NormType norm = w.contains("model.2.running_mean") ? NormType.BATCH
                : w.contains("model.1.bias") ? NormType.INSTANCE : NormType.NONE;
        return new GeneratorSpec(GeneratorType.of(GeneratorType.Family.RESNET, n), (int) first[1], (int) last[0],
                ngf, norm, n, upsample, dropout);
    }

    private static GeneratorSpec stargan(StateDict w, String source) {
        long[] first = shape(w, "main.0.weight", 4, source);
        TreeSet<Integer> blocks = new TreeSet<>();
        for (String key : w.keys()) {
            Matcher m = STARGAN_BLOCK.matcher(key);
            if (m.matches()) {
                blocks.add(Integer.parseInt(m.group(1)));
            }
        }
        if (first[1] < 4) {
            throw new CheckpointException(source + ": main.0.weight takes " + first[1] + " channels; a StarGAN"
                    + " generator takes 3 image channels plus at least one label");
        }
        return GeneratorSpec.stargan((int) first[0], (int) first[1] - 3, blocks.size());
    }

    private static GeneratorSpec transformerNet(StateDict w, String source) {
        long[] first = shape(w, "conv1.conv2d.weight", 4, source);
        shape(w, "deconv3.conv2d.weight", 4, source);
        int blocks = 0;
        while (hasPrefix(w, "res" + (blocks + 1) + ".")) {
            blocks++;
        }
        return new GeneratorSpec(GeneratorType.TRANSFORMER_NET, (int) first[1], 3, (int) first[0],
                NormType.INSTANCE, blocks, UpsampleType.DECONV, false);
    }

    private static boolean hasPrefix(StateDict w, String prefix) {
        for (String k : w.keys()) {
            if (k.startsWith(prefix)) {
                return true;
            }
        }
        return false;
    }

    private static long[] shape(StateDict w, String key, int dims, String source) {
        TensorData t = w.get(key);
        if (t == null) {
            throw new CheckpointException(source + ": " + key + " is missing; the file is not a complete generator");
        }
        long[] s = t.shape();
        if (s.length != dims) {
            throw new CheckpointException(source + ": " + key + " has " + s.length + " dimensions, expected " + dims);
        }
        return s;
    }

    /**
     * Checks the options a user gave against the checkpoint's architecture. A given value that agrees is fine;
     * one that differs is an error, because the weights could not load into that network.
     *
     * @param inferred the checkpoint's spec, from {@link #inferGenerator}
     * @param given the user's explicit options
     * @param sourceName file name for messages
     * @return the spec to build: {@code inferred}, with the given dropout setting applied
     * @throws InvalidOptionException naming the first conflicting option, e.g.
     *     {@code latest_net_G.pth was trained with --ngf 64 but --ngf 32 was given; drop --ngf to use the
     *     checkpoint's value}
     */
    public static GeneratorSpec reconcile(GeneratorSpec inferred, GivenGeneratorOptions given, String sourceName) {
        boolean star = inferred.type() == GeneratorType.STARGAN;
        if (given.netG() != null) {
            GeneratorType t = GeneratorType.parse(given.netG());
            int depth = GeneratorType.depthOf(given.netG());
            if (t.family() != inferred.type().family() || (!star && depth != inferred.depth())) {
                throw conflict(sourceName, "--netG", inferred.netG(), given.netG().trim());
            }
        }
        check(sourceName, star ? "--g_conv_dim" : "--ngf", inferred.ngf(), given.ngf());
        if (star) {
            check(sourceName, "--c_dim", inferred.cDim(), given.cDim());
            check(sourceName, "--g_repeat_num", inferred.depth(), given.repeatNum());
        } else {
            check(sourceName, "--input_nc", inferred.inputNc(), given.inputNc());
            check(sourceName, "--output_nc", inferred.outputNc(), given.outputNc());
            check(sourceName, "--norm", inferred.norm(), given.norm());
            check(sourceName, "--upsample", inferred.upsample(), given.upsample());
        }
        boolean resnet = inferred.type().family() == GeneratorType.Family.RESNET;
        if (resnet && inferred.depth() > 0) {
            // a ResNet checkpoint shows its dropout in its layer indices, so a contradiction cannot load
            check(sourceName, "--no_dropout", !inferred.useDropout(),
                    given.useDropout() == null ? null : !given.useDropout());
        }
        boolean dropout = given.useDropout() != null && !star ? given.useDropout() : inferred.useDropout();
        return new GeneratorSpec(inferred.type(), inferred.inputNc(), inferred.outputNc(), inferred.ngf(),
                inferred.norm(), inferred.depth(), inferred.upsample(), dropout);
    }

    private static void check(String source, String option, Object inferred, Object given) {
        if (given != null && !Objects.equals(inferred, given)) {
            throw conflict(source, option, String.valueOf(inferred), String.valueOf(given));
        }
    }

    private static InvalidOptionException conflict(String source, String option, String inferred, String given) {
        return new InvalidOptionException(source + " was trained with " + option + " " + inferred + " but "
                + option + " " + given + " was given; drop " + option + " to use the checkpoint's value");
    }
}
