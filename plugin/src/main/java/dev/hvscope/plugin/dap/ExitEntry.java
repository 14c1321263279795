package dev.hvscope.plugin.dap;

import com.google.gson.Gson;
import com.google.gson.JsonElement;

/**
 * One VM exit as hvscope's stub logs it ({@code qXfer:hvscope-exits:read}): running number
 * {@code seq}, {@code hart}, {@code kind} (the stub's short name: npf, sbi, vinsn, irq,
 * exception), {@code exitKind} (the same as an exception filter id: nested-page-fault, ...),
 * {@code cause} (decimal, or {@code irqN}), the modes {@code from} (VS/VU) and {@code to} (HS/M),
 * the guest {@code pc}, {@code tval}, the faulting {@code gpa} of a guest-page fault, and
 * {@code tinst}. Addresses are hex strings.
 */
public class ExitEntry {
    private static final Gson GSON = new Gson();

    public long seq;
    public int hart;
    public String kind;
    public String exitKind;
    public String cause;
    public String from;
    public String to;
    public String pc;
    public String tval;
    public String gpa;
    public String tinst;

    static ExitEntry of(JsonElement json) {
        ExitEntry e = GSON.fromJson(json, ExitEntry.class);
        e.exitKind = ExitKinds.filterOf(e.kind);
        return e;
    }
}
