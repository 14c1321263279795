package dev.hvscope.app;

import java.util.Locale;

/** The text table {@code hvscope bench} prints. */
final class BenchTable {
    private BenchTable() {
    }

    /**
     * @param qemu         QEMU's result with start-up subtracted, or null when QEMU did not run
     * @param qemuStartup  seconds subtracted from QEMU's time (its run of the baseline ELF)
     * @param qemuNote     why QEMU did not run, when qemu is null
     */
    static String format(String elf, int runs, BenchResult hvscope, BenchResult qemu, double qemuStartup,
            String qemuNote) {
        StringBuilder sb = new StringBuilder();
        sb.append(String.format(Locale.ROOT, "hvscope bench: %s, best of %d run%s%n", elf, runs, runs == 1 ? "" : "s"));
        sb.append(String.format(Locale.ROOT, "%-10s %15s %10s %10s%n", "", "instructions", "seconds", "MIPS"));
        row(sb, hvscope, "");
        if (qemu != null) {
            row(sb, qemu, String.format(Locale.ROOT, "   (start-up %.3f s subtracted)", qemuStartup));
            double ratio = hvscope.mips() / qemu.mips();
            sb.append(Double.isFinite(ratio)
                    ? String.format(Locale.ROOT, "ratio hvscope/QEMU (MIPS): %.3f%n", ratio)
                    : String.format(Locale.ROOT, "ratio hvscope/QEMU (MIPS): n/a (time too short to measure)%n"));
        } else {
            sb.append(String.format(Locale.ROOT, "%-10s not run: %s%n", "qemu", qemuNote));
        }
        return sb.toString();
    }

    private static void row(StringBuilder sb, BenchResult r, String note) {
        double mips = r.mips();
        sb.append(String.format(Locale.ROOT, "%-10s %15d %10.3f %10s%s%n", r.emulator(), r.instructions(), r.seconds(),
                Double.isNaN(mips) ? "n/a" : String.format(Locale.ROOT, "%.1f", mips), note));
    }
}
