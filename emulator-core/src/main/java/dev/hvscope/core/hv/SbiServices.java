package dev.hvscope.core.hv;

import dev.hvscope.core.bus.Ram;
import dev.hvscope.core.bus.VirtMemoryMap;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

/**
 * The SBI the hosted hypervisor offers its guest (what OpenSBI would offer it on real hardware, as
 * the tour's vCPU forwards it): BASE with probe, the legacy console, DBCN, TIME through the VS timer
 * (hvip.VSTIP), RFENCE, HSM status. SRST, HSM start/stop and IPI arrive as their own exits. Every
 * call returns its handling in words for the exit log; unknown extensions get SBI_ERR_NOT_SUPPORTED.
 */
final class SbiServices {
    private static final long NO_TIMER = -1L;

    private final VCpu vcpu;
    private final GuestAddressSpace space;
    private final Ram ram;
    private final OutputStream console;
    private final InputStream consoleIn;
    /** The guest's set_timer deadline in time ticks, or NO_TIMER. */
    private long timerDeadline = NO_TIMER;

    SbiServices(VCpu vcpu, GuestAddressSpace space, Ram ram, OutputStream console, InputStream consoleIn) {
        this.vcpu = vcpu;
        this.space = space;
        this.ram = ram;
        this.console = console;
        this.consoleIn = consoleIn;
    }

    String call(VmExit.Hypercall h) {
        long eid = h.eid();
        long fid = h.fid();
        if (eid == Sbi.LEGACY_CONSOLE_PUTCHAR) {
            Vm.writeConsole(console, (int) h.arg(0) & 0xff);
            vcpu.setGpr(10, 0);
            return "legacy console putchar " + printable((int) h.arg(0) & 0xff);
        }
        if (eid == Sbi.LEGACY_CONSOLE_GETCHAR) {
            int c = readConsole();
            vcpu.setGpr(10, c);
            return "legacy console getchar -> " + c;
        }
        if (eid == Sbi.LEGACY_SET_TIMER) {
            setTimer(h.arg(0));
            vcpu.setGpr(10, 0);
            return String.format("legacy set_timer %#x", h.arg(0));
        }
        if (eid == Sbi.EXT_BASE) {
            return base(fid, h.arg(0));
        }
        if (eid == Sbi.EXT_TIME && fid == 0) {
            setTimer(h.arg(0));
            return ok(0, String.format("TIME set_timer %#x", h.arg(0)));
        }
        if (eid == Sbi.EXT_RFENCE && fid <= 6) {
            vcpu.hart().hfenceGvma();
            return ok(0, "RFENCE fid " + fid + ": guest translations flushed");
        }
        if (eid == Sbi.EXT_HSM && fid == 2) {
            return h.arg(0) == vcpu.id() ? ok(0, "HSM hart_get_status: started")
                    : error(Sbi.ERR_INVALID_PARAM, "HSM hart_get_status of an unknown hart");
        }
        if (eid == Sbi.EXT_DBCN) {
            return debugConsole(fid, h.arg(0), h.arg(1), h.arg(2));
        }
        return error(Sbi.ERR_NOT_SUPPORTED, Sbi.extensionName(eid) + " fid " + fid + ": not supported");
    }

    private String base(long fid, long arg) {
        switch ((int) fid) {
            case 0: return ok(Sbi.SPEC_VERSION, "BASE get_spec_version");
            case 1: return ok(Sbi.IMPL_ID, "BASE get_impl_id");
            case 2: return ok(1, "BASE get_impl_version");
            case 3: return ok(supported(arg) ? 1 : 0, String.format("BASE probe_extension %s", Sbi.extensionName(arg)));
            case 4:
            case 5:
            case 6: return ok(0, "BASE machine id " + fid);
            default: return error(Sbi.ERR_NOT_SUPPORTED, "BASE fid " + fid + ": not supported");
        }
    }

    private static boolean supported(long eid) {
        return eid == Sbi.EXT_BASE || eid == Sbi.EXT_TIME || eid == Sbi.EXT_IPI || eid == Sbi.EXT_RFENCE
                || eid == Sbi.EXT_HSM || eid == Sbi.EXT_SRST || eid == Sbi.EXT_DBCN
                || (eid >= Sbi.LEGACY_SET_TIMER && eid <= Sbi.LEGACY_SHUTDOWN);
    }

    /** DBCN: write (num_bytes, base_lo, base_hi) from guest-physical memory, read (none), write_byte. */
    private String debugConsole(long fid, long a0, long a1, long a2) {
        if (fid == 0) {
            long gpa = a1;                                  // base_hi (a2) is 0 on RV64
            for (long i = 0; i < a0; i++) {
                long hpa = space.translate(gpa + i);
                if (hpa == -1L || !ram.contains(hpa, 1)) {
                    return error(Sbi.ERR_INVALID_PARAM, String.format("DBCN console_write: gpa %#x not in guest RAM", gpa + i));
                }
                Vm.writeConsole(console, ram.readByte(hpa));
            }
            return ok(a0, String.format("DBCN console_write %d bytes at gpa %#x", a0, gpa));
        }
        if (fid == 1) {
            return ok(0, "DBCN console_read: no input");
        }
        if (fid == 2) {
            Vm.writeConsole(console, (int) a0 & 0xff);
            return ok(0, "DBCN console_write_byte " + printable((int) a0 & 0xff));
        }
        return error(Sbi.ERR_NOT_SUPPORTED, "DBCN fid " + fid + ": not supported");
    }

    private void setTimer(long deadline) {
        timerDeadline = deadline;
        vcpu.setVirtualInterrupt(VCpu.HVIP_VSTIP, false);
        updateTimer();
    }

    /** The VS timer: hvip.VSTIP follows "time >= the guest's deadline". */
    void updateTimer() {
        if (timerDeadline != NO_TIMER && vcpu.time() >= timerDeadline) {
            vcpu.setVirtualInterrupt(VCpu.HVIP_VSTIP, true);
            timerDeadline = NO_TIMER;
        }
    }

    boolean timerArmed() {
        return timerDeadline != NO_TIMER;
    }

    long nanosUntilTimer() {
        long ticks = timerDeadline - vcpu.time();
        return ticks * (1_000_000_000L / VirtMemoryMap.TIMEBASE_HZ);
    }

    private int readConsole() {
        try {
            return consoleIn != null && consoleIn.available() > 0 ? consoleIn.read() : -1;
        } catch (IOException e) {
            return -1;
        }
    }

    void flush() {
        try {
            console.flush();
        } catch (IOException e) {
            // the console is gone; nothing to report it on
        }
    }

    private String ok(long value, String what) {
        vcpu.setSbiReturn(Sbi.SUCCESS, value);
        return what;
    }

    private String error(long code, String what) {
        vcpu.setSbiReturn(code, 0);
        return what + " -> error " + code;
    }

    private static String printable(int c) {
        return c >= 0x20 && c < 0x7f ? "'" + (char) c + "'" : String.format("%#04x", c);
    }
}
