package io.freshet.core.sizing;

/**
 * One item of a monthly bill: what it pays for, its amount, and the quantity times named price.
 *
 * @param item what is paid for, e.g. "Kafka brokers"
 * @param usd the amount for a month, in US dollars
 * @param arithmetic quantity × price, e.g. "5 VMs × 730 h × $0.384/h"
 */
public record CostLine(String item, double usd, String arithmetic) {}
