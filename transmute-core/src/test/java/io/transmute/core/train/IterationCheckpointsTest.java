package io.transmute.core.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.transmute.core.CheckpointException;
import io.transmute.core.io.PthReader;
import io.transmute.core.io.StateDict;
import io.transmute.core.io.TensorData;
import io.transmute.core.model.ModelOptions;
import io.transmute.core.model.ModelRegistry;
import io.transmute.core.model.StarGanModel;
import io.transmute.core.model.StarGanOptions;
import io.transmute.core.random.Rng;
import io.transmute.core.testing.Fixtures;
import io.transmute.core.torch.Device;
import io.transmute.core.torch.Torch;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IterationCheckpointsTest {
    @TempDir
    Path tmp;

    static StarGanModel model(StarGanOptions so, boolean train, long seed) {
        Torch.seed(seed);
        ModelOptions o = new ModelOptions.Builder().set(ModelOptions.STARGAN, so).set(ModelOptions.IS_TRAIN, train)
                .build();
        return (StarGanModel) ModelRegistry.get("stargan").create(o, Device.CPU, new Rng(seed));
    }

    @Test
    void referenceCheckpoints_loadAndWriteBack_withFixtureKeysAndLabelNames() throws Exception {
        StarGanOptions so = StarGanOptions.DEFAULTS.withNetworks(128, 4, 4, 6, 6);
        Path in = Files.createDirectories(tmp.resolve("in"));
        Files.copy(Fixtures.file("stargan_G_dim4_c5.pth"), in.resolve("7-G.ckpt"));
        Files.copy(Fixtures.file("stargan_D_c5_dim4.pth"), in.resolve("7-D.ckpt"));
        try (StarGanModel m = model(so, true, 0)) {
            IterationCheckpoints.load(in, 7, m, true);
            assertThat(m.iteration()).isEqualTo(7);
            Path g = IterationCheckpoints.save(tmp.resolve("out"), m.iteration(), m).get(0);
            assertThat(g.getFileName().toString()).isEqualTo("7-G.ckpt");
            assertThat(tmp.resolve("out/7-D.ckpt")).exists();

            StateDict written = PthReader.read(g);
            List<Fixtures.KeyShape> keys = Fixtures.keys("stargan_G_dim4_c5.keys.txt");
            assertThat(written.keyList()).containsExactlyElementsOf(keys.stream().map(Fixtures.KeyShape::key)
                    .toList());
            for (Fixtures.KeyShape k : keys) {
                assertThat(written.get(k.key()).shape()).as(k.key())
                        .containsExactly(k.shape().stream().mapToLong(Long::longValue).toArray());
            }
            StateDict original = PthReader.read(in.resolve("7-G.ckpt"));
            for (String key : original.keyList()) {
                TensorData a = original.get(key);
                TensorData b = written.get(key);
                assertThat(b.data()).as(key).isEqualTo(a.data());
            }
            Map<String, String> records = PthReader.readRecords(g);
            assertThat(records.get("stargan_labels").split("\n")).containsExactlyElementsOf(so.selectedAttrs());
            assertThat(records.get("stargan_dataset")).isEqualTo("CelebA");
        }
    }
    @Test
    void missingIteration_namesTheSavedOnes() throws Exception {
        StarGanOptions so = StarGanOptions.DEFAULTS.withNetworks(128, 4, 4, 6, 6);
        Path in = Files.createDirectories(tmp.resolve("in"));
        Files.copy(Fixtures.file("stargan_G_dim4_c5.pth"), in.resolve("7-G.ckpt"));
        try (StarGanModel m = model(so, false, 0)) {
            assertThatThrownBy(() -> IterationCheckpoints.load(in, 5, m, false))
                    .isInstanceOf(CheckpointException.class).hasMessageContaining("saved iterations in")
                    .hasMessageContaining("[7]");
            IterationCheckpoints.load(in, 7, m, false);
            assertThat(m.iteration()).isEqualTo(7);
        }
        try (StarGanModel training = model(so, true, 0)) {
            assertThatThrownBy(() -> IterationCheckpoints.load(in, 7, training, true))
                    .isInstanceOf(CheckpointException.class).hasMessageContaining("7-D.ckpt");
        }
    }
}
