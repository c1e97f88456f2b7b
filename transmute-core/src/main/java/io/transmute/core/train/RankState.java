package io.transmute.core.train;

import io.transmute.core.CheckpointException;
import io.transmute.core.io.Dtype;
import io.transmute.core.io.StateDict;
import io.transmute.core.io.TensorData;
import io.transmute.core.model.TrainingState;
import io.transmute.core.model.TranslationModel;
import io.transmute.core.nn.ModuleWeights;
import io.transmute.core.torch.Torch;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What differs between the ranks of a data-parallel run and must be saved for each to resume exactly: the
 * model's random generator, torch's CPU generator and the image pools. (Weights and optimizer moments are the
 * same on every rank, so rank 0's are saved once.) Rank 0 gathers these at every checkpoint and writes them
 * under the training state's {@code ranks} key, one dict per rank with {@code model_rng},
 * {@code torch_cpu_rng}, {@code image_pools} and {@code weights_sha256}, the digest of the rank's weights
 * (see {@link #weightsDigest}), which shows that the ranks held the same weights.
 *
 * @param modelRng the model's generator state
 * @param torchCpuRng torch's CPU generator state
 * @param imagePools stored images by pool name
 */
record RankState(long[] modelRng, byte[] torchCpuRng, Map<String, List<TensorData>> imagePools,
        String weightsSha256) {
    /** The checkpoint key. */
    static final String KEY = "ranks";

    /**
     * @param model the model on this rank, between steps
     * @return this rank's state, with torch's CPU generator as it is now
     */
    static RankState of(TranslationModel model) {
        TrainingState state = model.state();
        Map<String, StateDict> weights = new LinkedHashMap<>();
        model.networks().asMap().forEach((name, net) -> weights.put(name, ModuleWeights.export(net)));
        return new RankState(state.rng(), Torch.cpuGeneratorState(), state.imagePools(), weightsDigest(weights));
    }

    /**
     * SHA-256 over every network in order, and per network over each state_dict key (UTF-8) followed by its
     * tensor's little-endian bytes, in state_dict order: equal digests mean bit-identical weights.
     *
     * @param networks state_dict per network name, in the model's order
     * @return the digest in hex
     */
    static String weightsDigest(Map<String, StateDict> networks) {
        MessageDigest sha;
        try {
            sha = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
        for (StateDict sd : networks.values()) {
            sd.entries().forEach((key, t) -> {
                sha.update(key.getBytes(StandardCharsets.UTF_8));
                sha.update(t.data());
            });
        }
        return HexFormat.of().formatHex(sha.digest());
    }

    /**
     * @param shared the state every rank shares (rank 0's optimizers)
     * @return the model state this rank continues from
     */
    TrainingState merge(TrainingState shared) {
        return new TrainingState(shared.optimizers(), imagePools, modelRng);
    }

    byte[] toBytes() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeInt(modelRng.length);
            for (long v : modelRng) {
                out.writeLong(v);
            }
            out.writeInt(torchCpuRng.length);
            out.write(torchCpuRng);
            out.writeInt(imagePools.size());
            for (Map.Entry<String, List<TensorData>> e : imagePools.entrySet()) {
                out.writeUTF(e.getKey());
                out.writeInt(e.getValue().size());
                for (TensorData t : e.getValue()) {
                    out.writeUTF(t.dtype().name());
                    long[] shape = t.shape();
                    out.writeInt(shape.length);
                    for (long d : shape) {
                        out.writeLong(d);
                    }
                    out.writeInt(t.data().length);
                    out.write(t.data());
                }
            }
            out.writeUTF(weightsSha256);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    static RankState fromBytes(byte[] b) {
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(b))) {
            long[] rng = new long[in.readInt()];
            for (int i = 0; i < rng.length; i++) {
                rng[i] = in.readLong();
            }
            byte[] torchRng = in.readNBytes(in.readInt());
            Map<String, List<TensorData>> pools = new LinkedHashMap<>();
            int n = in.readInt();
            for (int p = 0; p < n; p++) {
                String name = in.readUTF();
                int count = in.readInt();
                List<TensorData> images = new ArrayList<>();
                for (int i = 0; i < count; i++) {
                    Dtype dtype = Dtype.valueOf(in.readUTF());
                    long[] shape = new long[in.readInt()];
                    for (int d = 0; d < shape.length; d++) {
                        shape[d] = in.readLong();
                    }
                    images.add(new TensorData(dtype, shape, in.readNBytes(in.readInt())));
                }
                pools.put(name, images);
            }
            return new RankState(rng, torchRng, pools, in.readUTF());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    Map<String, Object> toDict() {
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("model_rng", Arrays.stream(modelRng).boxed().toList());
        d.put("torch_cpu_rng", new TensorData(Dtype.UINT8, new long[] {torchCpuRng.length}, torchCpuRng));
        Map<String, Object> pools = new LinkedHashMap<>();
        imagePools.forEach((name, images) -> pools.put(name, new ArrayList<Object>(images)));
        d.put("image_pools", pools);
        d.put("weights_sha256", weightsSha256);
        return d;
    }

    /**
     * @param top a training state's top-level dict
     * @param file where it was read, for messages
     * @return every rank's state, or empty for a single-process run
     */
    static List<RankState> fromCheckpoint(Map<?, ?> top, Object file) {
        Object ranks = top.get(KEY);
        if (ranks == null) {
            return List.of();
        }
        List<RankState> out = new ArrayList<>();
        try {
            for (Object o : (List<?>) ranks) {
                Map<?, ?> d = (Map<?, ?>) o;
                out.add(new RankState(TrainingCheckpoint.modelRng(d), ((TensorData) d.get("torch_cpu_rng")).data(),
                        TrainingCheckpoint.imagePools(d), (String) d.get("weights_sha256")));
            }
        } catch (ClassCastException | NullPointerException e) {
            throw new CheckpointException(file + ": the per-rank states under '" + KEY + "' are malformed ("
                    + e.getMessage() + "); resume from another checkpoint with --epoch", e);
        }
        return out;
    }
}
