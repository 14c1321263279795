package dev.hvscope.core.device;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A writer of flattened device trees (Devicetree Specification v0.4, chapter 5): header, memory
 * reservation block, structure block and strings block, format version 17. Nodes are opened and
 * closed in order; property names are stored once in the strings block. All values are big-endian.
 */
public final class DeviceTreeBlob {
    public static final int MAGIC = 0xd00dfeed;
    public static final int VERSION = 17;
    public static final int LAST_COMPATIBLE_VERSION = 16;
    private static final int HEADER_SIZE = 40;

    private static final int FDT_BEGIN_NODE = 1;
    private static final int FDT_END_NODE = 2;
    private static final int FDT_PROP = 3;
    private static final int FDT_END = 9;

    private final ByteArrayOutputStream struct = new ByteArrayOutputStream();
    private final ByteArrayOutputStream strings = new ByteArrayOutputStream();
    private final Map<String, Integer> stringOffsets = new HashMap<>();
    private final List<long[]> reservations = new ArrayList<>();
    private int depth;
    private int nextPhandle = 1;
    private int bootCpuId;

    /** Opens the root node; the caller must close it with {@link #endNode()} before {@link #finish()}. */
    public DeviceTreeBlob() {
        beginNode("");
    }

    /** A new, unused phandle value (1, 2, ...). */
    public int allocatePhandle() {
        return nextPhandle++;
    }

    public DeviceTreeBlob reserveMemory(long address, long size) {
        reservations.add(new long[] {address, size});
        return this;
    }

    public DeviceTreeBlob bootCpuId(int id) {
        bootCpuId = id;
        return this;
    }

    public DeviceTreeBlob beginNode(String name) {
        token(FDT_BEGIN_NODE);
        byte[] n = name.getBytes(StandardCharsets.US_ASCII);
        struct.writeBytes(n);
        struct.write(0);
        pad(struct);
        depth++;
        return this;
    }

    public DeviceTreeBlob endNode() {
        if (depth == 0) {
            throw new IllegalStateException("endNode without an open node");
        }
        token(FDT_END_NODE);
        depth--;
        return this;
    }

    public DeviceTreeBlob property(String name, byte[] value) {
        if (depth == 0) {
            throw new IllegalStateException("property " + name + " outside a node");
        }
        token(FDT_PROP);
        token(value.length);
        token(stringOffset(name));
        struct.writeBytes(value);
        pad(struct);
        return this;
    }

    /** A property without value (e.g. "interrupt-controller", "ranges"). */
    public DeviceTreeBlob empty(String name) {
        return property(name, new byte[0]);
    }

    /** One or more 32-bit cells. */
    public DeviceTreeBlob u32(String name, int... cells) {
        ByteBuffer b = ByteBuffer.allocate(4 * cells.length).order(ByteOrder.BIG_ENDIAN);
        for (int c : cells) {
            b.putInt(c);
        }
        return property(name, b.array());
    }

    /** Cells given as longs and written as 32-bit cells (handy for mixed reg lists). */
    public DeviceTreeBlob cells(String name, long... cells) {
        int[] c = new int[cells.length];
        for (int i = 0; i < cells.length; i++) {
            c[i] = (int) cells[i];
        }
        return u32(name, c);
    }

    /** One or more 64-bit values, each as two cells (high first). */
    public DeviceTreeBlob u64(String name, long... values) {
        ByteBuffer b = ByteBuffer.allocate(8 * values.length).order(ByteOrder.BIG_ENDIAN);
        for (long v : values) {
            b.putLong(v);
        }
        return property(name, b.array());
    }

    public DeviceTreeBlob string(String name, String value) {
        return strings(name, value);
    }

    /** A string list: each string NUL-terminated, concatenated. */
    public DeviceTreeBlob strings(String name, String... values) {
        ByteArrayOutputStream v = new ByteArrayOutputStream();
        for (String s : values) {
            v.writeBytes(s.getBytes(StandardCharsets.UTF_8));
            v.write(0);
        }
        return property(name, v.toByteArray());
    }

    /** Closes the structure block and lays out the blob. */
    public byte[] finish() {
        if (depth != 0) {
            throw new IllegalStateException(depth + " node(s) still open");
        }
        ByteArrayOutputStream s = new ByteArrayOutputStream();
        s.writeBytes(struct.toByteArray());
        s.writeBytes(be32(FDT_END));
        byte[] structBytes = s.toByteArray();
        byte[] stringBytes = strings.toByteArray();

        int offMemRsv = (HEADER_SIZE + 7) & ~7; // the reservation block is 8-byte aligned
        int rsvSize = 16 * (reservations.size() + 1);
        int offStruct = offMemRsv + rsvSize;
        int offStrings = offStruct + structBytes.length;
        int total = offStrings + stringBytes.length;

        ByteBuffer b = ByteBuffer.allocate(total).order(ByteOrder.BIG_ENDIAN);
        b.putInt(MAGIC);
        b.putInt(total);
        b.putInt(offStruct);
        b.putInt(offStrings);
        b.putInt(offMemRsv);
        b.putInt(VERSION);
        b.putInt(LAST_COMPATIBLE_VERSION);
        b.putInt(bootCpuId);
        b.putInt(stringBytes.length);
        b.putInt(structBytes.length);
        b.position(offMemRsv);
        for (long[] r : reservations) {
            b.putLong(r[0]);
            b.putLong(r[1]);
        }
        b.putLong(0);
        b.putLong(0);
        b.put(structBytes);
        b.put(stringBytes);
        return b.array();
    }

    private int stringOffset(String name) {
        Integer off = stringOffsets.get(name);
        if (off == null) {
            off = strings.size();
            strings.writeBytes(name.getBytes(StandardCharsets.US_ASCII));
            strings.write(0);
            stringOffsets.put(name, off);
        }
        return off;
    }

    private void token(int value) {
        struct.writeBytes(be32(value));
    }

    private static byte[] be32(int v) {
        return new byte[] {(byte) (v >>> 24), (byte) (v >>> 16), (byte) (v >>> 8), (byte) v};
    }

    private static void pad(ByteArrayOutputStream out) {
        while (out.size() % 4 != 0) {
            out.write(0);
        }
    }
}
