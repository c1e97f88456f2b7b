package io.transmute.core.torch;

import java.util.ArrayList;
import java.util.List;
import org.bytedeco.javacpp.Pointer;
import org.bytedeco.javacpp.PointerScope;

/**
 * A region whose native tensors are freed when it closes. Every training step and inference batch runs in
 * one; weights and optimizers are created outside. Scopes are thread-local and nest.
 *
 * <pre>{@code
 * try (Scope s = Scope.open()) {
 *     Tensor out = s.keep(net.forward(x));   // survives this scope, owned by the enclosing one
 * }
 * }</pre>
 */
public final class Scope implements AutoCloseable {
    private final PointerScope scope;
    private final List<Pointer> kept = new ArrayList<>();

    private Scope() {
        this.scope = new PointerScope();
    }

    /** @return a new innermost scope for this thread */
    public static Scope open() {
        Torch.init();
        return new Scope();
    }

    /**
     * Hands a pointer over to the enclosing scope (or to no scope, if there is none: then the caller must
     * close it).
     *
     * @param p a pointer created inside this scope
     * @param <P> its type
     * @return {@code p}
     */
    public <P extends Pointer> P keep(P p) {
        p.retainReference();
        scope.detach(p);
        kept.add(p);
        return p;
    }

    @Override
    public void close() {
        scope.close();
        PointerScope outer = PointerScope.getInnerScope();
        if (outer != null) {
            for (Pointer p : kept) {
                outer.attach(p);
                p.releaseReference();
            }
        }
        kept.clear();
    }
}
