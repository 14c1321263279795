package dev.hvscope.plugin.dap;

/**
 * Result of {@code hvscope/translate}: whether it translates, the guest-physical and host-physical
 * addresses (hex), the page size, the fault cause when it does not, and the walk as text (each
 * level of each stage: table, index, PTE address and value, flags).
 */
public class TranslateResult {
    public boolean ok;
    public String gpa;
    public String hpa;
    public String pageSize;
    public Integer faultCause;
    public String trace;
}
