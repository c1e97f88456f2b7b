package io.transmute.core.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.transmute.core.InvalidOptionException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class DataOptionsTest {
    private final DataOptions base = DataOptions.defaults(Path.of("datasets/facades"), DatasetMode.ALIGNED);

    @Test
    void defaults_followTheReference() {
        assertThat(base.phase()).isEqualTo("train");
        assertThat(base.loadSize()).isEqualTo(286);
        assertThat(base.cropSize()).isEqualTo(256);
        assertThat(base.preprocess()).isEqualTo(Preprocess.RESIZE_AND_CROP);
        assertThat(base.numThreads()).isEqualTo(4);
        assertThat(base.maxDatasetSize()).isEqualTo(Integer.MAX_VALUE);
        assertThat(base.batchSize()).isEqualTo(1);
    }

    @Test
    void cropLargerThanLoad_isRejectedWithOneActionableLine() {
        assertThatThrownBy(() -> base.withPreprocess(Preprocess.RESIZE_AND_CROP, 286, 300))
                .isInstanceOf(InvalidOptionException.class)
                .hasMessage("--crop_size 300 is larger than --load_size 286; use --crop_size <= --load_size or "
                        + "--preprocess crop");
        assertThat(base.withPreprocess(Preprocess.CROP, 286, 300).cropSize()).isEqualTo(300);
    }

    @Test
    void colorization_requiresOneToTwoChannelsAtoB() {
        DataOptions c = DataOptions.defaults(Path.of("d"), DatasetMode.COLORIZATION);
        assertThat(c.inputNc()).isEqualTo(1);
        assertThatThrownBy(() -> c.withChannels(3, 3)).isInstanceOf(InvalidOptionException.class)
                .hasMessageContaining("--input_nc 1 --output_nc 2 --direction AtoB");
    }

    @Test
    void badCountsAndChannels_nameTheOption() {
        assertThatThrownBy(() -> base.withLoading(0, 4)).hasMessageStartingWith("--batch_size 0");
        assertThatThrownBy(() -> base.withLoading(1, -1)).hasMessageStartingWith("--num_threads -1");
        assertThatThrownBy(() -> base.withChannels(2, 3)).hasMessageStartingWith("--input_nc 2");
        assertThatThrownBy(() -> base.withPhase("")).hasMessageContaining("--phase");
        assertThatThrownBy(() -> DataOptions.defaults(null, DatasetMode.SINGLE)).hasMessageContaining("--dataroot");
    }

    @Test
    void channelsFollowTheDirection() {
        DataOptions o = base.withChannels(1, 3);
        assertThat(o.channelsA()).isEqualTo(1);
        assertThat(o.withDirection(Direction.B_TO_A).channelsA()).isEqualTo(3);
        assertThat(o.withDirection(Direction.B_TO_A).channelsB()).isEqualTo(1);
    }

    @Test
    void cliNames_roundTrip() {
        for (DatasetMode m : DatasetMode.values()) {
            assertThat(DatasetMode.fromCliName(m.cliName())).isEqualTo(m);
        }
        for (Preprocess p : Preprocess.values()) {
            assertThat(Preprocess.fromCliName(p.cliName())).isEqualTo(p);
        }
        assertThat(Direction.fromCliName("BtoA")).isEqualTo(Direction.B_TO_A);
        assertThatThrownBy(() -> DatasetMode.fromCliName("paired")).hasMessageContaining("aligned, unaligned");
    }
}
