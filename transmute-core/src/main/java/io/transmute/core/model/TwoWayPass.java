package io.transmute.core.model;

import io.transmute.core.InvalidOptionException;
import io.transmute.core.torch.Net;
import java.util.function.UnaryOperator;
import org.bytedeco.pytorch.Tensor;

/**
 * Both generators of a two-domain model (CycleGAN, DiscoGAN) run both ways on one batch, with gradients: A to B
 * and back, B to A and back.
 *
 * @param realA the A images, on the device
 * @param realB the B images, on the device
 * @param fakeB {@code G_A(A)}
 * @param recA {@code G_B(G_A(A))}
 * @param fakeA {@code G_B(B)}
 * @param recB {@code G_A(G_B(B))}
 */
record TwoWayPass(Tensor realA, Tensor realB, Tensor fakeB, Tensor recA, Tensor fakeA, Tensor recB) {
    /**
     * @param model the {@code --model} name, for the message when the batch lacks B
     * @param onDevice moves the batch to the model's device
     * @throws InvalidOptionException when the batch has no B images
     */
    static TwoWayPass run(String model, Net netGA, Net netGB, ModelInput input, UnaryOperator<Tensor> onDevice) {
        if (!input.hasB()) {
            throw new InvalidOptionException("--model " + model + " needs images of both domains but the batch has"
                    + " no B; use --dataset_mode unaligned");
        }
        Tensor realA = onDevice.apply(input.realA());
        Tensor realB = onDevice.apply(input.realB());
        Tensor fakeB = netGA.forward(realA);
        Tensor recA = netGB.forward(fakeB);
        Tensor fakeA = netGB.forward(realB);
        Tensor recB = netGA.forward(fakeA);
        return new TwoWayPass(realA, realB, fakeB, recA, fakeA, recB);
    }
}
