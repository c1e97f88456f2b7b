package io.transmute.cli;

import io.transmute.core.torch.RuntimeReport;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code transmute info}: the setup a bug report needs. */
@Command(name = "info", mixinStandardHelpOptions = true,
        header = "Print the Transmute, libtorch and Java versions, CPU ISA, oneDNN, threads and CUDA/NCCL state.",
        description = {"Example:", "  transmute info", "  transmute info --threads 1"})
public final class InfoCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    RuntimeMixin runtime = new RuntimeMixin();

    @Override
    public Integer call() {
        runtime.apply();
        var out = spec.commandLine().getOut();
        for (String line : new VersionProvider().getVersion()) {
            out.println(line);
        }
        RuntimeReport.collect().lines().forEach(out::println);
        out.flush();
        return ExitCodes.OK;
    }
}
