package io.transmute.cli;

import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.AutoComplete;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.HelpCommand;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** The {@code transmute} command: image-to-image translation models on the JVM. */
@Command(name = "transmute", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        header = "Train and run pix2pix, CycleGAN and StarGAN image-to-image translation models.",
        subcommands = {TrainCommand.class, TestCommand.class, TranslateCommand.class, InspectCommand.class,
            DemoCommand.class, BenchCommand.class, DownloadCommand.class, ExportCommand.class, EvalCommand.class,
            ServeCommand.class, InfoCommand.class, HelpCommand.class, AutoComplete.GenerateCompletion.class},
        footer = {"", "Exit codes: 0 ok, 1 internal error, 2 bad command line, 3 bad input or checkpoint,"
                + " 4 some files of a folder failed.", "Run 'transmute help <command>' for a command's options."})
public final class TransmuteCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    /** Run without a command: the usage, as a usage error. */
    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getErr());
        spec.commandLine().getErr().flush();
        return ExitCodes.USAGE;
    }

    /**
     * Builds the configured command line (error handling and exit codes).
     *
     * @param out standard output
     * @param err standard error
     * @return a command line ready to {@code execute}
     */
    public static CommandLine commandLine(PrintWriter out, PrintWriter err) {
        ConsoleLogging.install(err);
        CommandLine cl = new CommandLine(new TransmuteCommand());
        cl.setOut(out);
        cl.setErr(err);
        cl.setExecutionExceptionHandler(new ErrorHandler());
        cl.setParameterExceptionHandler((ex, args) -> {
            CommandLine c = ex.getCommandLine();
            c.getErr().println("error: " + ex.getMessage());
            c.getErr().println("Run '" + c.getCommandSpec().qualifiedName() + " --help' for usage.");
            return ExitCodes.USAGE;
        });
        cl.setUsageHelpAutoWidth(true);
        return cl;
    }

    /**
     * Runs the command line and exits with its code.
     *
     * @param args arguments
     */
    public static void main(String[] args) {
        PrintWriter out = new PrintWriter(System.out, true);
        PrintWriter err = new PrintWriter(System.err, true);
        int code = commandLine(out, err).execute(args);
        out.flush();
        err.flush();
        System.exit(code);
    }
}
