package io.freshet.runtime.deadletter;

import io.freshet.core.envelope.ErrorType;

/**
 * How many selected dead letters one pipeline produced with one error type.
 *
 * @param pipeline the pipeline named in the dead letters, or null when they name none
 */
public record DeadLetterCount(String pipeline, ErrorType errorType, long count) {}
