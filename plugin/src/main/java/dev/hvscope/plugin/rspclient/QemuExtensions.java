package dev.hvscope.plugin.rspclient;

/** QEMU's own packets: {@code qqemu.Supported} and {@code Qqemu.PhyMemMode} (physical m/M). */
public final class QemuExtensions {
    private final RspConnection conn;
    private Boolean phyMemMode;
    private boolean physical;

    QemuExtensions(RspConnection conn) {
        this.conn = conn;
    }

    /** Whether the stub offers {@code PhyMemMode} (asked once). */
    public boolean hasPhysicalMemoryMode() {
        if (phyMemMode == null) {
            String reply = conn.exchange("qqemu.Supported");
            phyMemMode = false;
            for (String f : reply.split(";")) {
                phyMemMode |= f.equals("PhyMemMode");
            }
        }
        return phyMemMode;
    }

    /** Switches {@code m}/{@code M} between physical and virtual addresses. */
    public void setPhysical(boolean on) {
        if (physical == on) {
            return;
        }
        String req = "Qqemu.PhyMemMode:" + (on ? 1 : 0);
        Replies.ok(req, conn.exchange(req));
        physical = on;
    }

    public boolean physical() {
        return physical;
    }
}
