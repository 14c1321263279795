package dev.hvscope.core.device;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DeviceTreeBlobTest {
    @TempDir
    Path dir;

    private static byte[] sample() {
        DeviceTreeBlob t = new DeviceTreeBlob();
        t.reserveMemory(0x8000_0000L, 0x1000);
        int ph = t.allocatePhandle();
        t.u32("#address-cells", 2);
        t.beginNode("a@1");
        t.u32("phandle", ph);
        t.u64("reg", 0x1_0000_0000L, 0x10);
        t.strings("compatible", "x,one", "x,two");
        t.empty("flag");
        t.property("bytes", new byte[] {1, 2, 3});
        t.endNode();
        t.beginNode("b");
        t.u32("#address-cells", 1);
        t.u32("link", ph);
        t.endNode();
        t.endNode();
        return t.finish();
    }

    @Test
    void header_describesTheBlocks() {
        byte[] blob = sample();
        ByteBuffer b = ByteBuffer.wrap(blob);
        assertEquals(0xd00dfeed, b.getInt(0));
        assertEquals(blob.length, b.getInt(4));
        int offStruct = b.getInt(8);
        int offStrings = b.getInt(12);
        int offRsv = b.getInt(16);
        assertEquals(17, b.getInt(20));
        assertEquals(16, b.getInt(24));
        assertEquals(0, offRsv % 8);
        assertEquals(0x8000_0000L, b.getLong(offRsv));
        assertEquals(0x1000L, b.getLong(offRsv + 8));
        assertEquals(0L, b.getLong(offRsv + 16));
        assertEquals(offStrings, offStruct + b.getInt(36));
        assertEquals(blob.length, offStrings + b.getInt(32));
        assertEquals(9, b.getInt(offStrings - 4), "structure block ends with FDT_END");
    }

    @Test
    void strings_areStoredOnce() {
        byte[] blob = sample();
        ByteBuffer b = ByteBuffer.wrap(blob);
        String strings = new String(blob, b.getInt(12), b.getInt(32));
        assertEquals("#address-cells\0phandle\0reg\0compatible\0flag\0bytes\0link\0", strings);
    }

    @Test
    void unbalancedNodes_areRejected() {
        DeviceTreeBlob t = new DeviceTreeBlob();
        t.beginNode("x");
        assertThrows(IllegalStateException.class, t::finish);
        DeviceTreeBlob u = new DeviceTreeBlob();
        u.endNode();
        assertThrows(IllegalStateException.class, u::endNode);
        assertThrows(IllegalStateException.class, () -> u.u32("late", 1));
    }

    @Test
    void dtc_decompilesEveryPropertyKind() throws Exception {
        Assumptions.assumeTrue(ExternalTool.available("dtc"));
        Path f = dir.resolve("t.dtb");
        Files.write(f, sample());
        ExternalTool.Result r = ExternalTool.run(List.of("dtc", "-I", "dtb", "-O", "dts", f.toString()));
        assertEquals(0, r.exitCode(), r.stderr());
        assertTrue(r.stdout().contains("/memreserve/\t0x0000000080000000 0x0000000000001000;"), r.stdout());
        Dts d = Dts.parse(r.stdout());
        assertTrue(d.props("/a@1").contains("reg = <0x01 0x00 0x00 0x10>;"), d.nodes.toString());
        assertTrue(d.props("/a@1").contains("compatible = \"x,one\\0x,two\";"), d.nodes.toString());
        assertTrue(d.props("/a@1").contains("flag;"), d.nodes.toString());
        assertTrue(d.props("/a@1").contains("bytes = [01 02 03];"), d.nodes.toString());
        assertTrue(d.props("/b").contains("link = <0x01>;"), d.nodes.toString());
    }
}
