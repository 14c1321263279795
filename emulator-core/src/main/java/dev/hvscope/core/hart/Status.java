package dev.hvscope.core.hart;

/** Bit fields of mstatus/sstatus/vsstatus and hstatus. */
public final class Status {
    private Status() {
    }

    public static final long SIE = 1L << 1;
    public static final long MIE = 1L << 3;
    public static final long SPIE = 1L << 5;
    public static final long MPIE = 1L << 7;
    public static final long SPP = 1L << 8;
    public static final int MPP_SHIFT = 11;
    public static final long MPP = 3L << MPP_SHIFT;
    public static final int FS_SHIFT = 13;
    public static final long FS = 3L << FS_SHIFT;
    public static final long MPRV = 1L << 17;
    public static final long SUM = 1L << 18;
    public static final long MXR = 1L << 19;
    public static final long TVM = 1L << 20;
    public static final long TW = 1L << 21;
    public static final long TSR = 1L << 22;
    public static final long UXL = 3L << 32;
    public static final long SXL = 3L << 34;
    public static final long GVA = 1L << 38;
    public static final long MPV = 1L << 39;
    public static final long SD = 1L << 63;

    /** Fields of mstatus visible through sstatus (and present in vsstatus). */
    public static final long SSTATUS_MASK = SIE | SPIE | SPP | FS | SUM | MXR | UXL | SD;

    /** Fields of mstatus that M-mode software can write. */
    public static final long MSTATUS_WRITABLE = SIE | MIE | SPIE | MPIE | SPP | MPP | FS | MPRV | SUM | MXR | TVM
            | TW | TSR;

    /** Extra writable mstatus fields with the H extension. */
    public static final long MSTATUS_WRITABLE_H = GVA | MPV;

    // hstatus
    public static final long HS_VSBE = 1L << 5;
    public static final long HS_GVA = 1L << 6;
    public static final long HS_SPV = 1L << 7;
    public static final long HS_SPVP = 1L << 8;
    public static final long HS_HU = 1L << 9;
    public static final long HS_VGEIN = 0x3fL << 12;
    public static final long HS_VTVM = 1L << 20;
    public static final long HS_VTW = 1L << 21;
    public static final long HS_VTSR = 1L << 22;
    public static final long HS_VSXL = 3L << 32;
    public static final long HSTATUS_WRITABLE = HS_GVA | HS_SPV | HS_SPVP | HS_HU | HS_VTVM | HS_VTW | HS_VTSR;

    public static final int FS_OFF = 0;
    public static final int FS_DIRTY = 3;

    public static int fs(long status) {
        return (int) ((status >>> FS_SHIFT) & 3);
    }
}
