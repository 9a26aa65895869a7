package io.freshet.core.sizing;

import java.util.List;

/**
 * A monthly bill for one way of running the plan, self-managed or managed, item by item.
 *
 * @param name "self-managed" or "managed"
 * @param lines the items; the total is their sum
 */
public record CostEstimate(String name, List<CostLine> lines) {
  public CostEstimate {
    lines = List.copyOf(lines);
  }

  public double total() {
    return lines.stream().mapToDouble(CostLine::usd).sum();
  }
}
