package dev.hvscope.gdb.target;

/**
 * One register as gdb sees it.
 *
 * @param number  the wire number (target.xml regnum)
 * @param kind    where its value lives
 * @param index   GPR/FPR index, or CSR number
 * @param type    target.xml type name
 * @param feature the target.xml feature it belongs to
 */
public record Register(int number, String name, Kind kind, int index, int bitsize, String type, String group,
                       String feature) {
    public enum Kind { GPR, PC, FPR, CSR, PRIV, MODE }
}
