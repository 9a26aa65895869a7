package io.freshet.core.fraud.workflow;

import java.util.Arrays;
import java.util.Optional;

/** What an operator did to an alert; each is an event type on {@code alert-actions}. */
public enum AlertActionKind {
  ACKNOWLEDGED("alert.acknowledged", "acknowledge"),
  RESOLVED("alert.resolved", "resolve"),
  COMMENTED("alert.commented", "comment");

  private final String eventType;
  private final String command;

  AlertActionKind(String eventType, String command) {
    this.eventType = eventType;
    this.command = command;
  }

  /** The envelope's event_type. */
  public String eventType() {
    return eventType;
  }

  /** The verb an operator's command names. */
  public String command() {
    return command;
  }

  /** The kind of an event type, if it is one. */
  public static Optional<AlertActionKind> ofEventType(String eventType) {
    return Arrays.stream(values()).filter(k -> k.eventType.equals(eventType)).findFirst();
  }

  /** The kind a command verb asks for, if it is one. */
  public static Optional<AlertActionKind> ofCommand(String command) {
    return Arrays.stream(values()).filter(k -> k.command.equals(command)).findFirst();
  }
}
