package io.freshet.cli;

import io.freshet.pipelines.plugin.FreshetPipeline;
import io.freshet.pipelines.plugin.PipelineCatalog;
import io.freshet.pipelines.plugin.PipelineSettings;
import io.freshet.pipelines.plugin.Setting;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import picocli.CommandLine.IModelTransformer;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * Adds one option of {@code freshet run} per setting of the registered pipelines, so that its
 * {@code --help} lists what the pipelines declare, and reads their values back.
 */
public final class PipelineOptions implements IModelTransformer {
  @Override
  public CommandSpec transform(CommandSpec spec) {
    PipelineCatalog catalog = PipelineCatalog.discovered();
    for (Setting<?> setting : catalog.settings()) {
      List<String> owners = new ArrayList<>();
      for (FreshetPipeline p : catalog.pipelines()) {
        if (p.settings().contains(setting)) {
          owners.add(p.name());
        }
      }
      OptionSpec.Builder option =
          OptionSpec.builder(setting.option())
              .paramLabel(setting.paramLabel())
              .description("[" + String.join(", ", owners) + "] " + setting.description());
      if (setting.repeatable()) {
        option.type(List.class).auxiliaryTypes(String.class);
      } else {
        option.type(String.class);
      }
      spec.addOption(option.build());
    }
    return spec;
  }

  /**
   * The settings given on the command line parsed into {@code spec}, each occurrence folded into
   * the setting's default in order.
   *
   * @throws IllegalArgumentException naming the option whose text is not valid
   */
  static PipelineSettings values(CommandSpec spec) {
    PipelineSettings values = PipelineSettings.defaults();
    for (Setting<?> setting : PipelineCatalog.discovered().settings()) {
      OptionSpec option = spec.findOption(setting.option());
      if (option != null) {
        values = fold(values, setting, texts(option.getValue()));
      }
    }
    return values;
  }

  /**
   * The settings of {@code pipeline} given on the command line parsed into {@code spec}, as {@code
   * --option text} pairs in the order given, for the job jar's program arguments.
   */
  static List<String> arguments(CommandSpec spec, FreshetPipeline pipeline) {
    List<String> args = new ArrayList<>();
    for (Setting<?> setting : pipeline.settings()) {
      OptionSpec option = spec.findOption(setting.option());
      if (option != null) {
        for (String text : texts(option.getValue())) {
          args.add(setting.option());
          args.add(text);
        }
      }
    }
    return args;
  }

  private static List<String> texts(Object value) {
    if (value == null) {
      return List.of();
    }
    if (value instanceof List<?> list) {
      return list.stream().map(String::valueOf).toList();
    }
    return List.of(value.toString());
  }

  private static <T> PipelineSettings fold(
      PipelineSettings values, Setting<T> setting, List<String> texts) {
    if (texts.isEmpty()) {
      return values;
    }
    T value = setting.defaultValue();
    for (String text : texts) {
      value = setting.parse(value, text);
    }
    return values.with(setting, value);
  }

  /** The names and aliases {@code --pipelines} accepts, for {@code --help}. */
  public static final class Names implements Iterable<String> {
    @Override
    public Iterator<String> iterator() {
      List<String> names = new ArrayList<>();
      for (FreshetPipeline p : PipelineCatalog.discovered().pipelines()) {
        names.add(p.aliases().isEmpty() ? p.name() : p.aliases().get(0));
      }
      return names.iterator();
    }
  }
}
