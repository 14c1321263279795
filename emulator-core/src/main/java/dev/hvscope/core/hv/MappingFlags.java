package dev.hvscope.core.hv;

import java.util.StringJoiner;

/**
 * Access flags of a guest-physical mapping, numbered as axaddrspace's {@code MappingFlags} (the tour
 * passes {@code 0xf} = READ|WRITE|EXECUTE|USER for guest RAM). An int bit set, not an EnumSet, so
 * configs and logs carry the same number the tour prints.
 */
public final class MappingFlags {
    private MappingFlags() {
    }

    public static final int READ = 1;
    public static final int WRITE = 2;
    public static final int EXECUTE = 4;
    public static final int USER = 8;
    public static final int DEVICE = 16;
    public static final int UNCACHED = 32;
    public static final int ALL = READ | WRITE | EXECUTE | USER | DEVICE | UNCACHED;

    /** The tour's guest RAM flags (0xf). */
    public static final int RWXU = READ | WRITE | EXECUTE | USER;

    public static boolean valid(int flags) {
        return (flags & ~ALL) == 0;
    }

    /** "READ|WRITE|EXECUTE|USER" style, or "NONE". */
    public static String describe(int flags) {
        StringJoiner j = new StringJoiner("|");
        String[] names = {"READ", "WRITE", "EXECUTE", "USER", "DEVICE", "UNCACHED"};
        for (int i = 0; i < names.length; i++) {
            if ((flags & (1 << i)) != 0) {
                j.add(names[i]);
            }
        }
        return j.length() == 0 ? "NONE" : j.toString();
    }

    /** Compact "rwxu--" style for tables. */
    public static String shortForm(int flags) {
        String letters = "rwxudc";
        StringBuilder b = new StringBuilder(6);
        for (int i = 0; i < 6; i++) {
            b.append((flags & (1 << i)) != 0 ? letters.charAt(i) : '-');
        }
        return b.toString();
    }
}
