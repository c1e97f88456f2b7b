package io.transmute.cli;

import io.transmute.core.InvalidOptionException;
import io.transmute.core.bench.Workload;
import io.transmute.core.bench.Workloads;
import io.transmute.core.model.ModelRegistry;
import io.transmute.core.torch.Device;
import io.transmute.core.torch.Precision;
import io.transmute.core.torch.Torch;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code transmute bench}: the workloads of docs/PERFORMANCE.md, printed in the same format as
 * {@code bench/pytorch_bench.py} so both can be run interleaved on one machine.
 */
@Command(name = "bench", mixinStandardHelpOptions = true,
        header = "Measure inference images/s, training s/iter and memory on synthetic inputs.",
        footer = {"", "Examples:",
            "  transmute bench --what infer --netG unet_256 --threads 2",
            "  transmute bench --what infer --netG resnet_9blocks --size 64 --iters 1000 --warmup 10   # RSS flatness",
            "  transmute bench --what p2p_train --threads 1",
            "  transmute bench --what stargan_train --size 128 --batch_size 16 --iters 10",
            "  transmute bench --what style_train --size 256 --iters 10"})
public final class BenchCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    RuntimeMixin runtime;

    @Mixin
    PrecisionMixin precision = new PrecisionMixin();

    @Option(names = "--what", defaultValue = "infer", paramLabel = "WORK",
            description = "infer, p2p_train (unet_256 + PatchGAN, batch norm, vanilla GAN), cycle_train"
                    + " (2x resnet_9blocks + 2x PatchGAN, instance norm, LSGAN, pools) or stargan_train (StarGAN"
                    + " CelebA defaults, c_dim 5, WGAN-GP; a G update every 5th iteration, so give --iters a"
                    + " multiple of 5) or style_train (transformer_net with content, Gram style and TV losses"
                    + " through a frozen VGG-16, randomly initialised so that no --vgg_weights is needed)"
                    + " (default: ${DEFAULT-VALUE}).")
    String what;

    @Option(names = "--netG", defaultValue = "unet_256", description = "Generator for --what infer"
            + " (default: ${DEFAULT-VALUE}); for the training workloads, replaces the model's default generator.")
    String netG;

    @Option(names = "--kernels", defaultValue = "auto", paramLabel = "KIND",
            description = "Convolution kernels for --what infer: auto (as translation chooses), onednn or native"
                    + " (default: ${DEFAULT-VALUE}).")
    String kernels;

    @Option(names = "--size", defaultValue = "256", description = "Image side (default: ${DEFAULT-VALUE}).")
    int size;

    @Option(names = "--batch_size", defaultValue = "1", description = "Batch size (default: ${DEFAULT-VALUE};"
            + " style_train: 4, style_transfer's).")
    int batchSize;

    @Option(names = "--iters", defaultValue = "10", description = "Timed iterations (default: ${DEFAULT-VALUE}).")
    int iters;

    @Option(names = "--warmup", defaultValue = "2", description = "Untimed iterations first (default: ${DEFAULT-VALUE}).")
    int warmup;

    @Override
    public Integer call() {
        if (iters < 1 || warmup < 0 || size < 1 || batchSize < 1) {
            throw new InvalidOptionException("--iters, --size and --batch_size must be at least 1, --warmup at least 0");
        }
        Device device = runtime.apply();
        Precision p = precision.precision();
        if (p != Precision.FLOAT32 && !what.equals("infer")) {
            throw new InvalidOptionException("--precision " + p + " is for --what infer; training runs in float32");
        }
        PrintWriter out = spec.commandLine().getOut();
        if (what.equals("style_train") && !spec.commandLine().getParseResult().hasMatchedOption("--batch_size")) {
            batchSize = ModelRegistry.get("style_transfer").dataDefaults().batchSize();
        }
        Workload work = switch (what) {
            case "infer" -> Workloads.inference(netG, size, batchSize, device, switch (kernels) {
                case "auto" -> null;
                case "onednn" -> false;
                case "native" -> true;
                default -> throw new InvalidOptionException("--kernels " + kernels + ": use auto, onednn or native");
            }, p);
            case "style_train" -> Workloads.styleTransfer(size, batchSize, device, out::println);
            default -> Workloads.training(what, size, batchSize, device,
                    spec.commandLine().getParseResult().hasMatchedOption("--netG") ? netG : null);
        };
        try (work) {
            for (int i = 0; i < warmup; i++) {
                work.step();
            }
            double rssAfterWarmup = ProcessMemory.rssMb();
            long t0 = System.nanoTime();
            for (int i = 0; i < iters; i++) {
                work.step();
            }
            double dt = (System.nanoTime() - t0) / 1e9 / iters;
            double rssEnd = ProcessMemory.rssMb();
            double peak = ProcessMemory.peakRssMb();
            work.note().ifPresent(out::println);
            String where = what + (what.equals("infer") ? " " + netG : "") + " " + size + "x" + size + " batch "
                    + batchSize + " threads " + Torch.threads() + " " + device
                    + (p == Precision.FLOAT32 ? "" : " " + p);
            if (what.equals("infer")) {
                out.printf("transmute %s: %.2f images/s, peak RSS %.0f MB, RSS %.0f MB after warm-up -> %.0f MB after"
                        + " %d batches%n", where, batchSize / dt, peak, rssAfterWarmup, rssEnd,
                        iters);
            } else {
                out.printf("transmute %s: %.3f s/iter, peak RSS %.0f MB, RSS %.0f MB after warm-up -> %.0f MB after"
                        + " %d iterations%n", where, dt, peak, rssAfterWarmup, rssEnd, iters);
            }
        }
        out.flush();
        return ExitCodes.OK;
    }
}
