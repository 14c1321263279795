package dev.hvscope.plugin.dap;

/** Address and number syntax shared by requests: {@code 0x...} hex, decimal, {@code _} separators. */
final class Addresses {
    private Addresses() {
    }

    /** Parses a number (0x hex, or decimal; a bare hex memory reference also accepted when hexDefault). */
    static long parse(String text, boolean hexDefault) {
        if (text == null) {
            throw DapError.badArgs("missing address");
        }
        String t = text.trim().replace("_", "");
        boolean neg = t.startsWith("-");
        if (neg) {
            t = t.substring(1);
        }
        try {
            long v;
            if (t.startsWith("0x") || t.startsWith("0X")) {
                v = Long.parseUnsignedLong(t.substring(2), 16);
            } else if (hexDefault) {
                v = Long.parseUnsignedLong(t, 16);
            } else {
                v = Long.parseLong(t);
            }
            return neg ? -v : v;
        } catch (NumberFormatException e) {
            throw DapError.badArgs("not a number: '" + text + "'");
        }
    }

    /** A memory reference as clients send it: {@code 0x80000000}, {@code 80000000}, or decimal digits only with 0x. */
    static long memoryReference(String ref) {
        if (ref == null || ref.isBlank()) {
            throw DapError.badArgs("missing memoryReference");
        }
        return parse(ref, true);
    }

    static String hex(long v) {
        return "0x" + Long.toHexString(v);
    }

    /** 16-digit zero-padded hex, for register values. */
    static String hex64(long v) {
        String h = Long.toHexString(v);
        return "0x" + "0".repeat(16 - h.length()) + h;
    }
}
