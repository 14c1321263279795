package dev.hvscope.core.hv;

import java.io.InputStream;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.List;

/**
 * Sends the VM's MMIO exits to the device model covering the address and finishes them on the vCPU
 * (a read's value into the destination register, pc past the access). An emulated window with no
 * model keeps the bare behaviour: reads give 0, writes are dropped. Returns the handling in words
 * for the exit log: {@code uart THR <- 0x48 'H'}.
 */
final class MmioDispatch {
    private record Window(long base, long size, MmioDevice device) {
        boolean covers(long addr) {
            return addr >= base && addr - base < size;
        }
    }

    private final List<Window> windows = new ArrayList<>();

    /** The models for a spec's emulated devices; their output goes to {@code console}, input comes from {@code consoleIn}. */
    static MmioDispatch forDevices(List<VmSpec.EmulatedDevice> devices, OutputStream console, InputStream consoleIn) {
        MmioDispatch d = new MmioDispatch();
        for (VmSpec.EmulatedDevice e : devices) {
            if (e.model() == VmSpec.DeviceModel.UART16550) {
                d.add(e.gpa(), e.size(), new VirtualUart16550(e.name(), console, consoleIn));
            }
        }
        return d;
    }

    void add(long base, long size, MmioDevice device) {
        windows.add(new Window(base, size, device));
    }

    /** The model at guest-physical {@code addr}, or null. */
    MmioDevice deviceAt(long addr) {
        Window w = window(addr);
        return w == null ? null : w.device();
    }

    String read(VmExit.MmioRead r, VCpu vcpu) {
        Window w = window(r.addr());
        if (w == null) {
            vcpu.completeMmioRead(r, 0);
            return String.format("emulated device read %d bytes -> 0 (no device model)", r.width());
        }
        long offset = r.addr() - w.base();
        String register = w.device().registerName(offset, false);
        long value = w.device().read(offset, r.width());
        vcpu.completeMmioRead(r, value);
        return w.device().name() + " " + register + " -> " + value(value) + width(r.width(), "load");
    }

    String write(VmExit.MmioWrite wr, VCpu vcpu) {
        vcpu.advancePc(wr.insnLength());
        Window w = window(wr.addr());
        if (w == null) {
            return String.format("emulated device write %d bytes %#x ignored (no device model)", wr.width(), wr.data());
        }
        long offset = wr.addr() - w.base();
        String register = w.device().registerName(offset, true);
        w.device().write(offset, wr.width(), wr.data());
        return w.device().name() + " " + register + " <- " + value(wr.data()) + width(wr.width(), "store");
    }

    private Window window(long addr) {
        for (Window w : windows) {
            if (w.covers(addr)) {
                return w;
            }
        }
        return null;
    }

    /** 0x48 'H': the character too when the value is one a console shows. */
    private static String value(long v) {
        if (v >= 0x20 && v < 0x7f) {
            return String.format("%#04x '%c'", v, (char) v);
        }
        return v == '\n' ? "0x0a '\\n'" : v == '\r' ? "0x0d '\\r'" : String.format("%#04x", v);
    }

    /** The access width when it is not a byte: the value shown is what the guest stored or got. */
    private static String width(int bytes, String access) {
        return bytes == 1 ? "" : " (" + bytes + "-byte " + access + ")";
    }
}
