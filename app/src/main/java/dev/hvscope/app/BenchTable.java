package dev.hvscope.app;

import java.util.List;
import java.util.Locale;

/**
 * The table {@code hvscope bench} prints: cold figures first (a new process per run, what a user
 * waits for), then start-up, peak RSS, and the warm in-process speed; each with hvscope, QEMU and
 * their ratio. A figure that was not measured prints as {@code n/a}, with the reason below.
 */
final class BenchTable {
    /** The -m of the start-up figure subtracted from QEMU's cold times. */
    static final String QEMU_STARTUP_RAM = "128M";
    private static final String ROW = "  %-34s %12s %12s %12s %14s%n";
    private static final String HEAD = "%-36s %12s %12s %12s %14s%n";

    /** Best wall time and highest peak RSS (KiB, -1 unknown) over a figure's runs. */
    record Cold(double seconds, long peakRssKiB) {
    }

    /**
     * One program: instructions and best warm seconds from the in-process runs; cold figures null
     * when that side did not run.
     */
    record Workload(String name, BenchResult warm, Cold hvscopeCold, Cold qemuCold) {
    }

    /** The trivial program launched to exit with {@code -m ram}. */
    record Startup(String ram, Cold hvscope, Cold qemu) {
    }

    private BenchTable() {
    }

    /**
     * @param qemuStartup  QEMU's start-up (trivial program, -m 128M) subtracted from its cold times
     *                     to give its warm speed, or null
     * @param notes        lines printed under the table (why a side did not run)
     */
    static String format(int runs, List<Startup> startups, List<Workload> workloads, Cold qemuStartup,
            List<String> notes) {
        StringBuilder sb = new StringBuilder();
        boolean cold = startups.stream().anyMatch(s -> s.hvscope() != null || s.qemu() != null);
        sb.append(String.format(Locale.ROOT, "hvscope bench: best of %d run%s per figure%s%n%n", runs,
                runs == 1 ? "" : "s", cold ? "; cold = a new process per run, launch to exit" : ""));
        if (cold) {
            coldSections(sb, startups, workloads);
        }
        sb.append(String.format(Locale.ROOT, HEAD, "warm: in-process, start-up excluded", "instructions", "hvscope",
                "QEMU", "speed vs QEMU"));
        for (Workload w : workloads) {
            BenchResult h = w.warm();
            BenchResult q = qemuWarm(w, qemuStartup);
            double ratio = q == null ? Double.NaN : h.mips() / q.mips();
            sb.append(String.format(Locale.ROOT, ROW, w.name(), instructions(h.instructions()), mips(h), mips(q),
                    number(ratio)));
        }
        sb.append(System.lineSeparator());
        if (qemuStartup != null) {
            sb.append(String.format(Locale.ROOT, "QEMU's warm time is its cold time minus its start-up at -m %s (%.3f s).%n",
                    QEMU_STARTUP_RAM, qemuStartup.seconds()));
        }
        for (String n : notes) {
            sb.append(n).append(System.lineSeparator());
        }
        return sb.toString();
    }

    /** Cold runs, start-up and peak RSS: the figures of whole processes. */
    private static void coldSections(StringBuilder sb, List<Startup> startups, List<Workload> workloads) {
        sb.append(String.format(Locale.ROOT, HEAD, "cold: whole process", "instructions", "hvscope", "QEMU",
                "speed vs QEMU"));
        for (Workload w : workloads) {
            sb.append(String.format(Locale.ROOT, ROW, w.name(), instructions(w.warm().instructions()),
                    seconds(w.hvscopeCold()), seconds(w.qemuCold()),
                    ratio(w.qemuCold(), w.hvscopeCold())));
        }
        sb.append(String.format(Locale.ROOT, HEAD, "start-up: trivial program", "", "hvscope", "QEMU",
                "time vs QEMU"));
        for (Startup s : startups) {
            sb.append(String.format(Locale.ROOT, ROW, "-m " + s.ram(), "", seconds(s.hvscope()), seconds(s.qemu()),
                    ratio(s.hvscope(), s.qemu())));
        }
        sb.append(String.format(Locale.ROOT, HEAD, "peak RSS", "", "hvscope", "QEMU", "size vs QEMU"));
        for (Startup s : startups) {
            sb.append(rssRow("trivial program, -m " + s.ram(), s.hvscope(), s.qemu()));
        }
        for (Workload w : workloads) {
            sb.append(rssRow(w.name(), w.hvscopeCold(), w.qemuCold()));
        }
    }

    /** QEMU's in-process equivalent: its cold time less its start-up; null when not measurable. */
    static BenchResult qemuWarm(Workload w, Cold qemuStartup) {
        if (w.qemuCold() == null || qemuStartup == null) {
            return null;
        }
        return new BenchResult("qemu", w.warm().instructions(), w.qemuCold().seconds() - qemuStartup.seconds());
    }

    private static String rssRow(String label, Cold h, Cold q) {
        boolean both = h != null && q != null && h.peakRssKiB() > 0 && q.peakRssKiB() > 0;
        return String.format(Locale.ROOT, ROW, label, "", rss(h), rss(q),
                both ? number((double) h.peakRssKiB() / q.peakRssKiB()) : "n/a");
    }

    private static String ratio(Cold numerator, Cold denominator) {
        if (numerator == null || denominator == null || denominator.seconds() <= 0) {
            return "n/a";
        }
        return number(numerator.seconds() / denominator.seconds());
    }

    private static String number(double v) {
        return Double.isFinite(v) && v > 0 ? String.format(Locale.ROOT, "%.2f", v) : "n/a";
    }

    private static String seconds(Cold c) {
        return c == null ? "n/a" : String.format(Locale.ROOT, "%.3f s", c.seconds());
    }

    private static String rss(Cold c) {
        return c == null || c.peakRssKiB() < 0 ? "n/a" : String.format(Locale.ROOT, "%d MiB", c.peakRssKiB() >> 10);
    }

    private static String mips(BenchResult r) {
        double m = r == null ? Double.NaN : r.mips();
        return Double.isFinite(m) && m > 0 ? String.format(Locale.ROOT, "%.0f MIPS", m) : "n/a";
    }

    private static String instructions(long n) {
        return String.format(Locale.ROOT, "%.3g", (double) n);
    }
}
