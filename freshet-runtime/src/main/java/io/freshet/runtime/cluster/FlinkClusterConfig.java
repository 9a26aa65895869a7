package io.freshet.runtime.cluster;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.flink.configuration.Configuration;

/**
 * The {@code config.yaml} every process of a local Flink session cluster reads: where the
 * JobManager is, checkpoints and savepoints in the cluster's shared directory, incremental RocksDB
 * checkpoints retained on cancellation, restarts that never give up, ZooKeeper high availability,
 * the adaptive scheduler, and the processes' memory.
 */
public final class FlinkClusterConfig {
  /** Memory of the JobManager process. */
  static final String JOB_MANAGER_MEMORY = "1024m";

  /**
   * Memory of each TaskManager process: the distribution's default; at 1 GiB almost nothing would
   * be left for task heap once network, managed memory and metaspace are taken.
   */
  static final String TASK_MANAGER_MEMORY = "1728m";

  private final ClusterLayout cluster;

  public FlinkClusterConfig(ClusterLayout cluster) {
    this.cluster = cluster;
  }

  /** The options, in the order they are written. */
  public Map<String, String> options() {
    FlinkLayout flink = cluster.flink();
    Path dir = cluster.dir();
    Map<String, String> o = new LinkedHashMap<>();
    o.put("jobmanager.rpc.address", "localhost");
    o.put("jobmanager.rpc.port", Integer.toString(flink.jobManagerPort()));
    // Loopback only: nothing of the cluster listens on other interfaces unless told.
    o.put("jobmanager.bind-host", "localhost");
    o.put("taskmanager.bind-host", "localhost");
    o.put("taskmanager.host", "localhost");
    o.put("rest.address", "localhost");
    o.put("rest.bind-address", "localhost");
    o.put("rest.port", Integer.toString(flink.restPort()));
    o.put("jobmanager.memory.process.size", JOB_MANAGER_MEMORY);
    o.put("taskmanager.memory.process.size", TASK_MANAGER_MEMORY);
    o.put("taskmanager.numberOfTaskSlots", Integer.toString(flink.slotsPerTaskManager()));
    o.put("parallelism.default", "2");

    o.put("state.backend.type", "rocksdb");
    o.put("execution.checkpointing.incremental", "true");
    o.put("state.backend.rocksdb.compression.per.level", "ZSTD_COMPRESSION");
    o.put("execution.checkpointing.dir", flink.checkpointDir(dir).toUri().toString());
    o.put("execution.checkpointing.savepoint-dir", flink.savepointDir(dir).toUri().toString());
    o.put("execution.checkpointing.externalized-checkpoint-retention", "RETAIN_ON_CANCELLATION");
    o.put("execution.checkpointing.num-retained", "3");
    o.put("web.checkpoints.history", "50");

    // A job restarts after any failure, as long as it takes, backing off to 10 s between tries.
    o.put("restart-strategy.type", "exponential-delay");
    o.put("restart-strategy.exponential-delay.initial-backoff", "1 s");
    o.put("restart-strategy.exponential-delay.max-backoff", "10 s");
    o.put(
        "restart-strategy.exponential-delay.attempts-before-reset-backoff",
        Integer.toString(Integer.MAX_VALUE));

    // A restarted JobManager finds its jobs and their latest checkpoints again in ZooKeeper.
    o.put("high-availability.type", "zookeeper");
    o.put("high-availability.zookeeper.quorum", "localhost:" + flink.zooKeeperPort());
    o.put("high-availability.storageDir", flinkDir().resolve("ha").toUri().toString());
    o.put("high-availability.cluster-id", "/freshet-" + cluster.clusterId());
    // A killed JobManager holds its leadership until its ZooKeeper session expires (60 s by
    // default); 6 s lets its restart take over soon, and is still 3 of ZooKeeper's 2 s ticks.
    o.put("high-availability.zookeeper.client.session-timeout", "6 s");
    o.put("high-availability.zookeeper.client.connection-timeout", "5 s");
    // The one-node ZooKeeper on loopback has no SASL; without this the client logs an error.
    o.put("zookeeper.sasl.disable", "true");

    // The adaptive scheduler runs a job at the parallelism its slots allow and rescales it in
    // place when asked (PUT /jobs/:id/resource-requirements), or when TaskManagers come and go.
    o.put("jobmanager.scheduler", "adaptive");
    o.put("jobmanager.adaptive-scheduler.submission.resource-stabilization-timeout", "5 s");
    // A rescale asked for (freshet autoscale) or offered (a TaskManager back) waits this long after
    // the previous one, 30 s by default; the autoscaler keeps its own, longer, cooldown.
    o.put("jobmanager.adaptive-scheduler.executing.cooldown-after-rescaling", "10 s");

    // A TaskManager killed without a word is noticed in seconds, not the default 50.
    o.put("heartbeat.interval", "2 s");
    o.put("heartbeat.timeout", "10 s");
    o.put("web.upload.dir", flinkDir().resolve("uploads").toString());
    return o;
  }

  /** The options as a Flink configuration, for the processes' memory arithmetic. */
  public Configuration configuration() {
    return Configuration.fromMap(options());
  }

  /** {@code DIR/flink}. */
  public Path flinkDir() {
    return cluster.flink().flinkDir(cluster.dir());
  }

  /** {@code DIR/flink/conf}, the {@code --configDir} of every Flink process. */
  public Path confDir() {
    return flinkDir().resolve("conf");
  }

  /** Writes {@code config.yaml} (every value quoted) and the processes' log4j configuration. */
  public void write() {
    StringBuilder yaml =
        new StringBuilder(
            "# Written by `freshet cluster up`; edit FlinkClusterConfig, not this.\n");
    options()
        .forEach(
            (key, value) ->
                yaml.append(key).append(": '").append(value.replace("'", "''")).append("'\n"));
    try {
      Files.createDirectories(confDir());
      Files.createDirectories(cluster.flink().checkpointDir(cluster.dir()));
      Files.createDirectories(cluster.flink().savepointDir(cluster.dir()));
      Files.createDirectories(flinkDir().resolve("uploads"));
      Files.writeString(confDir().resolve("config.yaml"), yaml, StandardCharsets.UTF_8);
      Files.writeString(log4jFile(), LOG4J, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new ClusterException(
          "Cannot write Flink's configuration in " + confDir() + ": " + e, e);
    }
  }

  /** The log4j2 configuration of every Flink and ZooKeeper process; each names its file. */
  public Path log4jFile() {
    return confDir().resolve("log4j2.properties");
  }

  /** Logs to {@code ${sys:log.file}}, rolled at 50 MB, as Flink's own log4j.properties does. */
  private static final String LOG4J =
      """
      # Written by `freshet cluster up`: each process logs to the file its -Dlog.file names.
      rootLogger.level = INFO
      rootLogger.appenderRef.file.ref = MainAppender
      appender.main.name = MainAppender
      appender.main.type = RollingFile
      appender.main.append = true
      appender.main.fileName = ${sys:log.file}
      appender.main.filePattern = ${sys:log.file}.%i
      appender.main.layout.type = PatternLayout
      appender.main.layout.pattern = %d{ISO8601} %-5p [%t] %c - %m%n
      appender.main.policies.type = Policies
      appender.main.policies.size.type = SizeBasedTriggeringPolicy
      appender.main.policies.size.size = 50MB
      appender.main.strategy.type = DefaultRolloverStrategy
      appender.main.strategy.max = 3
      logger.zookeeper.name = org.apache.flink.shaded.zookeeper3
      logger.zookeeper.level = WARN
      """;
}
