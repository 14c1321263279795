package dev.hvscope.core.mmu;

/** TEMPORARY permissive PMP until the mmu branch lands. */
public final class Pmp {
    private final long[] cfg = new long[16];
    private final long[] addr = new long[64];

    public boolean check(long pa, int size, AccessType type, int priv) {
        return true;
    }

    public boolean pageUniform(long pageBase, int priv) {
        return true;
    }

    public long readCfg(int index) {
        return cfg[index];
    }

    public void writeCfg(int index, long v) {
        cfg[index] = v;
    }

    public long readAddr(int index) {
        return addr[index];
    }

    public void writeAddr(int index, long v) {
        addr[index] = v;
    }
}
