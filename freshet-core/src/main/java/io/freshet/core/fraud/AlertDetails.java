package io.freshet.core.fraud;

import io.freshet.core.geo.GeoPoint;

/**
 * The numbers that made a rule fire; fields that do not apply to the rule are null.
 *
 * @param count transactions in the velocity window, this one included
 * @param distanceKm great-circle distance from the previous transaction
 * @param minutes event-time minutes since the previous transaction
 * @param amount this transaction's amount
 * @param mean mean amount of the prior transactions it was compared with
 * @param from where the previous transaction was made (impossible travel)
 * @param to where this transaction was made (impossible travel)
 */
public record AlertDetails(
    Integer count,
    Double distanceKm,
    Double minutes,
    Double amount,
    Double mean,
    GeoPoint from,
    GeoPoint to) {

  /** Details without the travel's end points. */
  public AlertDetails(
      Integer count, Double distanceKm, Double minutes, Double amount, Double mean) {
    this(count, distanceKm, minutes, amount, mean, null, null);
  }

  public static AlertDetails velocity(int count) {
    return new AlertDetails(count, null, null, null, null);
  }

  public static AlertDetails travel(double distanceKm, double minutes) {
    return new AlertDetails(null, distanceKm, minutes, null, null);
  }

  /** Impossible travel from {@code from} to {@code to}. */
  public static AlertDetails travel(double distanceKm, double minutes, GeoPoint from, GeoPoint to) {
    return new AlertDetails(null, distanceKm, minutes, null, null, from, to);
  }

  public static AlertDetails amount(double amount, double mean) {
    return new AlertDetails(null, null, null, amount, mean);
  }
}
