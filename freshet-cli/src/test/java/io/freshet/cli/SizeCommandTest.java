package io.freshet.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class SizeCommandTest {
  /** The seed's worked example, as issue 13 writes the command. */
  static final String[] WORKED_EXAMPLE = {
    "size",
    "--events-per-sec",
    "100000",
    "--event-bytes",
    "1024",
    "--retention-days",
    "7",
    "--replication",
    "3"
  };

  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();

  private int execute(String... args) {
    CommandLine cli = FreshetCommand.commandLine();
    cli.setOut(new PrintWriter(out, true));
    cli.setErr(new PrintWriter(err, true));
    return cli.execute(args);
  }

  @Test
  void theWorkedExamplePrintsItsFiguresAndTheirArithmetic() {
    // When the worked example is sized
    int exit = execute(WORKED_EXAMPLE);

    // Then it exits 0 and prints the table, then the arithmetic of each figure
    assertThat(exit).isZero();
    assertThat(err.toString()).isEmpty();
    assertThat(out.toString())
        .startsWith(
            """
            Capacity plan: 100,000 events/s × 1,024 B, kept 7 days, replication factor 3,
            1 consumer group, stateless.
            Decimal units: 1 MB = 10^6 B, 1 TB = 10^12 B; a month is 730 h.

            KAFKA
              Ingress                              102.4 MB/s
              Written, all replicas                307.2 MB/s
              Brokers for throughput                        3
              Brokers, with headroom                        5
              Partitions                                   32

            STORAGE
              Retained, all replicas                 185.8 TB
              Disk, with overhead                    223.0 TB
              Disk per broker                         44.6 TB

            NETWORK
              Broker to broker                     204.8 MB/s
              To consumers                         102.4 MB/s
              In, per broker                        61.4 MB/s
              Out, per broker                       61.4 MB/s

            FLINK
              Slots (parallelism)                          32
              TaskManagers                                  8

            MEMORY
              no keyed state: stateless (--stateful --keys N sizes it)

            ARITHMETIC
              Ingress: 100,000 events/s × 1,024 B = 102.4 MB/s in
              Written, all replicas: 102.4 MB/s × replication 3 = 307.2 MB/s written
              Brokers for throughput: ceil(307.2 MB/s ÷ 125.0 MB/s per broker) = 3
              Brokers, with headroom: ceil(3 × 1.5) = 5 (+50 % headroom)
              Partitions: max(parallelism 32, brokers 5) = 32: a partition for every source subtask and every
                broker
              Retained, all replicas: 102.4 MB/s × 86,400 s × 7 days × replication 3 = 185.8 TB
              Disk, with overhead: 185.8 TB × 1.2 (+20 % for indexes, segments awaiting deletion and free space)
                = 223.0 TB
              Disk per broker: 223.0 TB ÷ 5 brokers = 44.6 TB
              Broker to broker: 102.4 MB/s × (replication 3 − 1) = 204.8 MB/s from leaders to followers
              To consumers: 102.4 MB/s × 1 consumer group = 102.4 MB/s
              In, per broker: (102.4 + 204.8) MB/s ÷ 5 brokers = 61.4 MB/s (0.49 Gbit/s)
              Out, per broker: (204.8 + 102.4) MB/s ÷ 5 brokers = 61.4 MB/s (0.49 Gbit/s)
              Slots (parallelism): ceil(100,000 events/s ÷ 3,200 events/s per slot) = 32
              TaskManagers: ceil(32 slots ÷ 4 per TaskManager) = 8, and 1 JobManager

            MONTHLY COST, USD: illustrative list prices, check your provider (price table of 2026-12-02)
            """);
  }

  @Test
  void theWorkedExamplePrintsEachCostItemAndTheWarning() {
    // When the worked example is sized
    execute(WORKED_EXAMPLE);

    // Then every cost item names its quantity and price, and the disk per broker is warned of
    assertThat(out.toString().lines())
        .containsSubsequence(
            "  Self-managed",
            "    Kafka brokers            5 VMs × 730 h × $0.384/h                               $1,402",
            "    KRaft controllers        3 VMs × 730 h × $0.096/h                                 $210",
            "    Broker disks             222,953 GB × $0.08/GB-month                           $17,836",
            "    Cross-zone replication   204.8 MB/s × 2,628,000 s = 538,214 GB × $0.02/GB      $10,764",
            "    Flink TaskManagers       8 VMs × 730 h × $0.192/h                               $1,121",
            "    Flink JobManager         1 VM × 730 h × $0.192/h                                  $140",
            "    Total                                                                          $31,474",
            "  Managed",
            "    Kafka cluster            730 h × $0.75/h                                          $548",
            "    Kafka partitions         32 partitions × 730 h × $0.0015/h                         $35",
            "    Kafka data in            102.4 MB/s × 2,628,000 s = 269,107 GB × $0.10/GB      $26,911",
            "    Kafka data out           102.4 MB/s × 2,628,000 s = 269,107 GB × $0.05/GB      $13,455",
            "    Kafka storage            61,932 GB kept once × $0.10/GB-month                   $6,193",
            "    Flink processing units   (32 slots + 1) × 730 h × $0.11/h                       $2,650",
            "    Flink running storage    33 units × 50 GB × $0.10/GB-month                        $165",
            "    Total                                                                          $49,957",
            "ASSUMPTIONS",
            "WARNINGS",
            "  ! each broker would hold 44.6 TB, more than 10.0 TB (re-replicating a lost broker at 125.0 MB/s",
            "      takes 22.2 h per 10.0 TB): ceil(223.0 TB ÷ 10.0 TB) = 23 brokers hold it, or tiered storage",
            "      for older segments, or a shorter retention");
    assertThat(out.toString())
        .contains(
            "  Flink throughput 3,200 events/s per slot: the fraud job on RocksDB, 1,000,000"
                + " customers × 20\n");
  }

  @Test
  void thousandByteEventsGiveTheSeedsHundredMegabytesAndHundredEightyOneTerabytes() {
    // When the worked example is sized with 1,000-byte events
    execute("size", "--events-per-sec", "100000", "--event-bytes", "1000", "--stateful");

    // Then 100 MB/s in, 300 written, 5 brokers, 181.4 TB and 217.7 TB, and the keyed state
    assertThat(out.toString().lines())
        .contains(
            "  Ingress                              100.0 MB/s",
            "  Written, all replicas                300.0 MB/s",
            "  Brokers, with headroom                        5",
            "  Retained, all replicas                 181.4 TB",
            "  Disk, with overhead                    217.7 TB",
            "  Keyed state                            322.0 MB",
            "  Managed memory per TaskManager           1.0 GB");
  }

  @Test
  void fewerPartitionsThanTheParallelismIsWarned() {
    // When the worked example is sized for 16 partitions
    execute("size", "--events-per-sec", "100000", "--event-bytes", "1024", "--partitions", "16");

    // Then the 16 idle source subtasks are warned of
    assertThat(out.toString())
        .contains(
            "  ! 16 partitions are fewer than the parallelism 32: 16 source subtasks would read"
                + " nothing; use at\n      least 32 partitions\n");
  }

  @Test
  void badOptionsAreAllNamedAndExitTwo() {
    // When sized with no events, zero partitions, and keys without --stateful
    int exit =
        execute(
            "size",
            "--events-per-sec",
            "0",
            "--event-bytes",
            "1024",
            "--partitions",
            "0",
            "--keys",
            "5");

    // Then it exits 2, prints nothing on standard output and names every problem
    assertThat(exit).isEqualTo(2);
    assertThat(out.toString()).isEmpty();
    assertThat(err.toString().lines())
        .containsExactly(
            "freshet size: --events-per-sec must be at least 1, was 0",
            "freshet size: --partitions must be at least 1, was 0",
            "freshet size: --keys and --state-bytes-per-key size keyed state: add --stateful");
  }

  @Test
  void aMissingRateOrANonNumberExitsTwo() {
    // When the rate is missing, or not a number / Then picocli refuses it with exit code 2
    assertThat(execute("size", "--event-bytes", "1024")).isEqualTo(2);
    assertThat(err.toString()).contains("Missing required option: '--events-per-sec");
    assertThat(execute("size", "--events-per-sec", "many", "--event-bytes", "1")).isEqualTo(2);
    assertThat(err.toString()).contains("'many' is not a long");
  }

  @Test
  void jsonIsThePlanForMachines() throws Exception {
    // When the worked example is sized with --json
    execute(concat(WORKED_EXAMPLE, "--json"));

    // Then the output is one JSON document with the figures in base units
    JsonNode json = new ObjectMapper().readTree(out.toString());
    assertThat(json.at("/figures/brokers/value").asInt()).isEqualTo(5);
    assertThat(json.at("/figures/task_managers/value").asInt()).isEqualTo(8);
    assertThat(json.at("/figures/retained_bytes/value").asLong()).isEqualTo(185_794_560_000_000L);
    assertThat(json.at("/warnings/0/code").asText()).isEqualTo("disk_per_broker");
  }

  private static String[] concat(String[] args, String more) {
    String[] all = java.util.Arrays.copyOf(args, args.length + 1);
    all[args.length] = more;
    return all;
  }
}
