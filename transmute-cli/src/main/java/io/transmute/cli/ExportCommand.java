package io.transmute.cli;

import io.transmute.core.export.OnnxExportOptions;
import io.transmute.core.export.OnnxExportResult;
import io.transmute.core.export.OnnxExporter;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code transmute export}: a trained generator as a file other runtimes load. */
@Command(name = "export", mixinStandardHelpOptions = true,
        header = "Export a generator to ONNX (opset 17, dynamic batch/height/width) for ONNX Runtime and others.",
        footer = {"", "Examples:",
            "  transmute export --weights checkpoints/horse2zebra_pretrained/latest_net_G.pth -o horse2zebra.onnx",
            "  transmute export --weights checkpoints/facades/latest_net_G.pth --eval -o facades.onnx",
            "  transmute export --weights stargan_celeba/models/200000-G.ckpt -o stargan.onnx"})
public final class ExportCommand implements Callable<Integer> {
    /** The formats {@code --format} offers. */
    enum Format { onnx }

    @Spec
    CommandSpec spec;

    @Mixin
    RuntimeMixin runtime;

    @Option(names = "--weights", required = true, paramLabel = "FILE",
            description = "The generator's weights: .pth/.ckpt (ours or the reference's) or .safetensors.")
    Path weights;

    @Option(names = "--format", defaultValue = "onnx",
            description = "Output format: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).")
    Format format;

    @Option(names = {"-o", "--output"}, paramLabel = "FILE",
            description = "The file to write (default: the weights' name with .onnx, in the current folder).")
    Path output;

    @Option(names = "--eval", description = "Normalise with the stored running statistics (eval mode) instead of"
            + " each image's own statistics, as translate --eval does; batch norm and StarGAN only.")
    boolean eval;

    @Option(names = "--selected_attrs", arity = "1..*", paramLabel = "NAME",
            description = "StarGAN: label names in training order, recorded in the model's metadata (default: the"
                    + " names the checkpoint records).")
    List<String> selectedAttrs;

    @Override
    public Integer call() {
        runtime.apply();
        Path out = output != null ? output : Path.of(stem(weights) + ".onnx");
        OnnxExportResult r = OnnxExporter.export(weights, new OnnxExportOptions(eval, selectedAttrs), out);
        PrintWriter w = spec.commandLine().getOut();
        w.printf("wrote %s (%s, ONNX opset %d, %.1f MB)%n", r.file(), r.netG(), r.opset(), r.bytes() / 1e6);
        w.printf("  inputs: %s; output: %s; height and width: multiples of %d%n", String.join(", ", r.inputs()),
                r.output(), r.sizeMultiple());
        w.printf("  values in [-1, 1]; normalization: %s%n", r.normalization());
        w.flush();
        return ExitCodes.OK;
    }

    private static String stem(Path p) {
        String n = p.getFileName().toString();
        int dot = n.lastIndexOf('.');
        return dot > 0 ? n.substring(0, dot) : n;
    }
}
