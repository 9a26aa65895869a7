package io.freshet.pipelines.common;

import java.io.Serializable;

/** Names a pipeline and the Freshet version running it; dead letters record both. */
public record PipelineId(String name, String version) implements Serializable {
  /** The version of this build, from the jar manifest, or "dev" when run from classes. */
  public static String buildVersion() {
    String v = PipelineId.class.getPackage().getImplementationVersion();
    return v == null ? "dev" : v;
  }

  public static PipelineId of(String name) {
    return new PipelineId(name, buildVersion());
  }
}
