package io.transmute.core.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import io.transmute.core.CheckpointException;
import io.transmute.core.io.ImageCodec;
import io.transmute.core.io.ImageData;
import io.transmute.core.torch.Scope;
import io.transmute.core.torch.Tensors;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** LPIPS against the lpips 0.1.4 package on the fixture pairs. */
class LpipsTest {
    @Test
    void distance_equalsLpipsPackage_forFourPairs() {
        Path vgg = EvalFixtures.shared("lpips_vgg16_features_random_f16.pth");
        try (Lpips lpips = Lpips.load(vgg, EvalFixtures.resource("lpips_v0.1_vgg.pth"))) {
            for (JsonNode p : EvalFixtures.expected().get("lpips")) {
                try (Scope s = Scope.open()) {
                    ImageData a = ImageCodec.read(EvalFixtures.resource(p.get("a").asText()), 3);
                    ImageData b = ImageCodec.read(EvalFixtures.resource(p.get("b").asText()), 3);
                    double d = lpips.distance(Tensors.fromFloats(a.planes(), 1, 3, a.height(), a.width()),
                            Tensors.fromFloats(b.planes(), 1, 3, b.height(), b.width())).item_double();
                    double expected = p.get("lpips").asDouble();
                    assertThat(d).as(p.get("a").asText()).isCloseTo(expected, within(1e-5 * expected));
                }
            }
        }
    }

    @Test
    void load_linearLayersInPlaceOfVgg_namesTheProblem(@TempDir Path dir) {
        Path lin = EvalFixtures.resource("lpips_v0.1_vgg.pth");
        assertThatThrownBy(() -> Lpips.load(lin, lin)).isInstanceOf(CheckpointException.class)
                .hasMessageContaining("not torchvision VGG-16 weights; features.0.weight is missing")
                .hasMessageContaining("vgg16-397923af.pth");
        assertThatThrownBy(() -> Lpips.load(dir.resolve("vgg16.pth"), lin)).isInstanceOf(CheckpointException.class)
                .hasMessageContaining("--vgg_weights").hasMessageContaining("no such file");
    }
}
