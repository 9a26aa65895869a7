package io.freshet.core.fraud.workflow;

import io.freshet.core.fraud.FraudAlert;
import io.freshet.core.fraud.FraudRule;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Every alert's case, folded from the alerts and the actions in the order the log holds them; the
 * same log always folds to the same cases, whichever way the two topics interleave.
 *
 * <p>An action can be read before its alert (they live on different topics); it waits until the
 * alert arrives. An action the case refuses (two operators resolving at once through different
 * instances) is counted and skipped, the same way on every replay.
 */
public final class AlertBook {
  private final Map<String, AlertCase> cases = new LinkedHashMap<>();
  private final Map<String, List<AlertAction>> waiting = new HashMap<>();
  private long refused;

  /** Opens the case of {@code alert}, unless a replayed copy of it is already open. */
  public synchronized void onAlert(FraudAlert alert) {
    if (cases.containsKey(alert.alertId())) {
      return;
    }
    AlertCase opened = AlertCase.opened(alert);
    cases.put(alert.alertId(), opened);
    List<AlertAction> early = waiting.remove(alert.alertId());
    if (early != null) {
      early.forEach(this::onAction);
    }
  }

  /** Applies {@code action} to its case, or keeps it until the alert arrives. */
  public synchronized void onAction(AlertAction action) {
    AlertCase current = cases.get(action.alertId());
    if (current == null) {
      waiting.computeIfAbsent(action.alertId(), id -> new ArrayList<>()).add(action);
      return;
    }
    if (current.history().stream().anyMatch(a -> a.actionId().equals(action.actionId()))) {
      return;
    }
    if (current.refusal(action.kind()).isPresent()) {
      refused++;
      return;
    }
    cases.put(action.alertId(), current.apply(action));
  }

  /** The case of {@code alertId}, if its alert was read. */
  public synchronized Optional<AlertCase> get(String alertId) {
    return Optional.ofNullable(cases.get(alertId));
  }

  /** Every case, in the order the alerts were read. */
  public synchronized List<AlertCase> all() {
    return List.copyOf(cases.values());
  }

  /** The newest {@code limit} cases by detection time, newest first, optionally of one status. */
  public synchronized List<AlertCase> newest(int limit, Optional<AlertStatus> status) {
    return cases.values().stream()
        .filter(c -> status.isEmpty() || c.status() == status.get())
        .sorted(
            Comparator.comparingLong((AlertCase c) -> c.alert().detectedAt())
                .thenComparing(c -> c.alert().alertId())
                .reversed())
        .limit(limit)
        .toList();
  }

  /** Actions the cases refused (should stay 0 with one Freshet instance). */
  public synchronized long refused() {
    return refused;
  }

  /** Per rule, how its resolved alerts were resolved. */
  public synchronized Map<FraudRule, RulePrecision> precision() {
    Map<FraudRule, RulePrecision> byRule = new EnumMap<>(FraudRule.class);
    for (FraudRule rule : FraudRule.values()) {
      byRule.put(rule, RulePrecision.NONE);
    }
    for (AlertCase c : cases.values()) {
      byRule.merge(c.alert().rule(), RulePrecision.of(c), RulePrecision::plus);
    }
    return byRule;
  }
}
