package io.transmute.core.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class CompositeTrainingListenerTest {
    @Test
    void everyListenerHearsTheEvent_evenAfterOneFails_andTheFailureSurfaces() {
        List<String> heard = new ArrayList<>();
        TrainingListener failing = new TrainingListener() {
            @Override
            public void onEpochEnd(int epoch, double seconds, double lr) {
                heard.add("first " + epoch);
                throw new IllegalStateException("disk full");
            }
        };
        TrainingListener second = new TrainingListener() {
            @Override
            public void onEpochEnd(int epoch, double seconds, double lr) {
                heard.add("second " + epoch);
            }
        };
        CompositeTrainingListener all = CompositeTrainingListener.of(failing, second);
        assertThatThrownBy(() -> all.onEpochEnd(3, 1.0, 2e-4)).hasMessage("disk full");
        assertThat(heard).containsExactly("first 3", "second 3");
        all.onFinish();
    }
}
