package io.freshet.core.fraud;

/**
 * The numbers that made a rule fire; fields that do not apply to the rule are null.
 *
 * @param count transactions in the velocity window, this one included
 * @param distanceKm great-circle distance from the previous transaction
 * @param minutes event-time minutes since the previous transaction
 * @param amount this transaction's amount
 * @param mean mean amount of the prior transactions it was compared with
 */
public record AlertDetails(
    Integer count, Double distanceKm, Double minutes, Double amount, Double mean) {

  public static AlertDetails velocity(int count) {
    return new AlertDetails(count, null, null, null, null);
  }

  public static AlertDetails travel(double distanceKm, double minutes) {
    return new AlertDetails(null, distanceKm, minutes, null, null);
  }

  public static AlertDetails amount(double amount, double mean) {
    return new AlertDetails(null, null, null, amount, mean);
  }
}
