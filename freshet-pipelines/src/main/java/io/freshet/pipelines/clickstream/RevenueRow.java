package io.freshet.pipelines.clickstream;

import java.math.BigDecimal;

/** The {@code revenue-per-minute} output: purchases of one country and category in a minute. */
public record RevenueRow(
    String geoCountry,
    String category,
    long windowStart,
    long windowEnd,
    BigDecimal revenue,
    long orderCount,
    BigDecimal avgOrderValue,
    long uniqueBuyers,
    int revision) {}
