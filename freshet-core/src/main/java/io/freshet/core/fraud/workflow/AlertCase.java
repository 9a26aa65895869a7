package io.freshet.core.fraud.workflow;

import io.freshet.core.fraud.FraudAlert;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * An alert with its workflow state and full history: the read model rebuilt by folding the alert
 * and its actions, in order, with {@link #apply}.
 *
 * @param alert the alert as the fraud job raised it
 * @param status where it is now
 * @param resolution how it was resolved, null until it is
 * @param history every action applied, oldest first
 */
public record AlertCase(
    FraudAlert alert, AlertStatus status, Resolution resolution, List<AlertAction> history) {

  public AlertCase {
    Objects.requireNonNull(alert, "alert");
    Objects.requireNonNull(status, "status");
    history = List.copyOf(history);
  }

  /** A newly raised alert: open, no history. */
  public static AlertCase opened(FraudAlert alert) {
    return new AlertCase(alert, AlertStatus.OPEN, null, List.of());
  }

  /**
   * Why an action of {@code kind} cannot be applied now, if it cannot: acknowledging an alert that
   * is no longer open, or resolving one already resolved; a comment is always welcome.
   */
  public Optional<String> refusal(AlertActionKind kind) {
    return switch (kind) {
      case ACKNOWLEDGED ->
          status == AlertStatus.OPEN
              ? Optional.empty()
              : Optional.of("alert " + alert.alertId() + " is already " + status);
      case RESOLVED ->
          status == AlertStatus.RESOLVED
              ? Optional.of("alert " + alert.alertId() + " is already resolved as " + resolution)
              : Optional.empty();
      case COMMENTED -> Optional.empty();
    };
  }

  /**
   * The case after {@code action}.
   *
   * @throws IllegalStateException when {@link #refusal} refuses it
   */
  public AlertCase apply(AlertAction action) {
    if (!action.alertId().equals(alert.alertId())) {
      throw new IllegalArgumentException(
          "action on " + action.alertId() + " applied to " + alert.alertId());
    }
    refusal(action.kind())
        .ifPresent(
            reason -> {
              throw new IllegalStateException(reason);
            });
    List<AlertAction> next = new ArrayList<>(history);
    next.add(action);
    return switch (action.kind()) {
      case ACKNOWLEDGED -> new AlertCase(alert, AlertStatus.ACKNOWLEDGED, resolution, next);
      case RESOLVED -> new AlertCase(alert, AlertStatus.RESOLVED, action.resolution(), next);
      case COMMENTED -> new AlertCase(alert, status, resolution, next);
    };
  }
}
