package io.transmute.core.report;

import io.transmute.core.eval.TrainingEvaluation;
import io.transmute.core.train.CompositeTrainingListener;
import io.transmute.core.train.TrainOptions;
import io.transmute.core.train.TrainingListener;
import java.util.ArrayList;
import java.util.List;

/**
 * The reports every training run writes, built in this one place for the CLI and the public API: the reference's
 * {@code loss_log.txt}, unless {@code --no_html} the {@code web/} page, and with {@code --eval_freq} the
 * evaluation during training. The trainer itself constructs no report; it is given the listener this class returns.
 */
public final class StandardListeners {
    private StandardListeners() {
    }

    /**
     * The standard reports of a run, followed by the caller's own listener (progress on a console, say).
     *
     * @param options the run's resolved options ({@code Trainer#options()})
     * @param extra the caller's listener, called last
     * @return one listener forwarding to all of them, in order
     */
    public static TrainingListener forRun(TrainOptions options, TrainingListener extra) {
        List<TrainingListener> all = new ArrayList<>();
        all.add(new LossLog(options.runDir()));
        if (!options.noHtml()) {
            all.add(new HtmlReport(options.runDir(), options.name(), options.displayWinsize()));
        }
        all.add(TrainingEvaluation.forRun(options));
        all.add(extra);
        return new CompositeTrainingListener(all);
    }
}
