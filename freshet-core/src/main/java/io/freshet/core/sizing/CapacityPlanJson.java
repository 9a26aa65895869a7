package io.freshet.core.sizing;

import com.fasterxml.jackson.core.JsonGenerator;
import io.freshet.core.json.Json;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * The JSON shape of a {@link CapacityPlan} ({@code freshet size --json}): inputs, figures in base
 * units with their arithmetic, costs item by item, and warnings with stable codes.
 */
public final class CapacityPlanJson {
  private CapacityPlanJson() {}

  /** The plan as one JSON document. */
  public static String text(CapacityPlan plan) {
    return new String(Json.write(plan, CapacityPlanJson::write), StandardCharsets.UTF_8);
  }

  static void write(JsonGenerator json, CapacityPlan plan) throws IOException {
    SizingRequest r = plan.request();
    json.writeStartObject();
    json.writeObjectFieldStart("inputs");
    json.writeNumberField("events_per_second", r.eventsPerSecond());
    json.writeNumberField("event_bytes", r.eventBytes());
    json.writeNumberField("retention_days", r.retentionDays());
    json.writeNumberField("replication_factor", r.replicationFactor());
    json.writeNumberField("consumer_groups", r.consumerGroups());
    json.writeBooleanField("stateful", r.stateful());
    if (r.stateful()) {
      json.writeNumberField("keys", r.keys());
    }
    if (r.partitions().isPresent()) {
      json.writeNumberField("partitions", r.partitions().getAsInt());
    }
    if (r.parallelism().isPresent()) {
      json.writeNumberField("parallelism", r.parallelism().getAsInt());
    }
    json.writeEndObject();

    SizingAssumptions a = plan.assumptions();
    json.writeObjectFieldStart("assumptions");
    json.writeNumberField("broker_write_bytes_per_second", a.brokerWriteBytesPerSecond());
    json.writeNumberField("broker_headroom", a.brokerHeadroom());
    json.writeNumberField("storage_overhead", a.storageOverhead());
    json.writeNumberField("max_disk_bytes_per_broker", a.maxDiskBytesPerBroker());
    json.writeNumberField("events_per_slot", a.eventsPerSlot());
    json.writeNumberField("slots_per_task_manager", a.slotsPerTaskManager());
    json.writeNumberField("task_manager_memory_bytes", a.taskManagerMemoryBytes());
    json.writeNumberField("managed_memory_fraction", a.managedMemoryFraction());
    json.writeNumberField("min_managed_memory_bytes", a.minManagedMemoryBytes());
    json.writeNumberField("state_bytes_per_key", a.stateBytesPerKey());
    json.writeNumberField("kraft_controllers", a.kraftControllers());
    json.writeNumberField("job_managers", a.jobManagers());
    json.writeArrayFieldStart("sources");
    for (String source : a.sources()) {
      json.writeString(source);
    }
    json.writeEndArray();
    json.writeEndObject();

    json.writeObjectFieldStart("figures");
    for (Figure f : plan.figures()) {
      json.writeObjectFieldStart(f.measure().jsonName());
      // Counts and whole byte figures as integers: "5", not "5.0".
      if (f.value() == Math.rint(f.value()) && Math.abs(f.value()) < 0x1p53) {
        json.writeNumberField("value", (long) f.value());
      } else {
        json.writeNumberField("value", f.value());
      }
      json.writeStringField("unit", f.measure().unit());
      json.writeStringField("shown", f.shown());
      json.writeStringField("arithmetic", f.arithmetic());
      json.writeEndObject();
    }
    json.writeEndObject();

    json.writeObjectFieldStart("monthly_cost");
    json.writeStringField("currency", "USD");
    json.writeNumberField("hours_per_month", CapacityPlanner.HOURS_PER_MONTH);
    json.writeStringField("prices_date", plan.prices().date());
    json.writeStringField("prices_source", plan.prices().source());
    estimate(json, "self_managed", plan.selfManaged());
    estimate(json, "managed", plan.managed());
    json.writeEndObject();

    json.writeArrayFieldStart("warnings");
    for (SizingWarning w : plan.warnings()) {
      json.writeStartObject();
      json.writeStringField("code", w.code());
      json.writeStringField("message", w.message());
      json.writeEndObject();
    }
    json.writeEndArray();
    json.writeEndObject();
  }

  private static void estimate(JsonGenerator json, String name, CostEstimate estimate)
      throws IOException {
    json.writeObjectFieldStart(name);
    json.writeNumberField("total", round(estimate.total()));
    json.writeArrayFieldStart("lines");
    for (CostLine line : estimate.lines()) {
      json.writeStartObject();
      json.writeStringField("item", line.item());
      json.writeNumberField("amount", round(line.usd()));
      json.writeStringField("arithmetic", line.arithmetic());
      json.writeEndObject();
    }
    json.writeEndArray();
    json.writeEndObject();
  }

  /** Cents: the arithmetic's doubles carry no meaning past them. */
  private static double round(double usd) {
    return Math.round(usd * 100) / 100.0;
  }
}
