package io.transmute.core.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.transmute.core.DataException;
import io.transmute.core.io.ImageCodec;
import io.transmute.core.io.ImageSamples;
import io.transmute.core.io.Npy;
import io.transmute.core.random.Rng;
import java.io.IOException;
import org.junit.jupiter.api.Test;

/** SSIM and PSNR against scikit-image, KID's formula against clean-fid's (fixtures of tools/make_eval_fixtures.py). */
class PairedMetricsTest {
    @Test
    void ssimAndPsnr_equalScikitImage() throws IOException {
        JsonNode pairs = new ObjectMapper().readTree(EvalFixtures.resource("paired/paired.json").toFile())
                .get("pairs");
        assertThat(pairs.size()).isEqualTo(4);
        for (JsonNode p : pairs) {
            ImageSamples a = ImageCodec.readSamples(EvalFixtures.resource("paired/" + p.get("a").asText()));
            ImageSamples b = ImageCodec.readSamples(EvalFixtures.resource("paired/" + p.get("b").asText()));
            PairedMetrics.Scores s = PairedMetrics.of(a, b, p.get("a").asText());
            assertThat(s.ssim()).as(p.get("a").asText()).isCloseTo(p.get("ssim").asDouble(), within(1e-6));
            assertThat(s.psnr()).as(p.get("a").asText()).isCloseTo(p.get("psnr").asDouble(), within(1e-6));
        }
    }

    @Test
    void identicalImages_haveSsimOneAndL1Zero() {
        ImageSamples a = ImageCodec.readSamples(EvalFixtures.resource("paired/a_0.png"));
        PairedMetrics.Scores s = PairedMetrics.of(a, a, "a");
        assertThat(s.ssim()).isCloseTo(1.0, within(1e-12));
        assertThat(s.l1()).isZero();
        assertThat(s.psnr()).isInfinite();
    }

    @Test
    void differentSizes_isOneLineError() {
        ImageSamples a = ImageCodec.readSamples(EvalFixtures.resource("paired/a_0.png"));
        ImageSamples b = ImageCodec.readSamples(EvalFixtures.resource("paired/a_2.png"));
        assertThatThrownBy(() -> PairedMetrics.of(a, b, "x.png")).isInstanceOf(DataException.class)
                .hasMessageContaining("x.png: sizes differ");
    }

    @Test
    void kid_fullSet_equalsCleanFidFormula() throws IOException {
        double expected = new ObjectMapper().readTree(EvalFixtures.resource("paired/kid.json").toFile())
                .get("kid_full_set").asDouble();
        FeatureMatrix x = matrix("paired/kid_x.npy");
        FeatureMatrix y = matrix("paired/kid_y.npy");
        KernelDistance.Score s = KernelDistance.of(y, x, 4, 1000, new Rng(3));
        assertThat(s.mean()).isCloseTo(expected, within(1e-12 * Math.abs(expected) + 1e-15));
    }

    private static FeatureMatrix matrix(String name) {
        var t = Npy.read(EvalFixtures.resource(name));
        return new FeatureMatrix((int) t.shape()[0], (int) t.shape()[1], t.toFloats());
    }
}
