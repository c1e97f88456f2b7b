package io.transmute.cli;

/** Process exit codes. 0-2 are picocli's; 3 and 4 are ours. */
public final class ExitCodes {
    /** Success. */
    public static final int OK = 0;
    /** An unexpected internal error (a bug): rerun with --verbose and report it. */
    public static final int SOFTWARE = 1;
    /** A bad command line: unknown option, out-of-range or contradictory value. */
    public static final int USAGE = 2;
    /** Bad input data or checkpoint: unreadable image, corrupt or mismatched weights, empty folder. */
    public static final int BAD_INPUT = 3;
    /** A folder run in which some files failed; the others were processed. */
    public static final int PARTIAL = 4;

    private ExitCodes() {
    }
}
