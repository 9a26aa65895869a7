package io.freshet.cli;

import io.freshet.core.envelope.ErrorType;
import io.freshet.runtime.deadletter.DeadLetterFilter;
import io.freshet.runtime.deadletter.Since;
import java.time.Instant;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** {@code freshet dlq}: inspect and replay the records the pipelines could not process. */
@Command(
    name = "dlq",
    mixinStandardHelpOptions = true,
    description = "Inspect the dead-letter topics and replay dead letters to their source topics.",
    subcommands = {DlqListCommand.class, DlqShowCommand.class, DlqReplayCommand.class})
public final class DlqCommand implements Runnable {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  /** Reads an error type name in any case. */
  static final class ErrorTypeConverter implements ITypeConverter<ErrorType> {
    @Override
    public ErrorType convert(String value) {
      try {
        return DeadLetterFilter.parseErrorType(value);
      } catch (IllegalArgumentException e) {
        throw new TypeConversionException(e.getMessage());
      }
    }
  }

  /** Reads an instant, a UTC date or a time ago, relative to now. */
  static final class SinceConverter implements ITypeConverter<Instant> {
    @Override
    public Instant convert(String value) {
      try {
        return Since.parse(value, Instant.now());
      } catch (IllegalArgumentException e) {
        throw new TypeConversionException(e.getMessage());
      }
    }
  }
}
