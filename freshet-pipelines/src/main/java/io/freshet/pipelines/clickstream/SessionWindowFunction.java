package io.freshet.pipelines.clickstream;

import io.freshet.core.clickstream.SessionAggregate;
import io.freshet.core.clickstream.SessionRow;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.streaming.api.functions.windowing.ProcessWindowFunction;
import org.apache.flink.streaming.api.windowing.windows.TimeWindow;
import org.apache.flink.util.Collector;

/**
 * Emits a session, revised when late clicks extend it; when a late click merges sessions that were
 * already emitted, the absorbed ones are retracted explicitly by their old session_start.
 * Per-window state is unavailable for merging windows, so emitted sessions are remembered in
 * per-key state and forgotten when Flink purges the window.
 */
public final class SessionWindowFunction
    extends ProcessWindowFunction<SessionAggregate, SessionRow, String, TimeWindow> {
  private static final long serialVersionUID = 1L;

  /** session_start → last emitted revision, for this user and device. */
  private static final MapStateDescriptor<Long, Integer> EMITTED =
      new MapStateDescriptor<>("emitted-sessions", Long.class, Integer.class);

  @Override
  public void process(
      String key, Context context, Iterable<SessionAggregate> results, Collector<SessionRow> out)
      throws Exception {
    SessionAggregate s = results.iterator().next();
    MapState<Long, Integer> emitted = context.globalState().getMapState(EMITTED);
    String user = ClickKeys.first(key);
    String device = ClickKeys.second(key);
    List<Long> absorbed = new ArrayList<>();
    for (Map.Entry<Long, Integer> e : emitted.entries()) {
      long start = e.getKey();
      if (start != s.sessionStart()
          && start >= context.window().getStart()
          && start < context.window().getEnd()) {
        absorbed.add(start);
      }
    }
    for (long start : absorbed) {
      int revision = emitted.get(start) + 1;
      emitted.remove(start);
      out.collect(
          new SessionRow(user, device, start, start, 0, new String[0], false, revision, true));
    }
    Integer previous = emitted.get(s.sessionStart());
    int revision = previous == null ? 0 : previous + 1;
    emitted.put(s.sessionStart(), revision);
    out.collect(
        new SessionRow(
            user,
            device,
            s.sessionStart(),
            s.sessionEnd(),
            s.eventsInSession(),
            s.categoriesViewed(),
            s.converted(),
            revision,
            false));
  }

  @Override
  public void clear(Context context) throws Exception {
    MapState<Long, Integer> emitted = context.globalState().getMapState(EMITTED);
    List<Long> inWindow = new ArrayList<>();
    for (Long start : emitted.keys()) {
      if (start >= context.window().getStart() && start < context.window().getEnd()) {
        inWindow.add(start);
      }
    }
    for (Long start : inWindow) {
      emitted.remove(start);
    }
    if (emitted.isEmpty()) {
      emitted.clear();
    }
  }
}
