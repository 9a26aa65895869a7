package io.freshet.pipelines.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class LatencyHistogramTest {
  @Test
  void bucketsAreCumulativeAndInclusiveOfTheirUpperBound() {
    LatencyHistogram h = new LatencyHistogram();
    h.update(1); // <= 1 ms
    h.update(2); // <= 2.5 ms
    h.update(100); // <= 100 ms exactly
    h.update(101); // <= 250 ms
    h.update(-5); // clock skew counts as 0
    h.update(700_000); // +Inf
    long[] c = h.cumulativeCounts();
    assertThat(c).hasSize(LatencyHistogram.BOUNDS_SECONDS.length + 1);
    assertThat(c[0]).isEqualTo(2); // 0.001
    assertThat(c[1]).isEqualTo(3); // 0.0025
    assertThat(c[6]).isEqualTo(4); // 0.1
    assertThat(c[7]).isEqualTo(5); // 0.25
    assertThat(c[c.length - 2]).isEqualTo(5); // 600 s
    assertThat(c[c.length - 1]).isEqualTo(6); // +Inf
    assertThat(h.getCount()).isEqualTo(6);
    assertThat(h.sumSeconds()).isEqualTo(700.204);
    assertThat(h.getStatistics().getQuantile(0.5)).isEqualTo(3);
  }
}
