package io.transmute.core.train;

import java.util.ArrayList;
import java.util.List;
import sun.misc.Signal;
import sun.misc.SignalHandler;

/**
 * Turns the first Ctrl-C (SIGINT) or SIGTERM during a run into a graceful stop: the handler asks the trainer to
 * stop after the current step, which then writes a resume point atomically. A second signal gets the default
 * behaviour back (the process ends at once; the atomic writes still leave the previous resume point intact).
 *
 * <p>A JVM shutdown hook could not do this: it runs after the JVM has begun exiting, when the training thread
 * may no longer finish its step and write the checkpoint.
 */
public final class StopSignals implements AutoCloseable {
    private static final String[] NAMES = {"INT", "TERM"};

    private final List<Signal> signals = new ArrayList<>();
    private final List<SignalHandler> previous = new ArrayList<>();
    private volatile Signal received;

    private StopSignals() {
    }

    /**
     * Installs the handlers until {@link #close}.
     *
     * @param onStop called once, from the signal's thread, when the first signal arrives (e.g.
     *     {@link Trainer#requestStop})
     * @return the installed handlers
     */
    public static StopSignals install(Runnable onStop) {
        StopSignals s = new StopSignals();
        for (String name : NAMES) {
            Signal sig;
            try {
                sig = new Signal(name);
            } catch (IllegalArgumentException e) {
                continue; // a platform without this signal
            }
            SignalHandler old = Signal.handle(sig, caught -> {
                if (s.received == null) {
                    s.received = caught;
                    s.restore();
                    onStop.run();
                }
            });
            s.signals.add(sig);
            s.previous.add(old);
        }
        return s;
    }

    /** @return the name of the signal that stopped the run ({@code INT} or {@code TERM}), or null for none */
    public String received() {
        return received == null ? null : received.getName();
    }

    /** @return the shell's exit status for the signal received (130 for SIGINT, 143 for SIGTERM), or 0 for none */
    public int exitCode() {
        return received == null ? 0 : 128 + received.getNumber();
    }

    private synchronized void restore() {
        for (int i = 0; i < signals.size(); i++) {
            Signal.handle(signals.get(i), previous.get(i));
        }
        signals.clear();
        previous.clear();
    }

    @Override
    public void close() {
        restore();
    }
}
