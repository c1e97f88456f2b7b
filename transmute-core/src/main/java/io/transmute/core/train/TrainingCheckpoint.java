package io.transmute.core.train;

import io.transmute.core.CheckpointException;
import io.transmute.core.data.StarGanDatasetKind;
import io.transmute.core.io.Dtype;
import io.transmute.core.io.PthReader;
import io.transmute.core.io.PthWriter;
import io.transmute.core.io.StateDict;
import io.transmute.core.io.TensorData;
import io.transmute.core.model.NetworkSet;
import io.transmute.core.model.StarGanRecords;
import io.transmute.core.model.TrainingState;
import io.transmute.core.model.TranslationModel;
import io.transmute.core.nn.ArchitectureInference;
import io.transmute.core.nn.GeneratorSpec;
import io.transmute.core.nn.GeneratorType;
import io.transmute.core.nn.ModuleWeights;
import io.transmute.core.nn.StoredArchitecture;
import io.transmute.core.optim.AdamState;
import io.transmute.core.optim.ScheduleState;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.bytedeco.pytorch.Module;

/**
 * A training checkpoint in {@code <checkpoints_dir>/<name>/}: one reference-named weight file per network,
 * {@code <label>_net_<G|D|G_A|...>.pth} (a {@code torch.save} state_dict the reference's {@code load_networks}
 * accepts, with the architecture as an extra record), and one self-contained training-state file
 * {@code <label>_train_state.pth}.
 *
 * <p>The state file is a {@code torch.save}-compatible dict holding everything exact resume needs: every
 * network's state_dict, the model's optimizer moments, image pools and random generator, the schedule's position,
 * the loop position, the torch CPU generator, the options and the provenance. The weight files are written first
 * and the state file last, each atomically, so a crash at any point leaves the previous state file (and with it a
 * consistent resume point) or the new one, never a mix.
 *
 * <p>State-file keys: {@code format} ("transmute-train-state"), {@code version} (1), {@code model},
 * {@code epoch}, {@code next_batch}, {@code epoch_iter}, {@code total_iters}, {@code networks} (name to state_dict),
 * {@code optimizers} (name to {@code {lr, state: [{step, exp_avg, exp_avg_sq} or None]}}), {@code image_pools}
 * (name to list of tensors), {@code model_rng} (list of 6 ints), {@code schedule} ({@code last_epoch, lr, best,
 * bad_epochs, cooldown}), {@code iteration} (iterations done, for a model trained by iterations; absent
 * otherwise and in older files), {@code torch_cpu_rng} (uint8 tensor), {@code options} (the given options as a dict),
 * {@code effective_options} (every option), {@code provenance} (the run.json text), {@code listener_state} (what
 * the listeners keep across a resume, e.g. the best evaluation score).
 */
public final class TrainingCheckpoint {
    /** Ends every training-state file name. */
    public static final String STATE_SUFFIX = "_train_state.pth";
    private static final String FORMAT = "transmute-train-state";
    private static final int VERSION = 1;

    private TrainingCheckpoint() {
    }

    /**
     * Where the loop stands: the next batch to train is batch {@code nextBatch} of {@code epoch}.
     *
     * @param epoch the epoch in progress, or just finished when {@code nextBatch} equals its batch count
     * @param nextBatch batches of this epoch already trained
     * @param epochIter samples of this epoch already trained (the reference's {@code epoch_iter})
     * @param totalIters samples trained since the run began ({@code total_iters})
     */
    public record Position(int epoch, int nextBatch, int epochIter, long totalIters) {
    }

    /**
     * A training state read back from disk, heap data only.
     *
     * @param file where it was read from
     * @param model {@code --model}
     * @param position the loop position
     * @param networks state_dict per network name
     * @param modelState optimizers, pools and the model's generator
     * @param schedule the schedule position
     * @param torchCpuRng torch's CPU generator state (dropout)
     * @param given the options the user gave, by reference name
     * @param provenance the run.json text at the time of saving
     * @param iteration iterations done by a model trained by iterations; -1 for one trained by epochs
     * @param listenerState the listeners' state ({@link TrainingListener#checkpointState}), empty in older files
     */
    public record Saved(Path file, String model, Position position, Map<String, StateDict> networks,
            TrainingState modelState, ScheduleState schedule, byte[] torchCpuRng, Map<String, Object> given,
            String provenance, long iteration, Map<String, Object> listenerState) {
    }

    /** A StarGAN generator's labels and test transform, as its {@code <iter>-G.ckpt} carries them. */
    static Map<String, String> starGanRecords(String network, TrainOptions options) {
        if (!network.equals("G")) {
            return Map.of();
        }
        return options.starGanData().map(d -> StarGanRecords.of(options.modelOptions().stargan(),
                d.kind() == StarGanDatasetKind.RAFD ? d.rafdCropSize() : d.celebaCropSize())).orElse(Map.of());
    }

    /**
     * @param runDir {@code <checkpoints_dir>/<name>}
     * @param label {@code latest}, an epoch number or {@code iter_<n>}
     * @return the training-state file
     */
    public static Path stateFile(Path runDir, String label) {
        return runDir.resolve(label + STATE_SUFFIX);
    }

    /**
     * @param runDir {@code <checkpoints_dir>/<name>}
     * @param label {@code latest}, an epoch number or {@code iter_<n>}
     * @param network a network name
     * @return the reference weight file, {@code <label>_net_<network>.pth}
     */
    public static Path weightsFile(Path runDir, String label, String network) {
        return runDir.resolve(NetworkSet.fileName(label, network));
    }

    /**
     * Writes the weight files and then the training-state file.
     *
     * @param runDir the run folder
     * @param label the checkpoint label
     * @param model the model, between steps
     * @param schedule the position of its learning-rate schedules
     * @param position the loop position after the last trained batch
     * @param iteration iterations done by a model trained by iterations; -1 for one trained by epochs
     * @param options the run's options
     * @param provenance the run.json text
     * @param listenerState the listeners' {@link TrainingListener#checkpointState}, saved as
     *     {@code listener_state}
     * @param extra more top-level entries of the state, e.g. a data-parallel run's per-rank states
     * @return the files written, state file last
     */
    public static List<Path> save(Path runDir, String label, TranslationModel model, ScheduleState schedule,
            Position position, long iteration, TrainOptions options, String provenance,
            Map<String, Object> listenerState, Map<String, Object> extra) {
        List<Path> files = new ArrayList<>();
        Map<String, Object> networks = new LinkedHashMap<>();
        Map<String, Object> effective = options.values();
        for (Map.Entry<String, Module> e : model.networks().asMap().entrySet()) {
            Path file = weightsFile(runDir, label, e.getKey());
            networks.put(e.getKey(), writeNetwork(file, model, e.getKey(), options,
                    starGanRecords(e.getKey(), options)));
            files.add(file);
        }
        Map<String, Object> dict = new LinkedHashMap<>();
        dict.put("format", FORMAT);
        dict.put("version", VERSION);
        dict.put("model", options.model());
        dict.put("epoch", position.epoch());
        dict.put("next_batch", position.nextBatch());
        dict.put("epoch_iter", position.epochIter());
        dict.put("total_iters", position.totalIters());
        dict.put("networks", networks);
        TrainingState state = model.state();
        Map<String, Object> optimizers = new LinkedHashMap<>();
        state.optimizers().forEach((name, adam) -> {
            List<Object> entries = new ArrayList<>();
            for (AdamState.Entry en : adam.entries()) {
                if (en == null) {
                    entries.add(null);
                } else {
                    Map<String, Object> m = new LinkedHashMap<>();
                    m.put("step", en.step());
                    m.put("exp_avg", en.expAvg());
                    m.put("exp_avg_sq", en.expAvgSq());
                    entries.add(m);
                }
            }
            Map<String, Object> o = new LinkedHashMap<>();
            o.put("lr", adam.lr());
            o.put("state", entries);
            optimizers.put(name, o);
        });
        dict.put("optimizers", optimizers);
        Map<String, Object> pools = new LinkedHashMap<>();
        state.imagePools().forEach((name, images) -> pools.put(name, new ArrayList<Object>(images)));
        dict.put("image_pools", pools);
        dict.put("model_rng", Arrays.stream(state.rng()).boxed().toList());
        ScheduleState s = schedule;
        Map<String, Object> sched = new LinkedHashMap<>();
        sched.put("last_epoch", s.lastEpoch());
        sched.put("lr", s.lr());
        sched.put("best", s.best());
        sched.put("bad_epochs", s.badEpochs());
        sched.put("cooldown", s.cooldown());
        dict.put("schedule", sched);
        if (iteration >= 0) {
            dict.put("iteration", iteration);
        }
        byte[] rng = io.transmute.core.torch.Torch.cpuGeneratorState();
        dict.put("torch_cpu_rng", new TensorData(Dtype.UINT8, new long[] {rng.length}, rng));
        dict.put("options", options.given());
        dict.put("effective_options", effective);
        dict.put("provenance", provenance);
        dict.put("listener_state", listenerState);
        dict.putAll(extra);
        Path stateFile = stateFile(runDir, label);
        PthWriter.writeDict(stateFile, dict);
        files.add(stateFile);
        return files;
    }

    /**
     * Writes one network's weights as a reference-named weight file does: a {@code torch.save} state_dict with
     * the architecture record, so {@code Translator.load} needs no flags.
     *
     * @param file where to write, atomically
     * @param model the model, between steps
     * @param network one of its network names
     * @param options the run's options
     * @param extraRecords further text records to store beside the architecture
     * @return the weights written
     */
    public static StateDict writeNetwork(Path file, TranslationModel model, String network, TrainOptions options,
            Map<String, String> extraRecords) {
        StateDict sd = ModuleWeights.export(model.networks().get(network));
        StoredArchitecture arch = new StoredArchitecture(options.model(), network,
                generatorSpec(network, sd, options), options.values());
        Map<String, String> records = new LinkedHashMap<>();
        records.put(StoredArchitecture.RECORD, arch.toJson());
        records.putAll(extraRecords);
        PthWriter.write(file, sd, records);
        return sd;
    }

    // generators by the reference's naming (G, G_A, G_B); the layer graph gives the architecture, the options
    // the dropout a U-Net's weights cannot show
    private static GeneratorSpec generatorSpec(String network, StateDict sd, TrainOptions options) {
        if (!network.startsWith("G")) {
            return null;
        }
        GeneratorSpec s = ArchitectureInference.inferGenerator(sd, network);
        boolean dropout = s.type().family() != GeneratorType.Family.STARGAN && options.modelOptions().useDropout();
        return new GeneratorSpec(s.type(), s.inputNc(), s.outputNc(), s.ngf(), s.norm(), s.depth(), s.upsample(),
                dropout);
    }

    /**
     * Reads a training-state file.
     *
     * @param file a {@code <label>_train_state.pth}
     * @return its content
     * @throws CheckpointException when the file is missing, truncated, corrupt or not a training state
     */
    public static Saved read(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new CheckpointException(file + ": no such training state; check --name, --checkpoints_dir and"
                    + " --epoch");
        }
        Object top = PthReader.readObject(file);
        try {
            Map<?, ?> d = (Map<?, ?>) top;
            if (!FORMAT.equals(d.get("format"))) {
                throw new CheckpointException(file + ": not a Transmute training state (no format "
                        + FORMAT + "); give a " + STATE_SUFFIX + " file");
            }
            if (((Number) d.get("version")).intValue() != VERSION) {
                throw new CheckpointException(file + ": training state version " + d.get("version")
                        + " is not supported; this Transmute reads version " + VERSION);
            }
            Position pos = new Position(integer(d, "epoch"), integer(d, "next_batch"), integer(d, "epoch_iter"),
                    ((Number) d.get("total_iters")).longValue());
            Map<String, StateDict> networks = new LinkedHashMap<>();
            ((Map<?, ?>) d.get("networks")).forEach((k, v) -> {
                StateDict sd = new StateDict();
                ((Map<?, ?>) v).forEach((key, t) -> sd.put((String) key, (TensorData) t));
                networks.put((String) k, sd);
            });
            Map<String, AdamState> optimizers = new LinkedHashMap<>();
            ((Map<?, ?>) d.get("optimizers")).forEach((k, v) -> {
                Map<?, ?> o = (Map<?, ?>) v;
                List<AdamState.Entry> entries = new ArrayList<>();
                for (Object e : (List<?>) o.get("state")) {
                    if (e == null) {
                        entries.add(null);
                    } else {
                        Map<?, ?> m = (Map<?, ?>) e;
                        entries.add(new AdamState.Entry(((Number) m.get("step")).longValue(),
                                (TensorData) m.get("exp_avg"), (TensorData) m.get("exp_avg_sq")));
                    }
                }
                optimizers.put((String) k, new AdamState(((Number) o.get("lr")).doubleValue(), entries));
            });
            Map<String, List<TensorData>> pools = imagePools(d);
            long[] rng = modelRng(d);
            Map<?, ?> s = (Map<?, ?>) d.get("schedule");
            ScheduleState schedule = new ScheduleState(integer(s, "last_epoch"), number(s, "lr"), number(s, "best"),
                    integer(s, "bad_epochs"), integer(s, "cooldown"));
            TensorData torchRng = (TensorData) d.get("torch_cpu_rng");
            Map<String, Object> given = new LinkedHashMap<>();
            ((Map<?, ?>) d.get("options")).forEach((k, v) -> given.put((String) k, v));
            Map<String, Object> listenerState = new LinkedHashMap<>();
            if (d.get("listener_state") instanceof Map<?, ?> m) {
                m.forEach((k, v) -> listenerState.put((String) k, v));
            }
            return new Saved(file, (String) d.get("model"), pos, networks,
                    new TrainingState(optimizers, pools, rng), schedule, torchRng.data(), given,
                    (String) d.get("provenance"),
                    d.get("iteration") instanceof Number i ? i.longValue() : -1, listenerState);
        } catch (ClassCastException | NullPointerException e) {
            throw new CheckpointException(file + ": training state is incomplete or malformed (" + e.getMessage()
                    + "); resume from another checkpoint with --epoch", e);
        }
    }

    private static int integer(Map<?, ?> m, String key) {
        return Math.toIntExact(((Number) m.get(key)).longValue());
    }

    private static double number(Map<?, ?> m, String key) {
        return ((Number) m.get(key)).doubleValue();
    }

    /**
     * @param d a state dict read back from a checkpoint (this process's, or one rank's)
     * @return its {@code image_pools}: the images each pool holds, by pool name
     */
    static Map<String, List<TensorData>> imagePools(Map<?, ?> d) {
        Map<String, List<TensorData>> pools = new LinkedHashMap<>();
        ((Map<?, ?>) d.get("image_pools")).forEach((k, v) -> {
            List<TensorData> images = new ArrayList<>();
            for (Object t : (List<?>) v) {
                images.add((TensorData) t);
            }
            pools.put((String) k, images);
        });
        return pools;
    }

    /**
     * @param d a state dict read back from a checkpoint
     * @return its {@code model_rng}, the state of the model's own random generator
     */
    static long[] modelRng(Map<?, ?> d) {
        return ((List<?>) d.get("model_rng")).stream().mapToLong(x -> ((Number) x).longValue()).toArray();
    }
}
