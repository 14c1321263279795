package dev.hvscope.plugin.rspclient;

/**
 * One register of the target description.
 *
 * @param name as the target names it ({@code x1}, {@code pc}, {@code hgatp}, {@code priv})
 * @param regnum the wire number used in {@code p}/{@code P}
 * @param bitsize its width
 * @param feature the feature that lists it ({@code org.gnu.gdb.riscv.csr}, ...)
 * @param group the {@code group} attribute, or empty
 */
public record RegisterInfo(String name, int regnum, int bitsize, String feature, String group) {
}
