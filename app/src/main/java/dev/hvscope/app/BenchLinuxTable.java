package dev.hvscope.app;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;

/** The text table {@code hvscope bench linux} prints. */
final class BenchLinuxTable {
    /**
     * The boots of one hart count.
     *
     * @param qemuSeconds  empty when QEMU did not run
     * @param instructions retired on hvscope in one boot, or -1 when not counted
     * @param qemuCommand  null when QEMU did not run
     */
    record Row(int smp, List<Double> hvscopeSeconds, List<Double> qemuSeconds, long instructions,
            List<String> hvscopeCommand, List<String> qemuCommand) {
    }

    private BenchLinuxTable() {
    }

    /** @param loadAverage the host's 1/5/15-minute load at the start ("" when unknown): boots share the cores */
    static String format(String dir, int runs, List<Row> rows, String qemuNote, String loadAverage) {
        StringBuilder sb = new StringBuilder();
        sb.append(String.format(Locale.ROOT, "hvscope bench linux: Linux 6.1 + initramfs (%s) to power-off,%n", dir));
        sb.append(String.format(Locale.ROOT, "whole process (JVM start included), %d run%s each, -m %s%s%n", runs,
                runs == 1 ? "" : "s", LinuxWorkload.RAM, loadAverage.isEmpty() ? "" : ", host load " + loadAverage));
        sb.append(String.format(Locale.ROOT, "%-5s %-9s %9s %9s %15s%n", "smp", "", "min s", "median s", "instructions"));
        for (Row r : rows) {
            sb.append(String.format(Locale.ROOT, "%-5d %-9s %9.2f %9.2f %15s%n", r.smp(), "hvscope", min(r.hvscopeSeconds()),
                    median(r.hvscopeSeconds()), r.instructions() < 0 ? "-" : String.format(Locale.ROOT, "%,d", r.instructions())));
            if (r.qemuSeconds().isEmpty()) {
                sb.append(String.format(Locale.ROOT, "%-5d %-9s not run: %s%n", r.smp(), "qemu", qemuNote));
                continue;
            }
            sb.append(String.format(Locale.ROOT, "%-5d %-9s %9.2f %9.2f%n", r.smp(), "qemu", min(r.qemuSeconds()),
                    median(r.qemuSeconds())));
            sb.append(String.format(Locale.ROOT, "%-5d %-9s %8.1fx %8.1fx%n", r.smp(), "hv/qemu",
                    min(r.hvscopeSeconds()) / min(r.qemuSeconds()), median(r.hvscopeSeconds()) / median(r.qemuSeconds())));
        }
        sb.append("reproduce one boot:\n");
        for (Row r : rows) {
            sb.append("  ").append(shell(r.hvscopeCommand())).append('\n');
            if (r.qemuCommand() != null) {
                sb.append("  ").append(shell(r.qemuCommand())).append('\n');
            }
        }
        return sb.toString();
    }

    static double min(List<Double> xs) {
        return Collections.min(xs);
    }

    static double median(List<Double> xs) {
        List<Double> s = new ArrayList<>(xs);
        Collections.sort(s);
        int n = s.size();
        return n % 2 == 1 ? s.get(n / 2) : (s.get(n / 2 - 1) + s.get(n / 2)) / 2;
    }

    /**
     * A command as one shell line, quoting words with spaces or shell characters; a leading
     * {@code NAME=value} stays an assignment (only its value is quoted).
     */
    static String shell(List<String> command) {
        StringBuilder sb = new StringBuilder();
        for (String w : command) {
            if (sb.length() > 0) {
                sb.append(' ');
            }
            int eq = w.indexOf('=');
            if (sb.length() == 0 && eq > 0 && w.substring(0, eq).matches("[A-Z_]+")) {
                sb.append(w, 0, eq + 1).append(quote(w.substring(eq + 1)));
            } else {
                sb.append(quote(w));
            }
        }
        return sb.toString();
    }

    private static String quote(String w) {
        return w.matches("[A-Za-z0-9_./=:,@%+-]+") ? w : "'" + w.replace("'", "'\\''") + "'";
    }
}
