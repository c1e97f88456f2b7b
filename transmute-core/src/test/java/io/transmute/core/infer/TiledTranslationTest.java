package io.transmute.core.infer;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TiledTranslationTest {
    @Test
    void starts_coverTheSideWithTheOverlap_andEndAtTheEdge() {
        assertThat(TiledTranslation.starts(1000, 256, 32)).containsExactly(0, 224, 448, 672, 744);
        assertThat(TiledTranslation.starts(256, 256, 32)).containsExactly(0);
        assertThat(TiledTranslation.starts(100, 256, 32)).containsExactly(0);
        assertThat(TiledTranslation.starts(300, 256, 0)).containsExactly(0, 44);
    }

    @Test
    void parseBytes_readsUnits_andFormatRoundTrips() {
        assertThat(Tiling.parseBytes("8G")).isEqualTo(8L << 30);
        assertThat(Tiling.parseBytes("512MB")).isEqualTo(512L << 20);
        assertThat(Tiling.parseBytes("1.5g")).isEqualTo(3L << 29);
        assertThat(Tiling.parseBytes("4096")).isEqualTo(4096);
        assertThat(Tiling.format(452L << 20)).isEqualTo("452 MB");
        assertThat(Tiling.format(3L << 29)).isEqualTo("1.5 GB");
    }
}
