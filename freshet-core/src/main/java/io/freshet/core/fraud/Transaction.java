package io.freshet.core.fraud;

import io.freshet.core.geo.GeoPoint;

/**
 * A validated card transaction ({@code transaction.initiated}) with its envelope identity.
 *
 * @param eventId the envelope's event_id, used to recognise duplicate deliveries
 * @param eventTime event time in epoch milliseconds, from the envelope's timestamp
 * @param location where the card was used, or null when the event carried no geo_location
 */
public record Transaction(
    String eventId,
    long eventTime,
    String transactionId,
    String customerId,
    double amount,
    String currency,
    String merchantId,
    String merchantCategory,
    String cardLastFour,
    GeoPoint location,
    String deviceFingerprint,
    String ipAddress,
    String channel) {}
