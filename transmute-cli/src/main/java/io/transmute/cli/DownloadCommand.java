package io.transmute.cli;

import io.transmute.core.InvalidOptionException;
import io.transmute.core.download.DownloadListener;
import io.transmute.core.download.DownloadOptions;
import io.transmute.core.download.DownloadResult;
import io.transmute.core.download.Downloader;
import io.transmute.core.download.EnvironmentProxySelector;
import io.transmute.core.download.ModelCatalogue;
import io.transmute.core.download.PretrainedModel;
import java.io.PrintWriter;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code transmute download}: the reference's pretrained models, where its scripts put them. */
@Command(name = "download", mixinStandardHelpOptions = true,
        header = "Download the reference's pretrained CycleGAN, pix2pix and StarGAN models.",
        footer = {"", "Examples:",
            "  transmute download --list",
            "  transmute download horse2zebra pix2pix:facades_label2photo",
            "  transmute download celeba-128x128-5attrs --mirror file:/srv/models",
            "Then: transmute translate --weights checkpoints/horse2zebra_pretrained/latest_net_G.pth photos/"})
public final class DownloadCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "NAME", arity = "0..*",
            description = "Catalogue names; sat2map, map2sat and facades_label2photo need cyclegan: or pix2pix:.")
    List<String> names = new ArrayList<>();

    @Option(names = "--list", description = "List the catalogue: name, family, size and source.")
    boolean list;

    @Option(names = "--root", paramLabel = "DIR", defaultValue = ".",
            description = "Folder below which checkpoints/<name>_pretrained/ and stargan_celeba_<size>/models/ go"
                    + " (default: ${DEFAULT-VALUE}).")
    Path root;

    @Option(names = "--mirror", paramLabel = "BASE",
            description = "Replace the scheme and host of each address: an http(s) base or a file: folder, e.g."
                    + " file:/srv/m reads /srv/m/cyclegan/pretrained_models/horse2zebra.pth.")
    URI mirror;

    @Option(names = "--timeout", paramLabel = "SECONDS", defaultValue = "30",
            description = "Seconds to wait to connect, for an answer, and for more data (default: ${DEFAULT-VALUE}).")
    long timeout;

    @Option(names = "--retries", paramLabel = "N", defaultValue = "3",
            description = "Resume a cut transfer up to N times (default: ${DEFAULT-VALUE}).")
    int retries;

    @Mixin
    QuietMixin quiet = new QuietMixin();

    @Option(names = "--verbose", description = "Print stack traces on errors.")
    boolean verbose;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        if (list) {
            out.printf("%-9s %-28s %-11s %s%n", "family", "name", "size", "source");
            for (PretrainedModel m : ModelCatalogue.all()) {
                out.printf("%-9s %-28s %-11s %s%n", m.family().cliName(), m.name(), m.size(), m.url());
            }
            out.println("sat2map, map2sat and facades_label2photo are in both catalogues: prefix them with"
                    + " cyclegan: or pix2pix:");
            out.flush();
            return ExitCodes.OK;
        }
        if (names.isEmpty()) {
            throw new InvalidOptionException("name at least one model, e.g. 'transmute download horse2zebra', or"
                    + " use --list");
        }
        List<PretrainedModel> models = names.stream().map(ModelCatalogue::find).toList();
        if (timeout <= 0) {
            throw new InvalidOptionException("--timeout must be positive, got " + timeout);
        }
        DownloadOptions options = new DownloadOptions(root, mirror, Duration.ofSeconds(timeout), retries,
                EnvironmentProxySelector.fromSystem());
        DownloadListener listener = quiet.quiet() ? DownloadListener.NONE
                : new DownloadProgress(spec.commandLine().getErr());
        Downloader downloader = new Downloader(options, listener);
        for (PretrainedModel m : models) {
            DownloadResult r = downloader.download(m);
            for (Path f : r.files()) {
                out.printf("%s: %s%s%n", m.qualifiedName(), f, r.alreadyPresent() ? " (already there, SHA-256 checked)"
                        : "");
            }
            out.flush();
        }
        return ExitCodes.OK;
    }
}
