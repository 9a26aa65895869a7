package io.freshet.core.fraud.workflow;

import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * What an operator asks to do to an alert, validated field by field before it becomes an {@link
 * AlertAction}.
 *
 * @param kind the action
 * @param actor who asks
 * @param resolution for a resolve, else null
 * @param comment the note: required for a comment, optional otherwise
 */
public record AlertCommand(
    AlertActionKind kind, String actor, Resolution resolution, String comment) {
  /** Longest actor name accepted. */
  public static final int MAX_ACTOR = 100;

  /** Longest comment accepted. */
  public static final int MAX_COMMENT = 2000;

  /**
   * Validates a command's raw fields.
   *
   * @throws InvalidCommandException naming the first field that is wrong
   */
  public static AlertCommand of(String action, String actor, String resolution, String comment) {
    if (action == null || action.isBlank()) {
      throw new InvalidCommandException("action", "action is required: " + verbs());
    }
    AlertActionKind kind =
        AlertActionKind.ofCommand(action)
            .orElseThrow(
                () ->
                    new InvalidCommandException(
                        "action", "action '" + action + "' is not one of " + verbs()));
    if (actor == null || actor.isBlank()) {
      throw new InvalidCommandException("actor", "actor is required: who takes the action");
    }
    if (actor.length() > MAX_ACTOR) {
      throw new InvalidCommandException(
          "actor", "actor is longer than " + MAX_ACTOR + " characters");
    }
    Resolution parsed = null;
    if (kind == AlertActionKind.RESOLVED) {
      if (resolution == null || resolution.isBlank()) {
        throw new InvalidCommandException(
            "resolution", "resolve needs a resolution: TRUE_FRAUD or FALSE_POSITIVE");
      }
      try {
        parsed = Resolution.valueOf(resolution);
      } catch (IllegalArgumentException e) {
        throw new InvalidCommandException(
            "resolution", "resolution '" + resolution + "' is not TRUE_FRAUD or FALSE_POSITIVE");
      }
    } else if (resolution != null) {
      throw new InvalidCommandException("resolution", "only resolve takes a resolution");
    }
    String note = comment == null || comment.isBlank() ? null : comment.strip();
    if (kind == AlertActionKind.COMMENTED && note == null) {
      throw new InvalidCommandException("comment", "comment needs the comment's text");
    }
    if (note != null && note.length() > MAX_COMMENT) {
      throw new InvalidCommandException(
          "comment", "comment is longer than " + MAX_COMMENT + " characters");
    }
    return new AlertCommand(kind, actor.strip(), parsed, note);
  }

  /** The action this command becomes, once accepted. */
  public AlertAction toAction(String actionId, String alertId, long at) {
    return new AlertAction(actionId, alertId, kind, actor, at, resolution, comment);
  }

  private static String verbs() {
    return Arrays.stream(AlertActionKind.values())
        .map(AlertActionKind::command)
        .collect(Collectors.joining(", "));
  }

  /** A command field that is missing or wrong. */
  public static final class InvalidCommandException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;
    private final String field;

    InvalidCommandException(String field, String message) {
      super(message);
      this.field = field;
    }

    /** The field at fault. */
    public String field() {
      return field;
    }
  }
}
