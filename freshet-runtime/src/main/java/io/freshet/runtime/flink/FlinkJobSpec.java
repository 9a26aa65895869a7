package io.freshet.runtime.flink;

import java.nio.charset.StandardCharsets;
import java.util.UUID;
import java.util.function.Consumer;
import org.apache.flink.api.common.JobID;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/**
 * A named Flink job: how to wire it into an environment. The job id is derived from the name so its
 * checkpoints are found again after a restart.
 */
public record FlinkJobSpec(String name, Consumer<StreamExecutionEnvironment> wiring) {
  /** A stable id per job name. */
  public JobID jobId() {
    UUID uuid = UUID.nameUUIDFromBytes(("freshet:" + name).getBytes(StandardCharsets.UTF_8));
    return new JobID(uuid.getLeastSignificantBits(), uuid.getMostSignificantBits());
  }
}
