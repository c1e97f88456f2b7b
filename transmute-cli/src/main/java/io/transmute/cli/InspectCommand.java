package io.transmute.cli;

import io.transmute.core.TransmuteException;
import io.transmute.core.infer.TorchScriptGenerator;
import io.transmute.core.io.StateDict;
import io.transmute.core.io.TensorData;
import io.transmute.core.io.WeightFiles;
import io.transmute.core.nn.ArchitectureInference;
import io.transmute.core.nn.GeneratorSpec;
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

/** {@code transmute inspect}: what a weights file holds. */
@Command(name = "inspect", mixinStandardHelpOptions = true,
        header = "Show what a checkpoint holds: tensors, parameter count, inferred architecture.",
        footer = {"", "Example:", "  transmute inspect checkpoints/facades/latest_net_G.pth --keys"})
public final class InspectCommand implements Callable<Integer> {
    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Parameters(paramLabel = "FILE", description = "A .pth/.ckpt state_dict, a .safetensors file or a TorchScript archive.")
    Path file;

    @Option(names = "--keys", description = "List every key with its shape and dtype.")
    boolean keys;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        if (TorchScriptGenerator.isArchive(file)) {
            return inspectTorchScript(out);
        }
        String name = file.getFileName().toString();
        StateDict sd = WeightFiles.read(file);
        long params = 0;
        for (TensorData t : sd.entries().values()) {
            params += t.numel();
        }
        out.printf("%s: %d tensors, %,d values%n", file, sd.size(), params);
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
            for (Map.Entry<String, TensorData> e : sd.entries().entrySet()) {
                out.printf("  %-60s %-20s %s%n", e.getKey(), Arrays.toString(e.getValue().shape()),
                        e.getValue().dtype().name().toLowerCase(java.util.Locale.ROOT));
            }
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
}
