package io.transmute.core.torch;

import org.bytedeco.javacpp.Pointer;
import org.bytedeco.javacpp.PointerScope;

/**
 * Marks native objects as long-lived: optimizer moments, image-pool contents and parameter handles are created
 * lazily, often while a step's {@link Scope} is open, yet must outlive it. Their owner closes them.
 */
public final class Owned {
    private Owned() {
    }

    /**
     * Takes a pointer out of the current thread's innermost scope (if any), so that closing that scope no
     * longer frees it. The caller becomes its only owner and must {@code close()} it.
     *
     * @param p a pointer just created
     * @param <P> its type
     * @return {@code p}
     */
    public static <P extends Pointer> P detach(P p) {
        PointerScope scope = PointerScope.getInnerScope();
        if (scope != null) {
            // PointerScope.detach releases one reference; retain first so the object survives with count 1
            p.retainReference();
            scope.detach(p);
        }
        return p;
    }
}
