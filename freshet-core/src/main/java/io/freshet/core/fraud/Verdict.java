package io.freshet.core.fraud;

/** What happens to a transaction, judged from how many rules fired on it. */
public enum Verdict {
  APPROVE,
  REVIEW,
  BLOCK;

  /** APPROVE for no rule, REVIEW for one, BLOCK for two or more. */
  public static Verdict forRulesFired(int count) {
    if (count < 0) {
      throw new IllegalArgumentException("negative rule count " + count);
    }
    return count == 0 ? APPROVE : count == 1 ? REVIEW : BLOCK;
  }
}
