package io.modelwatch.system;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * CPU time used by processes, read from Linux's {@code /proc}, for the benchmarks: where a run's CPU went, per process
 * and, for a JVM, how much of it its JIT compiler threads took. On a system without {@code /proc} every figure is 0.
 * Clock ticks are taken as 100 a second (USER_HZ on Linux's usual builds).
 */
final class ProcessCpu {

    private static final double TICKS_PER_SECOND = 100.0;

    /**
     * CPU-seconds of a process so far: all its threads, and its JIT compiler threads (C1 and C2) among them, by thread id.
     * The JVM ends compiler threads that fall idle and starts new ones (UseDynamicNumberOfCompilerThreads), and an ended
     * thread's time is gone from /proc: so the JIT's share between two readings is the growth of the threads alive at the
     * second (a thread that started and ended between them is missed, and the JIT's share is then too low, never below 0).
     */
    record Used(double total, Map<String, Double> jitThreads) {
        double jit() {
            return jitThreads.values().stream().mapToDouble(Double::doubleValue).sum();
        }

        Used minus(Used before) {
            Map<String, Double> grown = new LinkedHashMap<>();
            // at least 0: a thread id the kernel gave again to a new thread starts from 0
            jitThreads.forEach((tid, seconds) -> grown.put(tid, Math.max(0, seconds - before.jitThreads.getOrDefault(tid, 0.0))));
            return new Used(total - before.total, grown);
        }
    }

    private ProcessCpu() {
    }

    /** The CPU a JVM (or any process) has used; its threads named "C1 CompilerThread..." or "C2 ..." are the JIT. */
    static Used of(long pid) {
        Map<String, Double> jit = new LinkedHashMap<>();
        try (DirectoryStream<Path> tasks = Files.newDirectoryStream(Path.of("/proc", Long.toString(pid), "task"))) {
            for (Path task : tasks) {
                try {
                    if (read(task.resolve("comm")).strip().matches("C[12] CompilerThre.*")) {
                        jit.put(task.getFileName().toString(), ticks(read(task.resolve("stat")), false) / TICKS_PER_SECOND);
                    }
                } catch (RuntimeException e) {
                    // a thread that ended while being read
                }
            }
            return new Used(ticks(read(Path.of("/proc", Long.toString(pid), "stat")), false) / TICKS_PER_SECOND, jit);
        } catch (IOException | RuntimeException e) {
            return new Used(0, Map.of()); // no /proc, or the process has ended
        }
    }

    /**
     * The CPU of PostgreSQL, the server {@code backendPid} belongs to: the postmaster with the children it has reaped
     * (backends that ended), plus every live child (backends, WAL writer, autovacuum workers).
     */
    static double postgres(long backendPid) {
        try {
            long postmaster = parent(backendPid);
            double ticks = ticks(read(Path.of("/proc", Long.toString(postmaster), "stat")), true);
            try (DirectoryStream<Path> all = Files.newDirectoryStream(Path.of("/proc"), p -> p.getFileName().toString().matches("\\d+"))) {
                for (Path process : all) {
                    try {
                        if (parent(Long.parseLong(process.getFileName().toString())) == postmaster) {
                            ticks += ticks(read(process.resolve("stat")), false);
                        }
                    } catch (RuntimeException e) {
                        // ended while being read
                    }
                }
            }
            return ticks / TICKS_PER_SECOND;
        } catch (IOException | RuntimeException e) {
            return 0;
        }
    }

    /** Several processes at once, by the names given. */
    static Map<String, Used> of(Map<String, Long> pids) {
        Map<String, Used> used = new LinkedHashMap<>();
        pids.forEach((name, pid) -> used.put(name, of(pid)));
        return used;
    }

    /** The CPU that named JVMs and PostgreSQL use from one {@link #reset()} to a {@link #since()}. */
    static final class Meter {
        private final Map<String, Long> pids;
        private final long postgresBackend;
        private Map<String, Used> jvms;
        private double postgres;

        /** @param postgresBackend the pid of any backend of the PostgreSQL to measure ({@code select pg_backend_pid()}) */
        Meter(Map<String, Long> pids, long postgresBackend) {
            this.pids = pids;
            this.postgresBackend = postgresBackend;
            reset();
        }

        /**
         * A meter of the pipeline's three services, this JVM (named {@code thisJvm}: what it holds besides the test) and
         * the PostgreSQL behind {@code db}.
         */
        static Meter forPipeline(Pipeline services, java.sql.Connection db, String thisJvm) throws java.sql.SQLException {
            Map<String, Long> jvms = new java.util.LinkedHashMap<>();
            jvms.put("ingest", services.ingest().pid());
            jvms.put("catalog", services.catalog().pid());
            jvms.put("digest", services.digest().pid());
            jvms.put("this JVM (" + thisJvm + ")", ProcessHandle.current().pid());
            return new Meter(jvms, backendPid(db));
        }

        void reset() {
            jvms = of(pids);
            postgres = postgres(postgresBackend);
        }

        /** "catalog 3.1 s (JIT 1.4 s), ..., PostgreSQL 3.8 s; all 12.0 s": what was used since the last reset. */
        String since() {
            StringBuilder line = new StringBuilder();
            double all = 0;
            for (Map.Entry<String, Used> now : of(pids).entrySet()) {
                Used used = now.getValue().minus(jvms.get(now.getKey()));
                all += used.total();
                line.append(String.format("%s %.1f s (JIT %.1f s), ", now.getKey(), used.total(), used.jit()));
            }
            double database = postgres(postgresBackend) - postgres;
            all += database;
            return line.append(String.format("PostgreSQL %.1f s; all %.1f s", database, all)).toString();
        }
    }

    /** The pid of the PostgreSQL backend serving {@code db}, for {@link Meter}. */
    private static long backendPid(java.sql.Connection db) throws java.sql.SQLException {
        try (java.sql.PreparedStatement s = db.prepareStatement("select pg_backend_pid()"); java.sql.ResultSet r = s.executeQuery()) {
            r.next();
            return r.getLong(1);
        }
    }

    private static long parent(long pid) {
        for (String line : read(Path.of("/proc", Long.toString(pid), "status")).split("\n")) {
            if (line.startsWith("PPid:")) {
                return Long.parseLong(line.substring(5).strip());
            }
        }
        throw new IllegalStateException("no parent for " + pid);
    }

    /** utime + stime (fields 14 and 15 of stat), with the reaped children's (16 and 17) when asked. */
    private static double ticks(String stat, boolean withChildren) {
        String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        // f[0] is field 3 (state): field n is f[n - 3]
        double ticks = Long.parseLong(f[11]) + Long.parseLong(f[12]);
        return withChildren ? ticks + Long.parseLong(f[13]) + Long.parseLong(f[14]) : ticks;
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
