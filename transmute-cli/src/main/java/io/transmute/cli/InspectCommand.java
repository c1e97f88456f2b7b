package io.transmute.cli;

import io.transmute.core.CheckpointException;
import io.transmute.core.TransmuteException;
import io.transmute.core.infer.TorchScriptGenerator;
import io.transmute.core.io.CheckpointIntegrity;
import io.transmute.core.io.StateDict;
import io.transmute.core.io.TensorData;
import io.transmute.core.io.WeightFiles;
import io.transmute.core.nn.ArchitectureInference;
import io.transmute.core.nn.GeneratorSpec;
import io.transmute.core.optim.AdamState;
import io.transmute.core.train.TrainingCheckpoint;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code transmute inspect}: what a weights file or a training state holds. */
@Command(name = "inspect", mixinStandardHelpOptions = true,
        header = "Show what a checkpoint holds: tensors, parameter count, inferred architecture.",
        description = {"A <label>_train_state.pth shows its epoch, iteration, networks, optimizer state and options."},
        footer = {"", "Examples:", "  transmute inspect checkpoints/facades/latest_net_G.pth --keys",
            "  transmute inspect checkpoints/facades/latest_train_state.pth",
            "  transmute inspect --verify downloaded.pth      # CRC-32 of every record, finite values; exit 3 if not"})
public final class InspectCommand implements Callable<Integer> {
    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Parameters(paramLabel = "FILE", description = "A .pth/.ckpt state_dict, a training state, a .safetensors file"
            + " or a TorchScript archive.")
    Path file;

    @Option(names = "--keys", description = "List every key with its shape and dtype.")
    boolean keys;

    @Option(names = "--verify", description = "Check the file's integrity: the CRC-32 of every zip record, the"
            + " safetensors header and sizes, and that every value is finite; exit 3 when it fails.")
    boolean verify;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        if (verify) {
            CheckpointIntegrity.Report report = CheckpointIntegrity.verify(file);
            if (!report.ok()) {
                throw new CheckpointException(file + ": " + report.summary());
            }
            out.println(file + ": ok, " + report.summary());
            out.flush();
            return ExitCodes.OK;
        }
        if (file.getFileName().toString().endsWith(TrainingCheckpoint.STATE_SUFFIX)) {
            printTrainingState(out, TrainingCheckpoint.read(file));
            out.flush();
            return ExitCodes.OK;
        }
        if (TorchScriptGenerator.isArchive(file)) {
            return inspectTorchScript(out);
        }
        String name = file.getFileName().toString();
        StateDict sd = WeightFiles.read(file);
        out.printf("%s: %d tensors, %,d values%n", file, sd.size(), values(sd));
        try {
            GeneratorSpec g = ArchitectureInference.inferGenerator(sd, name);
            out.printf("generator: --netG %s --input_nc %d --output_nc %d --ngf %d --norm %s%s%s%n", g.netG(),
                    g.inputNc(), g.outputNc(), g.ngf(), g.norm().cliName(),
                    g.upsample().cliName().equals("deconv") ? "" : " --upsample " + g.upsample().cliName(),
                    g.cDim() > 0 ? " (StarGAN c_dim " + g.cDim() + ")" : "");
        } catch (TransmuteException e) {
            out.println("not a generator we recognise (" + e.getMessage() + ")");
        }
        if (keys) {
            printKeys(out, "  ", sd);
        }
        out.flush();
        return ExitCodes.OK;
    }

    private Integer inspectTorchScript(PrintWriter out) {
        try (TorchScriptGenerator g = TorchScriptGenerator.load(file, null, null, false)) {
            List<TorchScriptGenerator.Parameter> params = g.parameters();
            long values = params.stream().mapToLong(p -> Arrays.stream(p.shape()).reduce(1, (a, b) -> a * b)).sum();
            out.printf("%s: TorchScript archive, %d parameters, %,d values%n", file, params.size(), values);
            out.printf("generator: %d -> %d channels (probe forward)%n", g.inputChannels(), g.outputChannels());
            out.println("methods: " + String.join(", ", g.methods()));
            for (TorchScriptGenerator.Parameter p : params) {
                out.printf("  %-60s %s%n", p.name(), Arrays.toString(p.shape()));
            }
        }
        out.flush();
        return ExitCodes.OK;
    }

    private void printTrainingState(PrintWriter out, TrainingCheckpoint.Saved s) {
        TrainingCheckpoint.Position p = s.position();
        out.printf("%s: training state of a %s run%n", file, s.model());
        out.printf("position: epoch %d, %d batch(es) into it (epoch_iter %d), total_iters %d%n", p.epoch(),
                p.nextBatch(), p.epochIter(), p.totalIters());
        out.printf("schedule: last_epoch %d, lr %s%n", s.schedule().lastEpoch(), s.schedule().lr());
        for (Map.Entry<String, StateDict> e : s.networks().entrySet()) {
            out.printf("network %s: %d tensors, %,d values%n", e.getKey(), e.getValue().size(), values(e.getValue()));
            if (keys) {
                printKeys(out, "    ", e.getValue());
            }
        }
        for (Map.Entry<String, AdamState> e : s.modelState().optimizers().entrySet()) {
            AdamState a = e.getValue();
            long withState = a.entries().stream().filter(x -> x != null).count();
            long step = a.entries().stream().filter(x -> x != null).mapToLong(AdamState.Entry::step).max().orElse(0);
            out.printf("optimizer %s: Adam, lr %s, moments for %d of %d parameters, step %d%n", e.getKey(), a.lr(),
                    withState, a.entries().size(), step);
        }
        s.modelState().imagePools().forEach((k, v) -> out.printf("image pool %s: %d image(s)%n", k, v.size()));
        out.println("options given: " + (s.given().isEmpty() ? "(none)" : s.given().entrySet().stream()
                .map(e -> "--" + e.getKey() + " " + e.getValue()).reduce((a, b) -> a + " " + b).orElse("")));
    }

    private static long values(StateDict sd) {
        long n = 0;
        for (TensorData t : sd.entries().values()) {
            n += t.numel();
        }
        return n;
    }

    private static void printKeys(PrintWriter out, String indent, StateDict sd) {
        for (Map.Entry<String, TensorData> e : sd.entries().entrySet()) {
            out.printf("%s%-60s %-20s %s%n", indent, e.getKey(), Arrays.toString(e.getValue().shape()),
                    e.getValue().dtype().name().toLowerCase(java.util.Locale.ROOT));
        }
    }
}
