package io.transmute.core.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.transmute.core.DataException;
import java.awt.image.BufferedImage;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ImageSourceTest {
    @TempDir
    Path dir;

    private final ImageSource source = ImageSource.imageIo();

    @Test
    void sixteenBitGray_keepsFullPrecision() {
        Path f = TestImages.gray16(dir.resolve("g.png"), 2, 1, new int[] {1, 65534});
        Picture p = source.read(f, 1);
        assertThat(p.bitDepth()).isEqualTo(16);
        assertThat(p.pixels()[0]).isCloseTo(1 / 65535f, within(1e-9f));
        assertThat(p.pixels()[1]).isCloseTo(65534 / 65535f, within(1e-9f));
        Picture rgb = source.read(f, 3);
        assertThat(rgb.channels()).isEqualTo(3);
        assertThat(rgb.get(2, 1, 0)).isEqualTo(p.pixels()[1]);
    }

    @Test
    void rgbToGray_usesPilsRoundedLuma() {
        // 200*0.299 + 100*0.587 + 50*0.114 = 124.2 -> 124
        Path f = TestImages.rgb(dir.resolve("c.bmp"), 1, 1, (x, y) -> (200 << 16) | (100 << 8) | 50);
        assertThat(source.read(f, 1).pixels()[0] * 255f).isCloseTo(124f, within(1e-4f));
        assertThat(source.read(f, 3).pixels()).containsExactly(200 / 255f, 100 / 255f, 50 / 255f);
    }

    @Test
    void rgbaPng_dropsAlpha() {
        BufferedImage img = new BufferedImage(1, 1, BufferedImage.TYPE_INT_ARGB);
        img.setRGB(0, 0, 0x10203040);
        Path f = TestImages.save(img, dir.resolve("a.png"));
        assertThat(source.read(f, 3).pixels()).containsExactly(0x20 / 255f, 0x30 / 255f, 0x40 / 255f);
    }

    @Test
    void binaryPpm_isRead_asTheReferenceListsIt() throws Exception {
        byte[] header = "P6\n1 1\n255\n".getBytes(StandardCharsets.US_ASCII);
        byte[] file = Arrays.copyOf(header, header.length + 3);
        file[header.length] = (byte) 200;
        file[header.length + 1] = 100;
        file[header.length + 2] = 50;
        Path f = Files.write(dir.resolve("c.ppm"), file);

        assertThat(source.read(f, 3).pixels()).containsExactly(200 / 255f, 100 / 255f, 50 / 255f);
        assertThat(source.read(f, 1).pixels()[0] * 255f).isCloseTo(124f, within(1e-4f));
    }

    @Test
    void unreadableFiles_areUnreadableImageExceptions_whichTheLoaderSkips() throws Exception {
        Path f = Files.writeString(dir.resolve("bad.png"), "not a png");
        assertThatThrownBy(() -> source.read(f, 3)).isInstanceOf(UnreadableImageException.class)
                .hasMessageStartingWith(f + ": not a readable image")
                .satisfies(e -> assertThat(((UnreadableImageException) e).path()).isEqualTo(f));
    }

    @Test
    void garbage_andMissingFiles_areDataExceptionsNamingThePath() throws Exception {
        Path f = dir.resolve("bad.jpg");
        Files.writeString(f, "not a jpeg");
        assertThatThrownBy(() -> source.read(f, 3)).isInstanceOf(DataException.class).hasMessageStartingWith(
                f.toString());
        assertThatThrownBy(() -> source.read(dir.resolve("none.png"), 3)).hasMessageContaining("no such file");
    }
}
