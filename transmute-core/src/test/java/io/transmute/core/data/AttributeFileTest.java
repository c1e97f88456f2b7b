package io.transmute.core.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.transmute.core.DataException;
import io.transmute.core.InvalidOptionException;
import io.transmute.core.random.Rng;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AttributeFileTest {
    private static final Path SRC = Path.of("list_attr_celeba.txt");

    @TempDir
    Path tmp;

    @Test
    void parse_readsNamesAndValues_withRunsOfSpaces() {
        AttributeFile f = AttributeFile.parse(SRC, List.of("2", "Black_Hair Male  Young",
                "000001.jpg -1  1  1", "000002.jpg  1 -1 -1", ""));
        assertThat(f.names()).containsExactly("Black_Hair", "Male", "Young");
        assertThat(f.rows()).hasSize(2);
        assertThat(f.rows().get(0).file()).isEqualTo("000001.jpg");
        assertThat(f.rows().get(0).values()).containsExactly(-1, 1, 1);
        assertThat(f.columns(List.of("Young", "Black_Hair"))).containsExactly(2, 0);
    }

    @Test
    void parse_rejectsMissingCountLine() {
        assertThatThrownBy(() -> AttributeFile.parse(SRC, List.of("Black_Hair Male", "a.jpg 1 1")))
                .isInstanceOf(DataException.class).hasMessageContaining(":1: expected the image count");
    }

    @Test
    void parse_rejectsHeaderThatIsAnImageLine() {
        assertThatThrownBy(() -> AttributeFile.parse(SRC, List.of("1", "000001.jpg 1 -1", "000001.jpg 1 -1")))
                .isInstanceOf(DataException.class).hasMessageContaining(":2: expected attribute names");
    }

    @Test
    void parse_rejectsWrongColumnCount_namingTheLine() {
        assertThatThrownBy(() -> AttributeFile.parse(SRC, List.of("2", "A B C", "x.jpg 1 1 1", "y.jpg 1 1")))
                .isInstanceOf(DataException.class)
                .hasMessage("list_attr_celeba.txt:4: 2 value(s) after the file name but the header lists 3"
                        + " attributes");
    }

    @Test
    void parse_rejectsValuesOtherThanPlusMinusOne() {
        assertThatThrownBy(() -> AttributeFile.parse(SRC, List.of("1", "A B", "x.jpg 1 0")))
                .isInstanceOf(DataException.class).hasMessageContaining(":3: B is '0'");
    }

    @Test
    void columns_unknownAttribute_listsAvailableOnOneLine() {
        AttributeFile f = AttributeFile.parse(SRC, List.of("1", "Black_Hair Male", "x.jpg 1 1"));
        assertThatThrownBy(() -> f.columns(List.of("Male", "Blond_Hair")))
                .isInstanceOf(InvalidOptionException.class)
                .hasMessage("--selected_attrs Blond_Hair is not in list_attr_celeba.txt; available: Black_Hair Male")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
    }

    @Test
    void pythonShuffle_equalsCPythonRandomShuffle() {
        // python3.11: random.seed(1234); x = list(range(10)); random.shuffle(x)
        List<Integer> small = new ArrayList<>(IntStream.range(0, 10).boxed().toList());
        new PythonShuffle(1234).shuffle(small);
        assertThat(small).containsExactly(2, 8, 3, 5, 6, 4, 9, 0, 1, 7);
        // the same with CelebA's 202599 lines: x[:5] and x[-3:]
        List<Integer> celeba = new ArrayList<>(IntStream.range(0, 202599).boxed().toList());
        new PythonShuffle(1234).shuffle(celeba);
        assertThat(celeba.subList(0, 5)).containsExactly(28135, 25599, 120848, 63577, 83305);
        assertThat(celeba.subList(202596, 202599)).containsExactly(1963, 30631, 115535);
    }

    @Test
    void celebaDataset_splitsAsReference_andLabelsSelectedAttributes() throws Exception {
        Path images = Files.createDirectories(tmp.resolve("images"));
        List<String> lines = new ArrayList<>(List.of("2100", "Black_Hair Blond_Hair Male"));
        for (int i = 0; i < 2100; i++) {
            lines.add(String.format("%06d.jpg %d %d %d", i, i % 2 == 0 ? 1 : -1, i % 2 == 0 ? -1 : 1,
                    i % 3 == 0 ? 1 : -1));
        }
        Path attr = Files.write(tmp.resolve("list_attr_celeba.txt"), lines);
        StarGanDataOptions o = StarGanDataOptions.defaults(StarGanDatasetKind.CELEBA, images, attr, null)
                .withSelectedAttrs(List.of("Male", "Blond_Hair")).withSizes(16, 20, 20);
        CelebADataset train = new CelebADataset(o, ImageSource.imageIo());
        CelebADataset test = new CelebADataset(o.withMode(false, 4), ImageSource.imageIo());
        assertThat(test.size()).isEqualTo(1999);
        assertThat(train.size()).isEqualTo(101);
        List<Integer> order = new ArrayList<>(IntStream.range(0, 2100).boxed().toList());
        new PythonShuffle(1234).shuffle(order);
        assertThat(test.rows().get(0).file()).isEqualTo(String.format("%06d.jpg", order.get(0)));
        assertThat(train.rows().get(0).file()).isEqualTo(String.format("%06d.jpg", order.get(1999)));

        int first = order.get(1999);
        BufferedImage img = new BufferedImage(20, 24, BufferedImage.TYPE_INT_RGB);
        ImageIO.write(img, "png", images.resolve(String.format("%06d.jpg", first)).toFile());
        Sample s = train.get(0, new Rng(1));
        assertThat(s.a().shape()).containsExactly(3, 16, 16);
        assertThat(s.label()).containsExactly(first % 3 == 0 ? 1f : 0f, first % 2 == 0 ? 0f : 1f);
    }

    @Test
    void domainFolders_labelOneHotInSortedFolderOrder() throws Exception {
        for (String d : List.of("sad", "angry", "happy")) {
            Path dir = Files.createDirectories(tmp.resolve("rafd").resolve(d));
            ImageIO.write(new BufferedImage(8, 8, BufferedImage.TYPE_INT_RGB), "png", dir.resolve("a.png").toFile());
        }
        StarGanDataOptions o = StarGanDataOptions.defaults(StarGanDatasetKind.RAFD, null, null, tmp.resolve("rafd"))
                .withSizes(8, 8, 8);
        DomainFolderDataset ds = new DomainFolderDataset(o, ImageSource.imageIo());
        assertThat(ds.domains()).containsExactly("angry", "happy", "sad");
        assertThat(ds.get(2, new Rng(0)).label()).containsExactly(0f, 0f, 1f);
        assertThat(ds.get(0, new Rng(0)).aPath().getParent().getFileName().toString()).isEqualTo("angry");
    }
}
