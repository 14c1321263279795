package dev.hvscope.plugin.dap;

/**
 * Body of the {@code hvscope/vmExit} event, sent for every VM exit of a kind subscribed with
 * {@code hvscope/subscribeExits}: {@code kind} (an exception filter id), {@code cause} (the trap
 * cause without the interrupt bit; {@code interrupt} says which it is), {@code gpa} (guest-page
 * faults: {@code htval << 2 | stval[1:0]}), {@code htval}, {@code htinst}, {@code stval}, the guest
 * {@code pc}, {@code threadId}, {@code stopped} (whether an exception filter also stopped the run
 * here), and with hvscope's stub the exit log {@code entry}. Addresses are hex strings; values the
 * stub does not report are absent.
 */
public class VmExitEventArguments {
    public String kind;
    public long cause;
    public boolean interrupt;
    public String gpa;
    public String htval;
    public String htinst;
    public String stval;
    public String pc;
    public long threadId;
    public boolean stopped;
    public ExitEntry entry;
}
