package io.transmute.cli;

import java.io.PrintWriter;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/**
 * Prints the core's log records ({@code System.Logger}, which goes to java.util.logging) as one line each:
 * {@code warning: ...} for warnings and errors, the bare message for information. java.util.logging's own
 * console format takes two lines per record and leads with a time stamp and a class name.
 */
final class ConsoleLogging extends Handler {
    private final PrintWriter err;

    private ConsoleLogging(PrintWriter err) {
        this.err = err;
        setLevel(Level.INFO);
    }

    /**
     * Replaces the root logger's handlers with one that writes to {@code err}.
     *
     * @param err the command line's error stream
     */
    static void install(PrintWriter err) {
        Logger root = Logger.getLogger("");
        for (Handler h : root.getHandlers()) {
            root.removeHandler(h);
        }
        root.addHandler(new ConsoleLogging(err));
    }

    @Override
    public void publish(LogRecord record) {
        if (!isLoggable(record)) {
            return;
        }
        String message = record.getMessage();
        if (record.getParameters() != null && record.getParameters().length > 0) {
            message = java.text.MessageFormat.format(message, record.getParameters());
        }
        String line = message.strip().replaceAll("\\s*\\R\\s*", " ");
        err.println(record.getLevel().intValue() >= Level.WARNING.intValue() ? "warning: " + line : line);
        err.flush();
    }

    @Override
    public void flush() {
        err.flush();
    }

    @Override
    public void close() {
        err.flush();
    }
}
