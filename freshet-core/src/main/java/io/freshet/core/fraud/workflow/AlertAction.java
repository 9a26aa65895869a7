package io.freshet.core.fraud.workflow;

import java.util.Objects;

/**
 * One operator action on an alert, as appended to {@code alert-actions}: the event the alert's
 * status is rebuilt from.
 *
 * @param actionId the event id, unique per action
 * @param alertId the alert acted on
 * @param kind what was done
 * @param actor who did it
 * @param at when, epoch milliseconds
 * @param resolution for {@link AlertActionKind#RESOLVED} only, else null
 * @param comment the operator's note: required for a comment, optional otherwise, may be null
 */
public record AlertAction(
    String actionId,
    String alertId,
    AlertActionKind kind,
    String actor,
    long at,
    Resolution resolution,
    String comment) {

  public AlertAction {
    Objects.requireNonNull(actionId, "actionId");
    Objects.requireNonNull(alertId, "alertId");
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(actor, "actor");
    if ((kind == AlertActionKind.RESOLVED) != (resolution != null)) {
      throw new IllegalArgumentException(
          "a resolution belongs to a resolve action, and only there");
    }
  }
}
