package io.transmute.core.train;

import io.transmute.core.CheckpointException;
import io.transmute.core.dist.DistributedContext;
import io.transmute.core.io.PthReader;
import io.transmute.core.model.TranslationModel;
import io.transmute.core.torch.Torch;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * What the trainer does differently as one rank of a data-parallel run, kept out of its loop: each rank's own
 * random streams and pools at the start and on resume, and their gathering into rank 0's checkpoints.
 *
 * <p>The semantics are DDP's: rank 0's weights are copied to all at the start, gradients are averaged before
 * every optimizer step, {@code --batch_size} is per process and the counters ({@code total_iters},
 * {@code epoch_iter}, every {@code --*_freq}, {@code --max_iters}) count the samples of all ranks. Batch norm
 * keeps per-process running statistics, as DDP without {@code SyncBatchNorm} does with
 * {@code broadcast_buffers=False}; the checkpoint holds rank 0's.
 */
final class DistributedRun {
    private DistributedRun() {
    }

    /**
     * Gives this rank its own random streams: on a fresh run a torch generator seeded for this rank; on
     * resume the generators and pools this rank had when the checkpoint was written.
     */
    static void restoreRank(DistributedContext dist, TrainingCheckpoint.Saved resume, TranslationModel model,
            long seed) {
        // a single process resuming a data-parallel checkpoint continues with rank 0's streams (not exactly);
        // checking would read the whole state file a second time on every resume
        if (!dist.distributed()) {
            return;
        }
        if (resume == null) {
            if (!dist.leader()) {
                Torch.seed(dist.rankSeed(seed));
            }
            return;
        }
        List<RankState> ranks = RankState.fromCheckpoint(readTop(resume), resume.file());
        int saved = ranks.isEmpty() ? 1 : ranks.size();
        if (saved != dist.worldSize()) {
            throw worldMismatch(resume, saved, dist.worldSize());
        }
        RankState mine = ranks.get(dist.rank());
        model.loadState(mine.merge(resume.modelState()));
        Torch.restoreCpuGeneratorState(mine.torchCpuRng());
    }

    private static Map<?, ?> readTop(TrainingCheckpoint.Saved resume) {
        return (Map<?, ?>) PthReader.readObject(resume.file());
    }

    private static CheckpointException worldMismatch(TrainingCheckpoint.Saved resume, int saved, int now) {
        return new CheckpointException(resume.file() + ": was trained by " + saved + " process(es) but this run has "
                + now + "; continue with --world_size " + saved + " (or --nproc_per_node " + saved + ") to resume"
                + " exactly");
    }

    /**
     * Collects every rank's state at rank 0; all ranks call it at the same checkpoint.
     *
     * @return on rank 0 of a data-parallel run the entries to add to the training state; empty otherwise
     */
    static Map<String, Object> gatherRanks(DistributedContext dist, TranslationModel model) {
        if (!dist.distributed()) {
            return Map.of();
        }
        List<byte[]> all = dist.gather(RankState.of(model).toBytes());
        if (!dist.leader()) {
            return Map.of();
        }
        List<Object> dicts = new ArrayList<>();
        for (byte[] b : all) {
            dicts.add(RankState.fromBytes(b).toDict());
        }
        return Map.of(RankState.KEY, dicts);
    }
}
