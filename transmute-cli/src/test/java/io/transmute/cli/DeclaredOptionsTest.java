package io.transmute.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.transmute.core.model.ModelOptions;
import io.transmute.core.option.OptionKey;
import io.transmute.core.train.StarGanOptionKeys;
import io.transmute.core.train.TrainOptionCatalog;
import io.transmute.core.train.TrainOptions;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DeclaredOptionsTest {
    @TempDir
    Path tmp;

    // picocli wraps help at any width; compare without white space
    private static String flat(String s) {
        return s.replaceAll("\\s+", "");
    }

    @Test
    void trainHelp_listsEveryDeclaredOption_withItsHelpAndDefaults() {
        CliRun r = CliRun.of("train", "--help");
        assertThat(r.exitCode()).as(r.err()).isZero();
        String help = flat(r.out());
        for (OptionKey<?> key : TrainOptionCatalog.all()) {
            assertThat(r.out()).as("train --help").contains(key.cliName());
            if (!key.cliName().equals("--threads") && !key.cliName().equals("--device")
                    && !key.cliName().equals("--seed") && !key.cliName().equals("--verbose")) {
                // the runtime options shared by every command keep their own help
                assertThat(help).as("help of %s", key).contains(flat(TrainOptionCatalog.help(key)));
            }
        }
        assertThat(help).contains(flat("--gan_mode=MODE The GAN objective: vanilla, lsgan, wgangp. (default: lsgan;"
                + " pix2pix, colorization, discogan: vanilla)"));
        assertThat(help).contains(flat("--lambda_L1=X pix2pix, colorization: Weight of the L1 loss. (default: 100)"));
    }

    @Test
    void trainHelp_namesTheResumableOptionsFromTheirDeclarations() {
        String help = flat(CliRun.of("train", "--help").out());
        String sentence = help.substring(help.indexOf("--continue_trainonly"), help.indexOf("maydifferfromthestored"));
        List<String> named = List.of(sentence.substring("--continue_trainonly".length()).split(","));
        assertThat(named).containsExactlyElementsOf(TrainOptionCatalog.resumable().stream().map(OptionKey::cliName)
                .toList());
        assertThat(named).contains("--n_epochs", "--checkpoints_dir").doesNotContain("--ngf", "--lambda_L1");
    }

    @Test
    void testHelp_listsTheBaseAndStarGanOptions_butNotTheTrainingLoops() {
        CliRun r = CliRun.of("test", "--help");
        assertThat(r.exitCode()).as(r.err()).isZero();
        for (OptionKey<?> key : TrainOptions.BASE_KEYS) {
            assertThat(r.out()).contains(key.cliName());
        }
        assertThat(r.out()).contains(ModelOptions.NET_G.cliName(), StarGanOptionKeys.TEST_ITERS.cliName())
                .doesNotContain("--save_latest_freq", "--lambda_L1")
                // test's own --phase keeps its default
                .contains("(default: test)");
    }

    @Test
    void aModelsOwnOption_givenForAnotherModel_isAOneLineUsageError() {
        CliRun r = CliRun.of("train", "--model", "pix2pix", "--dataroot", tmp.toString(), "--checkpoints_dir",
                tmp.resolve("ck").toString(), "--lambda_A", "3");
        assertThat(r.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(r.errorLine()).isEqualTo("error: --lambda_A is an option of --model cycle_gan, discogan; --model"
                + " pix2pix does not take it, drop it");
    }

    @Test
    void aValueThatDoesNotFitItsOption_isAOneLineUsageError() {
        CliRun r = CliRun.of("train", "--model", "pix2pix", "--dataroot", tmp.toString(), "--ngf", "many");
        assertThat(r.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(r.errorLine()).contains("--ngf 'many'");
    }
}
