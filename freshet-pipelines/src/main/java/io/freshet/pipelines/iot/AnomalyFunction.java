package io.freshet.pipelines.iot;

import io.freshet.core.iot.AnomalyConfig;
import io.freshet.core.iot.EwmaBaseline;
import java.util.OptionalDouble;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;

/**
 * Scores each first emission of a 5-second mean against the device sensor's exponentially weighted
 * baseline of its previous means, raising an anomaly when |z| exceeds the threshold. Late revisions
 * do not update the baseline again.
 */
public final class AnomalyFunction extends KeyedProcessFunction<String, PaneStats, SensorAnomaly> {
  private static final long serialVersionUID = 1L;

  private final AnomalyConfig config;
  private transient ValueState<EwmaBaseline> baseline;

  public AnomalyFunction(AnomalyConfig config) {
    this.config = config;
  }

  @Override
  public void open(OpenContext openContext) {
    baseline =
        getRuntimeContext()
            .getState(
                new ValueStateDescriptor<>(
                    "ewma-baseline", TypeInformation.of(EwmaBaseline.class)));
  }

  @Override
  public void processElement(PaneStats pane, Context ctx, Collector<SensorAnomaly> out)
      throws Exception {
    if (pane.revision() != 0) {
      return;
    }
    EwmaBaseline current =
        baseline.value() == null ? EwmaBaseline.empty(config) : baseline.value().withConfig(config);
    double mean = pane.stats().mean();
    OptionalDouble z = current.score(mean);
    if (z.isPresent() && config.isAnomaly(z.getAsDouble())) {
      out.collect(
          new SensorAnomaly(
              pane.deviceId(),
              pane.sensorType(),
              pane.windowStart(),
              pane.windowEnd(),
              mean,
              current.mean(),
              current.stdDev(),
              z.getAsDouble()));
    }
    baseline.update(current.update(mean));
  }
}
