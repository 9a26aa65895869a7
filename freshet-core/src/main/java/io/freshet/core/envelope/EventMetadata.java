package io.freshet.core.envelope;

/** The envelope's metadata block: schema version and tracing identifiers. */
public record EventMetadata(String schemaVersion, String correlationId, String traceId) {}
