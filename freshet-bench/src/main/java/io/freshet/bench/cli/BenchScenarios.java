package io.freshet.bench.cli;

import io.freshet.bench.BenchScenario;
import io.freshet.bench.scenario.AnalyticsThroughputScenario;
import io.freshet.bench.scenario.ClusterThroughputScenario;
import io.freshet.bench.scenario.DecisionApiScenario;
import io.freshet.bench.scenario.FlinkPassthroughScenario;
import io.freshet.bench.scenario.FootprintScenario;
import io.freshet.bench.scenario.FraudLatencyScenario;
import io.freshet.bench.scenario.FraudThroughputScenario;
import io.freshet.bench.scenario.KafkaLimitScenario;
import io.freshet.bench.scenario.PlatformThroughputScenario;
import io.freshet.bench.scenario.RecoveryScenario;
import io.freshet.bench.scenario.StateScenario;
import io.freshet.bench.scenario.StoreScenario;
import io.freshet.bench.scenario.VelocityTextbookScenario;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Every scenario {@code freshet bench} knows, in the order a full run takes them. */
public final class BenchScenarios {
  private BenchScenarios() {}

  /** Scenarios by name, baselines first so later ratios can use them. */
  public static Map<String, BenchScenario> byName() {
    Map<String, BenchScenario> all = new LinkedHashMap<>();
    for (BenchScenario s :
        List.of(
            new KafkaLimitScenario(),
            new FlinkPassthroughScenario(),
            new FraudThroughputScenario(),
            new ClusterThroughputScenario(),
            new FraudLatencyScenario(),
            new VelocityTextbookScenario(),
            new AnalyticsThroughputScenario(),
            new StateScenario(),
            new DecisionApiScenario(),
            new PlatformThroughputScenario(),
            new RecoveryScenario(),
            new StoreScenario(),
            new FootprintScenario())) {
      all.put(s.name(), s);
    }
    return all;
  }

  /**
   * The scenarios named, in the order given; {@code all} means every scenario.
   *
   * @throws IllegalArgumentException naming the unknown scenario and the known ones
   */
  public static List<BenchScenario> resolve(List<String> names) {
    Map<String, BenchScenario> all = byName();
    if (names.isEmpty() || names.equals(List.of("all"))) {
      return new ArrayList<>(all.values());
    }
    List<BenchScenario> chosen = new ArrayList<>();
    for (String name : names) {
      BenchScenario scenario = all.get(name);
      if (scenario == null) {
        throw new IllegalArgumentException(
            "unknown scenario '" + name + "'; known: " + String.join(", ", all.keySet()));
      }
      chosen.add(scenario);
    }
    return chosen;
  }
}
