package io.transmute.cli;

import io.transmute.core.CheckpointException;
import io.transmute.core.DataException;
import io.transmute.core.InvalidOptionException;
import io.transmute.core.TransmuteException;
import io.transmute.core.UnsupportedFormatException;
import java.util.Arrays;
import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.ParseResult;

/** Turns an exception into one {@code error: ...} line and an exit code; {@code --verbose} adds the trace. */
final class ErrorHandler implements IExecutionExceptionHandler {
    @Override
    public int handleExecutionException(Exception ex, CommandLine cmd, ParseResult parsed) {
        boolean verbose = Arrays.asList(parsed.originalArgs().toArray(new String[0])).contains("--verbose");
        String message = ex.getMessage() == null ? ex.getClass().getSimpleName() : ex.getMessage();
        if (!(ex instanceof TransmuteException)) {
            message = "internal error: " + ex.getClass().getSimpleName() + ": " + message
                    + (verbose ? "" : " (rerun with --verbose for details)");
        }
        cmd.getErr().println("error: " + firstLine(message));
        if (verbose) {
            ex.printStackTrace(cmd.getErr());
        }
        cmd.getErr().flush();
        return exitCode(ex);
    }

    static int exitCode(Throwable ex) {
        if (ex instanceof InvalidOptionException) {
            return ExitCodes.USAGE;
        }
        if (ex instanceof DataException || ex instanceof CheckpointException
                || ex instanceof UnsupportedFormatException) {
            return ExitCodes.BAD_INPUT;
        }
        if (ex instanceof TransmuteException) {
            return ExitCodes.BAD_INPUT;
        }
        return ExitCodes.SOFTWARE;
    }

    private static String firstLine(String s) {
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }
}
