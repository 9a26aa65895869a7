package io.freshet.core.sizing;

import java.util.List;
import java.util.NoSuchElementException;
import java.util.Optional;

/**
 * What {@link CapacityPlanner} worked out for a request: each figure with its arithmetic, a monthly
 * cost self-managed and managed, and the warnings.
 *
 * @param request what was asked for
 * @param assumptions the rules of thumb the figures rest on
 * @param prices the price table of the costs
 * @param figures in the order they are printed; the memory figures only for a stateful request
 * @param selfManaged the monthly bill on VMs of one's own
 * @param managed the monthly bill on a managed Kafka and a managed Flink
 * @param warnings what to change or know, empty when nothing
 */
public record CapacityPlan(
    SizingRequest request,
    SizingAssumptions assumptions,
    PriceTable prices,
    List<Figure> figures,
    CostEstimate selfManaged,
    CostEstimate managed,
    List<SizingWarning> warnings) {

  public CapacityPlan {
    figures = List.copyOf(figures);
    warnings = List.copyOf(warnings);
  }

  /** The figure for {@code measure}, if the plan has one. */
  public Optional<Figure> find(Measure measure) {
    return figures.stream().filter(f -> f.measure() == measure).findFirst();
  }

  /**
   * The figure for {@code measure}.
   *
   * @throws NoSuchElementException for a memory figure of a stateless plan
   */
  public Figure figure(Measure measure) {
    return find(measure)
        .orElseThrow(() -> new NoSuchElementException("the plan has no " + measure + " figure"));
  }

  /** The value of the figure for {@code measure}, in its base unit. */
  public double value(Measure measure) {
    return figure(measure).value();
  }
}
