package dev.hvscope.plugin.lsp;

/** Addresses the way the axvisor configs write them: {@code 0x8000_0000}, {@code 0x200_0000}. */
public final class Hex {
    private Hex() {
    }

    public static String of(long value) {
        String digits = Long.toHexString(value);
        StringBuilder sb = new StringBuilder("0x");
        int lead = digits.length() % 4 == 0 ? 4 : digits.length() % 4;
        sb.append(digits, 0, lead);
        for (int i = lead; i < digits.length(); i += 4) {
            sb.append('_').append(digits, i, i + 4);
        }
        return sb.toString();
    }

    /** 4 KiB, 2 MiB, 1 GiB, 16 MiB, 4097 B: the largest binary unit that divides the size. */
    public static String size(long bytes) {
        if (bytes != 0 && bytes % (1L << 30) == 0) {
            return (bytes >>> 30) + " GiB";
        }
        if (bytes != 0 && bytes % (1L << 20) == 0) {
            return (bytes >>> 20) + " MiB";
        }
        if (bytes != 0 && bytes % (1L << 10) == 0) {
            return (bytes >>> 10) + " KiB";
        }
        return bytes + " B";
    }
}
