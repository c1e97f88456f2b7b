package io.transmute.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Whether progress bars may draw: only on a terminal, never into a log file or a pipe. */
final class Terminal {
    private Terminal() {
    }

    /**
     * {@code System.console()} says only whether standard input and output are a terminal; a bar goes to standard
     * error, which may be redirected to a log on its own, where {@code \r} frames would pile up.
     *
     * @return true when standard error is a terminal
     */
    static boolean stderrIsTerminal() {
        if (System.console() == null || "dumb".equals(System.getenv("TERM"))) {
            return false;
        }
        try {
            String target = Files.readSymbolicLink(Path.of("/proc/self/fd/2")).toString();
            return target.startsWith("/dev/pts/") || target.startsWith("/dev/tty");
        } catch (IOException | UnsupportedOperationException e) {
            return true; // no /proc: trust System.console()
        }
    }
}
