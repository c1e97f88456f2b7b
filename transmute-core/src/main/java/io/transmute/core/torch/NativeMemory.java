package io.transmute.core.torch;

import org.bytedeco.javacpp.Pointer;

/** The process's native memory: what it holds, and handing back what freed tensors left behind. */
public final class NativeMemory {
    private NativeMemory() {
    }

    /**
     * Returns the free memory of every glibc arena to the system ({@code malloc_trim(0)}). The launcher's
     * {@code MALLOC_TRIM_THRESHOLD_} keeps freed tensor memory in the process so that the next step does not
     * page-fault it back in; call this when no step follows soon (an idle server), where keeping it buys nothing.
     * It costs a few milliseconds, and the next allocations page-fault again.
     *
     * @return true when memory was handed back
     */
    public static boolean handBack() {
        return Pointer.trimMemory();
    }

    /** @return the resident set size of this process in bytes */
    public static long residentBytes() {
        return Pointer.physicalBytes();
    }
}
