package io.transmute.cli;

import java.io.PrintWriter;
import java.io.StringWriter;

/** Runs the command line in-process and captures what it prints. */
record CliRun(int exitCode, String out, String err) {
    static CliRun of(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = TransmuteCommand.commandLine(new PrintWriter(out), new PrintWriter(err)).execute(args);
        return new CliRun(code, out.toString(), err.toString());
    }

    /** @return the single {@code error:} line, failing if there is not exactly one */
    String errorLine() {
        return err.lines().filter(l -> l.startsWith("error: ")).reduce((a, b) -> {
            throw new AssertionError("more than one error line:\n" + err);
        }).orElseThrow(() -> new AssertionError("no error line in:\n" + err));
    }
}
