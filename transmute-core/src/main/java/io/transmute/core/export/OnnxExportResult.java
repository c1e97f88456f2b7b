package io.transmute.core.export;

import java.nio.file.Path;
import java.util.List;

/**
 * What an export wrote.
 *
 * @param file the ONNX file
 * @param netG the generator's architecture, e.g. {@code resnet_9blocks}
 * @param inputs graph input names with their shapes, e.g. {@code image [N, 3, H, W]}
 * @param output the graph output with its shape
 * @param opset the ONNX operator set version
 * @param normalization which ONNX ops express the generator's normalisation
 * @param sizeMultiple height and width must be multiples of this
 * @param bytes file size
 */
public record OnnxExportResult(Path file, String netG, List<String> inputs, String output, int opset,
        String normalization, long sizeMultiple, long bytes) {
    /** Copies the list. */
    public OnnxExportResult {
        inputs = List.copyOf(inputs);
    }
}
