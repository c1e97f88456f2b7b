package io.transmute.core.infer;

import static org.assertj.core.api.Assertions.assertThat;

import io.transmute.core.torch.Scope;
import io.transmute.core.torch.Tensors;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.global.torch;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SizePaddingTest {
    @ParameterizedTest
    @CsvSource({"37,53,4", "64,64,256", "5,3,256", "1,7,8", "256,256,256"})
    void pad_reachesMultiple_andCropRestoresTheOriginal(long h, long w, long multiple) {
        try (Scope s = Scope.open()) {
            Tensor x = torch.randn(2, 3, h, w);
            SizePadding p = SizePadding.of(x, multiple);
            Tensor padded = p.pad(x, multiple);
            assertThat(padded.size(2) % multiple).isZero();
            assertThat(padded.size(3) % multiple).isZero();
            assertThat(padded.size(2)).isLessThan(h + multiple);
            Tensor back = p.crop(padded);
            assertThat(Tensors.shape(back)).containsExactly(2, 3, h, w);
            assertThat(Tensors.toFloats(back)).containsExactly(Tensors.toFloats(x));
        }
    }
}
