package dev.hvscope.core.hv;

/** SBI numbers (RISC-V SBI specification v2.0): extension ids, function ids, error codes. */
public final class Sbi {
    private Sbi() {
    }

    public static final long LEGACY_SET_TIMER = 0x00;
    public static final long LEGACY_CONSOLE_PUTCHAR = 0x01;
    public static final long LEGACY_CONSOLE_GETCHAR = 0x02;
    public static final long LEGACY_CLEAR_IPI = 0x03;
    public static final long LEGACY_SEND_IPI = 0x04;
    public static final long LEGACY_REMOTE_FENCE_I = 0x05;
    public static final long LEGACY_REMOTE_SFENCE_VMA = 0x06;
    public static final long LEGACY_REMOTE_SFENCE_VMA_ASID = 0x07;
    public static final long LEGACY_SHUTDOWN = 0x08;

    public static final long EXT_BASE = 0x10;
    public static final long EXT_TIME = 0x54494D45L;
    public static final long EXT_IPI = 0x735049L;
    public static final long EXT_RFENCE = 0x52464E43L;
    public static final long EXT_HSM = 0x48534DL;
    public static final long EXT_SRST = 0x53525354L;
    public static final long EXT_DBCN = 0x4442434EL;

    public static final long SUCCESS = 0;
    public static final long ERR_FAILED = -1;
    public static final long ERR_NOT_SUPPORTED = -2;
    public static final long ERR_INVALID_PARAM = -3;
    public static final long ERR_DENIED = -4;
    public static final long ERR_INVALID_ADDRESS = -5;
    public static final long ERR_ALREADY_AVAILABLE = -6;

    /** SBI spec version 2.0 as base get_spec_version reports it (major << 24 | minor). */
    public static final long SPEC_VERSION = 2L << 24;
    /** Implementation id: not in the SBI registry; "HV" in ASCII, hvscope's own. */
    public static final long IMPL_ID = 0x4856;

    /** A short name for logs: "legacy console putchar", "SRST", or the EID in hex. */
    public static String extensionName(long eid) {
        if (eid == LEGACY_SET_TIMER) return "legacy set_timer";
        if (eid == LEGACY_CONSOLE_PUTCHAR) return "legacy console putchar";
        if (eid == LEGACY_CONSOLE_GETCHAR) return "legacy console getchar";
        if (eid >= LEGACY_CLEAR_IPI && eid <= LEGACY_SHUTDOWN) return "legacy " + eid;
        if (eid == EXT_BASE) return "BASE";
        if (eid == EXT_TIME) return "TIME";
        if (eid == EXT_IPI) return "IPI";
        if (eid == EXT_RFENCE) return "RFENCE";
        if (eid == EXT_HSM) return "HSM";
        if (eid == EXT_SRST) return "SRST";
        if (eid == EXT_DBCN) return "DBCN";
        return String.format("extension %#x", eid);
    }
}
