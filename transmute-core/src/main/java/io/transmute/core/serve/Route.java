package io.transmute.core.serve;

import io.transmute.core.io.ImageData;
import java.util.List;

/**
 * Where a request goes inside a model: one network with one conditioning (a direction, a StarGAN target). Requests
 * of the same route and size may share a forward pass.
 *
 * @param model the served model's name
 * @param network identifies the network and its conditioning, compared with {@code equals}
 * @param inputChannels channels the network reads
 * @param outputChannels channels it writes
 * @param maxBatch most images of one forward pass
 * @param runner runs the network
 */
record Route(String model, Object network, int inputChannels, int outputChannels, int maxBatch, Runner runner) {
    /** Runs a network over same-sized images. */
    interface Runner {
        /**
         * @param images same-sized images with the route's input channels
         * @return each image's output planes, in order
         */
        List<float[]> run(List<ImageData> images);
    }
}
