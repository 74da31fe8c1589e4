package io.ledgerbridge.bench.load;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * CPU time and resident memory of a process from {@code /proc/<pid>/stat} and {@code status}
 * (Linux; clock ticks assumed 100 Hz, as on every mainstream kernel).
 */
final class ProcessStats {
  private static final double TICKS_PER_SECOND = 100.0;
  private final long pid;
  private final double cpuSecondsAtStart;
  private final long wallAtStart;

  private ProcessStats(long pid) {
    this.pid = pid;
    this.cpuSecondsAtStart = cpuSeconds(pid);
    this.wallAtStart = System.nanoTime();
  }

  /** Starts measuring this JVM, or the process {@code pid} when it is positive. */
  static ProcessStats start(long pid) {
    return new ProcessStats(pid > 0 ? pid : ProcessHandle.current().pid());
  }

  /** CPU seconds used since start, CPU utilisation in cores, RSS and peak RSS in MiB. */
  Map<String, Object> snapshot() {
    double cpu = cpuSeconds(pid) - cpuSecondsAtStart;
    double wall = (System.nanoTime() - wallAtStart) / 1e9;
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("pid", pid);
    out.put("in_process", pid == ProcessHandle.current().pid());
    out.put("cpu_seconds", round(cpu));
    out.put("cpu_cores_used", round(wall > 0 ? cpu / wall : 0));
    out.put("rss_mib", round(statusKb(pid, "VmRSS:") / 1024.0));
    out.put("peak_rss_mib", round(statusKb(pid, "VmHWM:") / 1024.0));
    if (pid == ProcessHandle.current().pid()) {
      Runtime rt = Runtime.getRuntime();
      out.put("heap_used_mib", round((rt.totalMemory() - rt.freeMemory()) / 1048576.0));
      out.put("heap_max_mib", round(rt.maxMemory() / 1048576.0));
      out.put(
          "available_processors",
          ManagementFactory.getOperatingSystemMXBean().getAvailableProcessors());
    }
    return out;
  }

  static double cpuSeconds(long pid) {
    try {
      String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
      // fields after the ")" that closes the command name: state is field 3, utime 14, stime 15
      String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
      return (Long.parseLong(f[11]) + Long.parseLong(f[12])) / TICKS_PER_SECOND;
    } catch (IOException | RuntimeException e) {
      return -1;
    }
  }

  static long statusKb(long pid, String field) {
    try {
      for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
        if (line.startsWith(field)) {
          return Long.parseLong(line.substring(field.length()).trim().split("\\s+")[0]);
        }
      }
    } catch (IOException | RuntimeException e) {
      return -1;
    }
    return -1;
  }

  /** Heap in use after a full collection, in MiB. */
  static double heapAfterGcMib() {
    Runtime rt = Runtime.getRuntime();
    for (int i = 0; i < 3; i++) {
      System.gc();
      try {
        Thread.sleep(100);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    return round((rt.totalMemory() - rt.freeMemory()) / 1048576.0);
  }

  static double round(double v) {
    return Math.round(v * 1000.0) / 1000.0;
  }
}
