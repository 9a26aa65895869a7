package io.freshet.cli;

import io.freshet.pipelines.common.PipelineId;
import picocli.CommandLine.IVersionProvider;

/** Reports the Freshet build version for {@code --version}. */
public final class VersionProvider implements IVersionProvider {
  @Override
  public String[] getVersion() {
    return new String[] {"freshet " + PipelineId.buildVersion()};
  }
}
