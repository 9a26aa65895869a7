package io.freshet.bench.scenario;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** The small parsers the {@code state} and {@code recovery} scenarios rely on for exact checks. */
class StateRecoveryParsingTest {
  @Test
  void generatedIdsMapToTheirIndexAndForeignIdsToMinusOne() {
    assertThat(FraudWorkloads.index("sc-0", "sc-")).isZero();
    assertThat(FraudWorkloads.index("rtx-1999999", "rtx-")).isEqualTo(1_999_999);
    assertThat(FraudWorkloads.index("sc-", "sc-")).isEqualTo(-1);
    assertThat(FraudWorkloads.index("sc-12a", "sc-")).isEqualTo(-1);
    assertThat(FraudWorkloads.index("cust-12", "sc-")).isEqualTo(-1);
    assertThat(FraudWorkloads.index("sc-99999999999", "sc-")).isEqualTo(-1);
    assertThat(FraudWorkloads.index((String) null, "sc-")).isEqualTo(-1);
  }

  @Test
  void heapGaugesAreReadFromPrometheusTextAndAMissingOneIsAnError() {
    String text =
        "# TYPE flink_jobmanager_Status_JVM_Memory_Heap_Used gauge\n"
            + "flink_jobmanager_Status_JVM_Memory_Heap_Used{host=\"localhost\"} 2.87651E8\n"
            + "flink_jobmanager_Status_JVM_Memory_Heap_Committed{host=\"localhost\"} 3.86924544E8\n";

    assertThat(DemoMemoryProbe.metric(text, DemoMemoryProbe.HEAP_USED_METRIC)).isEqualTo(2.87651E8);
    assertThat(DemoMemoryProbe.metric(text, DemoMemoryProbe.HEAP_COMMITTED_METRIC))
        .isEqualTo(3.86924544E8);
    assertThatThrownBy(() -> DemoMemoryProbe.metric(text, "jvm_memory_used_bytes"))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("jvm_memory_used_bytes");
  }

  @Test
  void procStatusFieldsAreKibibytes() {
    String status = "Name:\tjava\nVmHWM:\t  812940 kB\nVmRSS:\t  801320 kB\n";

    assertThat(DemoMemoryProbe.kib(status, "VmRSS")).isEqualTo(801320 * 1024.0);
    assertThat(DemoMemoryProbe.kib(status, "VmHWM")).isEqualTo(812940 * 1024.0);
  }
}
