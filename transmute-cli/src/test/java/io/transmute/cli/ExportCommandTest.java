package io.transmute.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.transmute.core.export.onnx.OnnxProto.ModelProto;
import io.transmute.core.io.PthWriter;
import io.transmute.core.io.StateDict;
import io.transmute.core.io.TensorData;
import io.transmute.core.nn.GeneratorSpec;
import io.transmute.core.nn.ModuleWeights;
import io.transmute.core.nn.NormType;
import io.transmute.core.nn.UpsampleType;
import io.transmute.core.torch.Net;
import io.transmute.core.torch.Torch;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ExportCommandTest {
    @TempDir
    Path dir;

    @BeforeAll
    static void load() {
        Torch.init();
    }

    private Path generator(String name, GeneratorSpec spec, Map<String, String> records) {
        Path p = dir.resolve(name);
        try (Net g = spec.build()) {
            PthWriter.write(p, ModuleWeights.export(g), records);
        }
        return p;
    }

    @Test
    void export_writesAnOnnxModel_andSaysWhatItTakes() throws Exception {
        Path w = generator("latest_net_G.pth",
                GeneratorSpec.of("resnet_2blocks", 3, 3, 4, NormType.BATCH, false, UpsampleType.DECONV), Map.of());
        Path out = dir.resolve("g.onnx");
        CliRun r = CliRun.of("export", "--weights", w.toString(), "-o", out.toString(), "--eval");
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.out()).contains("resnet_2blocks", "opset 17", "image [N, 3, H, W]", "BatchNormalization");
        ModelProto m = ModelProto.parseFrom(Files.readAllBytes(out));
        assertThat(m.getOpsetImport(0).getVersion()).isGreaterThanOrEqualTo(17);
        assertThat(m.getGraph().getInput(0).getName()).isEqualTo("image");
        assertThat(m.getGraph().getInput(0).getType().getTensorType().getShape().getDim(0).getDimParam())
                .isEqualTo("N");
        assertThat(m.getGraph().getInitializerList()).anyMatch(t -> t.getName().equals("model.1.weight"));
    }

    @Test
    void export_ofStarGan_recordsTheGivenLabelNames() throws Exception {
        Path w = generator("200-G.ckpt", GeneratorSpec.stargan(4, 2, 1), Map.of());
        Path out = dir.resolve("s.onnx");
        CliRun r = CliRun.of("export", "--weights", w.toString(), "-o", out.toString(), "--selected_attrs",
                "Blond_Hair", "Male");
        assertThat(r.exitCode()).as(r.err()).isZero();
        ModelProto m = ModelProto.parseFrom(Files.readAllBytes(out));
        assertThat(m.getGraph().getInput(1).getName()).isEqualTo("labels");
        assertThat(m.getMetadataPropsList()).anyMatch(p -> p.getKey().equals("stargan.labels")
                && p.getValue().equals("Blond_Hair,Male"));
    }

    @Test
    void export_withTheWrongNumberOfLabels_isAUsageError() {
        Path w = generator("200-G.ckpt", GeneratorSpec.stargan(4, 2, 1), Map.of());
        CliRun r = CliRun.of("export", "--weights", w.toString(), "-o", dir.resolve("s.onnx").toString(),
                "--selected_attrs", "Blond_Hair");
        assertThat(r.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(r.errorLine()).contains("c_dim 2", "--selected_attrs");
        assertThat(dir.resolve("s.onnx")).doesNotExist();
    }

    @Test
    void export_ofAMissingOrForeignFile_isOneLineBadInput() {
        CliRun missing = CliRun.of("export", "--weights", dir.resolve("nope.pth").toString());
        assertThat(missing.exitCode()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(missing.errorLine()).contains("nope.pth");
        Path foreign = dir.resolve("other.pth");
        PthWriter.write(foreign, new StateDict().put("fc.weight", TensorData.ofFloats(new float[4], 2, 2)));
        CliRun r = CliRun.of("export", "--weights", foreign.toString(), "-o", dir.resolve("o.onnx").toString());
        assertThat(r.exitCode()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(r.errorLine()).contains("not a generator");
        assertThat(r.err()).doesNotContain("\tat ");
    }
}
