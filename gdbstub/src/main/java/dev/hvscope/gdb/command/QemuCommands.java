package dev.hvscope.gdb.command;

import dev.hvscope.core.debug.AddressSpace;

/** QEMU's packets, so scripts written for QEMU keep working: PhyMemMode and the sstep bits. */
final class QemuCommands implements Command {
    @Override
    public void handle(Session s, String p) {
        if (p.equals("qqemu.Supported")) {
            s.reply("sstepbits;sstep;PhyMemMode");
        } else if (p.startsWith("Qqemu.PhyMemMode:")) {
            String v = p.substring(17);
            if (!v.equals("0") && !v.equals("1")) {
                s.reply("E22");
                return;
            }
            s.setMemorySpace(v.equals("1") ? AddressSpace.HOST_PHYSICAL : AddressSpace.CURRENT);
            s.reply("OK");
        } else if (p.equals("qqemu.sstepbits")) {
            s.reply("ENABLE=1,NOIRQ=2,NOTIMER=4");
        } else if (p.equals("qqemu.sstep")) {
            s.reply("0x" + Integer.toHexString(s.sstepFlags()));
        } else {   // Qqemu.sstep=N
            s.setSstepFlags((int) Long.parseLong(p.substring(12).replaceFirst("^0x", ""), 16));
            s.reply("OK");
        }
    }
}
