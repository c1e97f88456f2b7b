package io.transmute.core.infer;

import io.transmute.core.torch.Net;
import org.bytedeco.pytorch.Tensor;

/** A {@link TorchScriptGenerator} behind the {@link Net} interface the translators run; closing it frees both. */
final class ScriptedNet extends Net {
    private final TorchScriptGenerator script;

    ScriptedNet(TorchScriptGenerator script) {
        this.script = script;
    }

    @Override
    public Tensor forward(Tensor input) {
        return script.forward(input);
    }

    @Override
    public void close() {
        script.close();
        super.close();
    }
}
