package io.freshet.bench.harness;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.ParseException;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import jdk.jfr.Configuration;
import jdk.jfr.Recording;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordingFile;

/**
 * A Java Flight Recorder recording of this JVM (broker, Flink tasks and all) while a scenario runs,
 * summarised as its hottest frames.
 */
public final class JfrProfiler implements AutoCloseable {
  private final Recording recording;
  private final Path file;

  private JfrProfiler(Recording recording, Path file) {
    this.recording = recording;
    this.file = file;
  }

  /** Starts recording with JFR's {@code profile} settings (CPU samples every 10 ms). */
  public static JfrProfiler start(Path file) throws IOException, ParseException {
    Files.createDirectories(file.toAbsolutePath().getParent());
    Recording recording = new Recording(Configuration.getConfiguration("profile"));
    recording.setToDisk(true);
    recording.setDestination(file);
    recording.start();
    return new JfrProfiler(recording, file);
  }

  public Path file() {
    return file;
  }

  /**
   * Stops recording, writes the file, and returns the {@code top} methods most often on top of a
   * sampled stack (self time), with their share of samples.
   */
  public ResultTable stopAndSummarise(String scenario, int top) throws IOException {
    recording.stop();
    recording.close();
    return summarise(file, "Hot frames of " + scenario, top);
  }

  /**
   * The {@code top} methods most often on top of a sampled stack in the JFR file {@code file}, any
   * JVM's recording: a table titled {@code title} with their share of samples.
   */
  public static ResultTable summarise(Path file, String title, int top) throws IOException {
    Map<String, Long> selfSamples = new HashMap<>();
    long total = 0;
    for (RecordedEvent event : RecordingFile.readAllEvents(file)) {
      if (!event.getEventType().getName().equals("jdk.ExecutionSample")
          || event.getStackTrace() == null) {
        continue;
      }
      List<RecordedFrame> frames = event.getStackTrace().getFrames();
      if (frames.isEmpty()) {
        continue;
      }
      RecordedFrame frame = frames.get(0);
      String method = frame.getMethod().getType().getName() + "." + frame.getMethod().getName();
      selfSamples.merge(method, 1L, Long::sum);
      total++;
    }
    ResultTable.Builder table =
        ResultTable.titled(
            title + " (JFR CPU samples, self time; " + file + ")", "method", "samples", "share");
    long all = total;
    selfSamples.entrySet().stream()
        .sorted(Map.Entry.<String, Long>comparingByValue(Comparator.reverseOrder()))
        .limit(top)
        .forEach(
            e ->
                table.row(
                    e.getKey(),
                    Long.toString(e.getValue()),
                    String.format("%.1f %%", 100.0 * e.getValue() / all)));
    return table.build();
  }

  @Override
  public void close() {
    recording.close();
  }
}
