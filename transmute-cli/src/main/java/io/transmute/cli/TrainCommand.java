package io.transmute.cli;

import io.transmute.core.dist.DistOptions;
import io.transmute.core.dist.DistributedContext;
import io.transmute.core.dist.WorkerLauncher;
import io.transmute.core.option.OptionKey;
import io.transmute.core.report.StandardListeners;
import io.transmute.core.train.StopSignals;
import io.transmute.core.train.TrainOptionCatalog;
import io.transmute.core.train.TrainOptions;
import io.transmute.core.train.Trainer;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.IModelTransformer;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParseResult;
import picocli.CommandLine.Spec;

/** {@code transmute train}: the reference's {@code train.py}. */
@Command(name = "train", mixinStandardHelpOptions = true, modelTransformer = TrainCommand.Options.class,
        header = "Train a pix2pix, CycleGAN or style-transfer model, with the reference's options, files and defaults.",
        description = {"Checkpoints, loss_log.txt, train_opt.txt, run.json and the web/ report go to "
                + "<checkpoints_dir>/<name>/. Every checkpoint also writes <label>_train_state.pth, from which "
                + "--continue_train resumes exactly with the stored options; of the options given with "
                + "--continue_train only {resumable} may differ from the stored run.", "",
                "With --model stargan the run follows yunjey/stargan: --num_iters iterations over the data, no "
                + "epochs; every --model_save_step it writes <iter>-G.ckpt, <iter>-D.ckpt and latest; "
                + "--resume_iters N starts from <N>-G.ckpt/<N>-D.ckpt, --continue_train from latest exactly.", "",
                "Example:", "  transmute train --dataroot ./datasets/facades --name facades_pix2pix --model pix2pix "
                + "--direction BtoA", "  transmute train --name facades_pix2pix --continue_train",
                "  transmute train --model style_transfer --dataroot ./coco_images --name candy "
                + "--style_image ./candy.jpg --vgg_weights ./vgg16-397923af.pth",
                "  transmute train --model stargan --dataset CelebA --celeba_image_dir data/celeba/images "
                + "--attr_path data/celeba/list_attr_celeba.txt --name celeba_stargan"})
public final class TrainCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    RuntimeMixin runtime = new RuntimeMixin();

    @Mixin
    DistributedMixin dist = new DistributedMixin();

    @Option(names = "--overwrite", description = "Start a new run over an existing one of the same --name,"
            + " replacing its checkpoints; without it (or --continue_train) such a run is refused.")
    boolean overwrite;

    @Option(names = "--config", paramLabel = "FILE", description = "Options from a YAML or JSON file, e.g."
            + " 'n_epochs: 5' or {\"netG\": \"unet_256\"}; options on the command line win.")
    Path config;

    @Override
    public Integer call() {
        if (config != null) {
            return withConfig();
        }
        if (dist.processesToStart() > 1) {
            return launchWorkers(dist.processesToStart());
        }
        TrainOptions.Builder given = DeclaredOptions.given(spec.commandLine().getParseResult(),
                new TrainOptions.Builder());
        Trainer prepared = Trainer.prepare(given).overwriting(overwrite);
        DistOptions joining = dist.toOptions(System.getenv());
        try (DistributedContext context = joining == null ? DistributedContext.single()
                : DistributedContext.join(joining)) {
            return train(prepared.distributed(context), context.leader());
        }
    }

    private Integer train(Trainer trainer, boolean leader) {
        TrainOptions o = trainer.options();
        var out = spec.commandLine().getOut();
        // printed once the dataset, run folder and checkpoint are checked, so that an error is not buried under it
        StringBuilder header = new StringBuilder(o.describe());
        trainer.resumedFrom().ifPresent(f -> header.append("continuing exactly from ").append(f).append('\n'));
        trainer.referenceStart().ifPresent(l -> header.append("continuing from the weights ").append(l)
                .append("_net_*.pth at epoch ").append(o.schedule().epochCount()).append('\n'));
        PrintStream terminal = Terminal.stderrIsTerminal() ? System.err : null;
        Trainer.Result r;
        String signal;
        int signalExit;
        try (StopSignals signals = StopSignals.install(trainer::requestStop)) {
            r = trainer.run(StandardListeners.forRun(trainer.options(),
                    new ProgressListener(out, terminal, header.toString())));
            signal = signals.received();
            signalExit = signals.exitCode();
        }
        if (!leader) {
            return signal != null ? signalExit : ExitCodes.OK;
        }
        Path runDir = o.runDir();
        out.println((r.completed() ? "Training finished" : signal != null ? "Training stopped by SIG" + signal
                + ", with a resume point saved," : "Training stopped") + " at epoch "
                + r.position().epoch() + ", total_iters " + r.position().totalIters() + ".");
        if (!r.skippedFiles().isEmpty()) {
            out.println("Skipped " + r.skippedFiles().size() + " unreadable image(s), e.g. "
                    + r.skippedFiles().get(0));
        }
        out.println("Checkpoints: " + runDir);
        out.println("Loss log:    " + runDir.resolve("loss_log.txt"));
        if (!o.noHtml()) {
            out.println("Report:      " + runDir.resolve("web").resolve("index.html"));
        }
        if (!r.completed()) {
            out.println("Continue with: transmute train --checkpoints_dir " + o.checkpointsDir() + " --name "
                    + o.name() + " --continue_train");
        }
        out.flush();
        return signal != null ? signalExit : ExitCodes.OK;
    }

    /**
     * {@code --nproc_per_node N}: this command line again in N worker processes, each told its rank; like
     * {@code torchrun}, each worker gets one N-th of the cores unless {@code --threads} is given.
     */
    private Integer launchWorkers(int processes) {
        ParseResult parsed = spec.commandLine().getParseResult();
        List<String> args = new ArrayList<>(List.of("train"));
        args.addAll(matchedArguments(parsed, "--nproc_per_node"));
        if (!parsed.hasMatchedOption("--threads")) {
            args.addAll(List.of("--threads",
                    Integer.toString(Math.max(1, Runtime.getRuntime().availableProcessors() / processes))));
        }
        WorkerLauncher.Outcome outcome = new WorkerLauncher(TransmuteCommand.class.getName(), args)
                .run(processes);
        if (outcome.failedRank() >= 0) {
            int code = outcome.exitCodes().get(outcome.failedRank());
            spec.commandLine().getErr().println("error: rank " + outcome.failedRank() + " of " + processes
                    + (code == -1 ? " did not exit and was stopped" : " exited with code " + code)
                    + " (exit codes by rank: " + outcome.exitCodes() + ", -1 = stopped: still running 10 s after"
                    + " another rank failed, or 60 s after another finished); see its error above");
            spec.commandLine().getErr().flush();
        }
        return outcome.exitCode();
    }

    /** The options given on the command line, as arguments, without the ones named. */
    private static List<String> matchedArguments(ParseResult parsed, String... skip) {
        List<String> out = new ArrayList<>();
        for (OptionSpec option : parsed.matchedOptions()) {
            if (List.of(skip).contains(option.longestName())) {
                continue;
            }
            out.add(option.longestName());
            if (option.arity().max() > 0) {
                out.addAll(option.originalStringValues());
            }
        }
        return out;
    }

    /** Runs train again with the config file's options ahead of the command line's. */
    private Integer withConfig() {
        ParseResult parsed = spec.commandLine().getParseResult();
        Set<String> given = new HashSet<>();
        List<String> commandLine = new ArrayList<>();
        for (OptionSpec option : parsed.matchedOptions()) {
            if (option.longestName().equals("--config")) {
                continue;
            }
            given.add(option.longestName());
            if (option.arity().max() == 0) {
                commandLine.add(option.longestName());
            } else {
                commandLine.add(option.longestName());
                commandLine.addAll(option.originalStringValues());
            }
        }
        List<String> args = new ArrayList<>(List.of("train"));
        args.addAll(ConfigFile.arguments(config, given));
        args.addAll(commandLine);
        return TransmuteCommand.commandLine(spec.commandLine().getOut(), spec.commandLine().getErr())
                .execute(args.toArray(String[]::new));
    }

    /** Adds every training option the core declares ({@link TrainOptionCatalog#all()}) to the command. */
    public static final class Options implements IModelTransformer {
        @Override
        public CommandSpec transform(CommandSpec spec) {
            // the description names the options a continued run may change, from their declarations
            String resumable = String.join(", ", TrainOptionCatalog.resumable().stream().map(OptionKey::cliName)
                    .toList());
            spec.usageMessage().description(Arrays.stream(spec.usageMessage().description())
                    .map(line -> line.replace("{resumable}", resumable)).toArray(String[]::new));
            return DeclaredOptions.addTo(spec, TrainOptionCatalog.all());
        }
    }
}
