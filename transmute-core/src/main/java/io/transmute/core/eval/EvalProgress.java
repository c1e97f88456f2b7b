package io.transmute.core.eval;

/** Receives progress of an evaluation; the CLI draws a progress bar from it. */
public interface EvalProgress {
    /** Ignores everything. */
    EvalProgress NONE = new EvalProgress() {
    };

    /**
     * A pass over a set of images starts.
     *
     * @param label what is being done, e.g. {@code "features real"}
     * @param total how many images
     */
    default void start(String label, int total) {
    }

    /**
     * @param done images finished so far in the current pass
     */
    default void step(int done) {
    }

    /** The current pass ended. */
    default void end() {
    }
}
