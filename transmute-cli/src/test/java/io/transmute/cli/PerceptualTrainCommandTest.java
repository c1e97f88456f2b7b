package io.transmute.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.transmute.core.data.SyntheticShapes;
import io.transmute.core.io.ImageCodec;
import io.transmute.core.io.ImageData;
import io.transmute.core.io.PthWriter;
import io.transmute.core.nn.ModuleWeights;
import io.transmute.core.nn.Vgg16Features;
import io.transmute.core.nn.VggLayer;
import io.transmute.core.torch.Torch;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PerceptualTrainCommandTest {
    @TempDir
    static Path shared;
    static Path content;
    static Path style;
    static Path pairs;
    static Path vgg;

    @TempDir
    Path tmp;

    @BeforeAll
    static void data() {
        SyntheticShapes.writeUnaligned(shared.resolve("unaligned"), 8, 0, 32, 3);
        content = shared.resolve("unaligned").resolve("trainA");
        style = shared.resolve("unaligned").resolve("trainB").resolve("0000.png");
        pairs = shared.resolve("aligned");
        SyntheticShapes.writeAligned(pairs, 4, 1, 32, 1);
        // style_transfer's default layers reach relu4_3: a randomly initialised VGG-16 has the same keys and work
        vgg = shared.resolve("vgg16_random.pth");
        Torch.init();
        Torch.seed(26);
        try (Vgg16Features net = Vgg16Features.randomlyInitialised(VggLayer.all())) {
            PthWriter.write(vgg, ModuleWeights.export(net));
        }
    }

    private List<String> styleTransfer(String... extra) {
        List<String> a = new ArrayList<>(List.of("train", "--model", "style_transfer", "--dataroot",
                content.toString(), "--checkpoints_dir", tmp.resolve("ck").toString(), "--name", "st",
                "--crop_size", "32", "--load_size", "32", "--max_iters", "8", "--print_freq", "4",
                "--display_freq", "4", "--num_threads", "0", "--threads", "1"));
        a.addAll(List.of(extra));
        return a;
    }

    private List<String> pix2pix(String... extra) {
        List<String> a = new ArrayList<>(List.of("train", "--model", "pix2pix", "--dataroot", pairs.toString(),
                "--checkpoints_dir", tmp.resolve("ck").toString(), "--name", "p2p", "--netG", "unet_32", "--ngf",
                "8", "--ndf", "8", "--load_size", "32", "--crop_size", "32", "--batch_size", "2", "--max_iters",
                "4", "--print_freq", "2", "--display_freq", "2", "--num_threads", "0", "--threads", "1"));
        a.addAll(List.of(extra));
        return a;
    }

    private static void assertOneLineError(CliRun r, int code, String fragment) {
        assertThat(r.exitCode()).as(r.err()).isEqualTo(code);
        assertThat(r.errorLine()).contains(fragment);
        assertThat(r.err()).doesNotContain("\tat ");
    }

    @Test
    void styleTransfer_trainsWithItsOwnDefaults_thenTestsAndTranslates() throws Exception {
        CliRun train = CliRun.of(styleTransfer("--style_image", style.toString(), "--vgg_weights", vgg.toString())
                .toArray(String[]::new));
        assertThat(train.exitCode()).as(train.err()).isZero();
        Path run = tmp.resolve("ck").resolve("st");
        List<String> opt = Files.readAllLines(run.resolve("train_opt.txt"));
        // style_transfer's defaults apply where nothing was given; given values override them
        assertThat(opt).contains(String.format("%25s: %-30s", "batch_size", "4"))
                .contains(String.format("%25s: %-30s", "lr", "0.001"))
                .contains(String.format("%25s: %-30s", "dataset_mode", "single"))
                .contains(String.format("%25s: %-30s", "netG", "transformer_net"))
                .contains(String.format("%25s: %-30s%s", "crop_size", "32", "\t[default: 256]"))
                .contains(String.format("%25s: %-30s%s", "load_size", "32", "\t[default: 256]"))
                .contains(String.format("%25s: %-30s", "style_weight", "10.0"))
                .contains(String.format("%25s: %-30s%s", "style_image", style, "\t[default: None]"));
        assertThat(train.out()).contains("The number of training images = 8");
        assertThat(Files.readString(run.resolve("loss_log.txt"))).contains("content: ").contains("style: ")
                .contains("tv: ").doesNotContain("G_GAN");
        Path weights = run.resolve("latest_net_G.pth");
        assertThat(weights).exists();

        CliRun test = CliRun.of("test", "--model", "style_transfer", "--checkpoints_dir",
                tmp.resolve("ck").toString(), "--name", "st", "--results_dir", tmp.resolve("results").toString(),
                "--num_test", "3", "--load_size", "32", "--crop_size", "32", "--threads", "1");
        assertThat(test.exitCode()).as(test.err()).isZero();
        assertThat(test.out()).contains("Tested 3 images of st (style_transfer, latest).");
        assertThat(Files.readString(tmp.resolve("results").resolve("st").resolve("test_latest").resolve("index.html")))
                .contains("stylized");

        Path out = tmp.resolve("stylised");
        CliRun translate = CliRun.of("translate", "--weights", weights.toString(), content.toString(), "-o",
                out.toString(), "--quiet", "--threads", "1");
        assertThat(translate.exitCode()).as(translate.err()).isZero();
        ImageData source = ImageCodec.read(content.resolve("0000.png"), 3);
        ImageData stylised = ImageCodec.read(out.resolve("0000.png"), 3);
        assertThat(stylised.width()).isEqualTo(32);
        assertThat(stylised.height()).isEqualTo(32);
        assertThat(stylised.planes()).isNotEqualTo(source.planes());
        try (var files = Files.list(out)) {
            assertThat(files.count()).isEqualTo(8);
        }
    }

    @Test
    void pix2pix_lambdaPerceptual_logsGPerceptual() throws Exception {
        CliRun train = CliRun.of(pix2pix("--lambda_perceptual", "1", "--perceptual_layers", "relu1_2,relu2_2",
                "--vgg_weights", vgg.toString()).toArray(String[]::new));
        assertThat(train.exitCode()).as(train.err()).isZero();
        Path run = tmp.resolve("ck").resolve("p2p");
        assertThat(Files.readString(run.resolve("loss_log.txt"))).contains("G_perceptual: ");
        assertThat(Files.readAllLines(run.resolve("train_opt.txt")))
                .contains(String.format("%25s: %-30s%s", "lambda_perceptual", "1.0", "\t[default: 0.0]"))
                .contains(String.format("%25s: %-30s%s", "perceptual_layers", "relu1_2,relu2_2",
                        "\t[default: relu2_2]"));
    }

    @Test
    void pix2pix_withoutPerceptualTerm_logsNoGPerceptual() throws Exception {
        CliRun train = CliRun.of(pix2pix().toArray(String[]::new));
        assertThat(train.exitCode()).as(train.err()).isZero();
        assertThat(Files.readString(tmp.resolve("ck").resolve("p2p").resolve("loss_log.txt"))).contains("G_L1: ")
                .doesNotContain("G_perceptual");
    }

    @Test
    void missingOrBadFiles_giveOneLineErrors() {
        assertOneLineError(CliRun.of(pix2pix("--lambda_perceptual", "1").toArray(String[]::new)), ExitCodes.USAGE,
                "--lambda_perceptual 1.0 needs --vgg_weights PATH");
        assertOneLineError(CliRun.of(styleTransfer("--vgg_weights", vgg.toString()).toArray(String[]::new)),
                ExitCodes.USAGE, "--model style_transfer needs --style_image PATH");
        assertOneLineError(CliRun.of(styleTransfer("--style_image", style.toString()).toArray(String[]::new)),
                ExitCodes.USAGE, "--model style_transfer needs --vgg_weights PATH");
        assertOneLineError(CliRun.of(styleTransfer("--style_image", tmp.resolve("nope.png").toString(),
                "--vgg_weights", vgg.toString()).toArray(String[]::new)), ExitCodes.BAD_INPUT, "nope.png");
        assertOneLineError(CliRun.of(styleTransfer("--style_image", style.toString(), "--vgg_weights",
                tmp.resolve("vgg16.pth").toString()).toArray(String[]::new)), ExitCodes.BAD_INPUT,
                "--vgg_weights " + tmp.resolve("vgg16.pth") + ": no such file");
        assertOneLineError(CliRun.of(pix2pix("--lambda_perceptual", "1", "--vgg_weights", vgg.toString(),
                "--perceptual_layers", "relu5_3").toArray(String[]::new)), ExitCodes.USAGE, "--perceptual_layers");
    }

    @Test
    void benchStyleTrain_runsWithoutFixtures_andSaysItsVggIsRandom() {
        CliRun bench = CliRun.of("bench", "--what", "style_train", "--size", "32", "--iters", "1", "--warmup", "0",
                "--threads", "1");
        assertThat(bench.exitCode()).as(bench.err()).isZero();
        assertThat(bench.out()).contains("VGG-16 randomly initialised")
                .contains("transmute style_train 32x32 batch 4 threads 1").contains(" s/iter");
    }
}
