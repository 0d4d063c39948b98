package snnc.ir.pass;

import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * Counters reported by passes ({@code expand.synapses = 100000000}), keyed
 * {@code <pass>.<counter>}. Thread-safe, so a pass may count from worker threads.
 */
public final class PassStatistics {

  private final Map<String, LongAdder> counters = new ConcurrentHashMap<>();

  public void add(String pass, String counter, long n) {
    counters.computeIfAbsent(pass + "." + counter, k -> new LongAdder()).add(n);
  }

  /** The counter's value, 0 if never counted. */
  public long get(String pass, String counter) {
    LongAdder a = counters.get(pass + "." + counter);
    return a == null ? 0 : a.sum();
  }

  /** All counters sorted by key. */
  public Map<String, Long> snapshot() {
    Map<String, Long> out = new TreeMap<>();
    counters.forEach((k, v) -> out.put(k, v.sum()));
    return Collections.unmodifiableMap(out);
  }

  /** One {@code key = value} line per counter, sorted, for {@code --stats}. */
  public String render() {
    StringBuilder s = new StringBuilder();
    snapshot().forEach((k, v) -> s.append(k).append(" = ").append(v).append('\n'));
    return s.toString();
  }
}
