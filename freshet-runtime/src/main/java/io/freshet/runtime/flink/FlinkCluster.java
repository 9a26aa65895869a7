package io.freshet.runtime.flink;

import java.net.URI;
import java.util.Map;
import org.apache.flink.api.common.JobStatus;

/**
 * The Flink the platform runs against: its own MiniCluster ({@link EmbeddedFlink}) or a session
 * cluster's JobManager reached through Flink's REST API ({@link RemoteFlink}).
 */
public interface FlinkCluster extends AutoCloseable {
  /**
   * The status of the jobs the cluster has, by job name, which is the name of the pipeline the job
   * runs; a pipeline with no job has no entry. Cheap enough for a request path.
   *
   * @throws FlinkUnavailableException when the cluster cannot tell
   */
  Map<String, JobStatus> jobStatuses();

  /** How a pipeline that has no job on this cluster shows in health and status. */
  MissingJob missingJob(String pipeline);

  /** Flink's REST API and web UI. */
  URI restAddress() throws Exception;

  /** What this Flink is, for the start-up banner. */
  String description();

  /** How a pipeline without a job is reported: a state and what to do about it. */
  record MissingJob(String state, String detail) {}
}
