package dev.hvscope.plugin.dap;

/**
 * Arguments of {@code hvscope/subscribeExits}: the VM exit {@code kinds} to hear about, by the
 * exception filter ids (nested-page-fault, sbi-call, virtual-instruction, guest-interrupt,
 * any-trap-from-v); {@code []} stops the events.
 */
public class SubscribeExitsArguments {
    public String[] kinds;
}
