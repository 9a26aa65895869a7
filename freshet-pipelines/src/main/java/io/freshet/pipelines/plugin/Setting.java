package io.freshet.pipelines.plugin;

import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * One typed, validated tunable of a pipeline, with its default; the CLI turns it into an option
 * {@code --<name>} of {@code freshet run} and its {@code --help} text.
 *
 * <p>Two pipelines may declare the same setting (the same instance, e.g. the windows' allowed
 * lateness); it is then one option and one value for both.
 *
 * @param name the option name without dashes, lowercase words joined by '-'
 * @param paramLabel what the option's value looks like in {@code --help}, e.g. {@code DURATION}
 * @param description one sentence for {@code --help}; the default is appended to it
 * @param defaultValue the value when the option is not given
 * @param parser folds one occurrence of the option's text into the value so far
 * @param check the problem with a value, if any, phrased for the user
 * @param repeatable whether the option may be given more than once (each occurrence folds in)
 * @param <T> the setting's type
 */
public record Setting<T>(
    String name,
    String paramLabel,
    String description,
    T defaultValue,
    Parser<T> parser,
    Function<T, Optional<String>> check,
    boolean repeatable) {
  private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9]*(-[a-z0-9]+)*");

  /** Turns the text of one occurrence into the new value, given the value before it. */
  @FunctionalInterface
  public interface Parser<T> {
    /**
     * @throws IllegalArgumentException naming what is wrong with {@code text}
     */
    T parse(T current, String text);
  }

  public Setting {
    if (name == null || !NAME.matcher(name).matches()) {
      throw new IllegalArgumentException("not a setting name (lowercase-words): " + name);
    }
    Objects.requireNonNull(paramLabel, "paramLabel");
    Objects.requireNonNull(description, "description");
    Objects.requireNonNull(defaultValue, "defaultValue");
    Objects.requireNonNull(parser, "parser");
    Objects.requireNonNull(check, "check");
  }

  /** A single-valued setting: the last occurrence wins. */
  public static <T> Setting<T> of(
      String name,
      String paramLabel,
      String description,
      T defaultValue,
      Function<String, T> parse,
      Function<T, Optional<String>> check) {
    return new Setting<>(
        name,
        paramLabel,
        description,
        defaultValue,
        (current, text) -> parse.apply(text),
        check,
        false);
  }

  /** The option as typed on the command line. */
  public String option() {
    return "--" + name;
  }

  /** The value after {@code text}, or an {@link IllegalArgumentException} naming the option. */
  public T parse(T current, String text) {
    try {
      return parser.parse(current, text);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(option() + ": " + e.getMessage(), e);
    }
  }

  /** What is wrong with {@code value} as this setting, if anything, naming the option. */
  public Optional<String> problem(T value) {
    return check.apply(value).map(p -> option() + " " + p);
  }
}
