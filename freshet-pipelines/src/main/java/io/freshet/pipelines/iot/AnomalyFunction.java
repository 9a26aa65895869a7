package io.freshet.pipelines.iot;

import io.freshet.core.iot.AnomalyConfig;
import io.freshet.core.iot.EquipmentBaseline;
import io.freshet.core.iot.EwmaBaseline;
import io.freshet.core.iot.SensorAnomaly;
import io.freshet.core.iot.SensorType;
import java.util.OptionalDouble;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.state.ReadOnlyBroadcastState;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.streaming.api.functions.co.KeyedBroadcastProcessFunction;
import org.apache.flink.util.Collector;

/**
 * Scores each first emission of a 5-second mean against the device sensor's exponentially weighted
 * baseline of its previous means, raising an anomaly when |z| exceeds the threshold. Late revisions
 * do not update the baseline again. A device without history starts from its sensor type's
 * equipment baseline when one was broadcast.
 */
public final class AnomalyFunction
    extends KeyedBroadcastProcessFunction<String, PaneStats, EquipmentBaseline, SensorAnomaly> {
  private static final long serialVersionUID = 1L;

  /** Equipment baselines by sensor type, broadcast to every subtask. */
  public static final MapStateDescriptor<SensorType, EquipmentBaseline> EQUIPMENT =
      new MapStateDescriptor<>(
          "equipment-baselines",
          TypeInformation.of(SensorType.class),
          TypeInformation.of(EquipmentBaseline.class));

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
  public void processElement(PaneStats pane, ReadOnlyContext ctx, Collector<SensorAnomaly> out)
      throws Exception {
    if (pane.revision() != 0) {
      return;
    }
    EwmaBaseline current =
        baseline.value() == null
            ? initial(ctx.getBroadcastState(EQUIPMENT), pane.sensorType())
            : baseline.value().withConfig(config);
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

  @Override
  public void processBroadcastElement(
      EquipmentBaseline equipment, Context ctx, Collector<SensorAnomaly> out) throws Exception {
    ctx.getBroadcastState(EQUIPMENT).put(equipment.sensorType(), equipment);
  }

  private EwmaBaseline initial(
      ReadOnlyBroadcastState<SensorType, EquipmentBaseline> equipment, SensorType type)
      throws Exception {
    EquipmentBaseline seed = equipment.get(type);
    return seed == null
        ? EwmaBaseline.empty(config)
        : EwmaBaseline.seeded(config, seed.mean(), seed.stddev());
  }
}
