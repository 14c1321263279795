package dev.hvscope.gdb;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.hvscope.gdb.rsp.Hex;
import java.io.IOException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** target.xml, the memory map and hvscope's JSON views, read over a raw connection. */
class ProtocolExtensionsTest {
    private StubFixture stub;
    private RspClient c;

    @BeforeEach
    void start() throws Exception {
        stub = new StubFixture();
        c = stub.connectNoAck();
    }

    @AfterEach
    void stop() throws Exception {
        c.close();
        stub.close();
    }

    /** Reads a whole qXfer object in small pieces, as gdb does. */
    private String xfer(String object, String annex) throws IOException {
        return c.xfer(object, annex, 0x3ff);
    }

    @Test
    void targetXml_hasOsabiNone_everyCsrTyped_andPrivAndModeRegisters() throws Exception {
        String xml = xfer("features", "target.xml");
        assertTrue(xml.contains("<osabi>none</osabi>"));
        assertTrue(xml.contains("<feature name=\"org.gnu.gdb.riscv.cpu\">"));
        assertTrue(xml.contains("name=\"fcsr\" bitsize=\"64\" regnum=\"68\""), "fcsr in the fpu feature");
        assertTrue(xml.contains("name=\"priv\" bitsize=\"64\" regnum=\"4161\""));
        assertTrue(xml.contains("name=\"mode\" bitsize=\"32\" regnum=\"4162\" type=\"hv_mode\""));
        assertTrue(xml.contains("name=\"hgatp\" bitsize=\"64\" regnum=\"" + (65 + 0x680) + "\" type=\"hgatp_flags\""));
        assertTrue(xml.contains("name=\"vsstatus\" bitsize=\"64\" regnum=\"" + (65 + 0x200) + "\" type=\"sstatus_flags\""));
        assertTrue(xml.contains("name=\"htinst\" bitsize=\"64\" regnum=\"" + (65 + 0x64a) + "\" type=\"uint64\""));
        for (var csr : stub.target.csrs()) {
            assertTrue(xml.contains("name=\"" + csr.name() + "\""), csr.name());
        }
        // p of a CSR and of priv/mode answer; the hart starts in M.
        assertEquals("0300000000000000", c.request("p1041"));
        assertEquals("03000000", c.request("p1042"));
        assertEquals(Hex.littleEndian(0x1000, 8), c.request("p20"));
    }

    @Test
    void memoryMap_coversTheWholeAddressSpace() throws Exception {
        String xml = xfer("memory-map", "");
        assertTrue(xml.contains("start=\"0x0\" length=\"0x8000000000000000\""), xml);
    }

    @Test
    void jsonViews_exitsAndGStageAndTranslate() throws Exception {
        StubFixture.continueToFirstNpf(c);

        JsonObject exits = JsonParser.parseString(xfer("hvscope-exits", "5")).getAsJsonObject();
        assertEquals(1, exits.get("total").getAsInt());
        JsonObject e = exits.getAsJsonArray("exits").get(0).getAsJsonObject();
        assertEquals("npf", e.get("kind").getAsString());
        assertEquals("0x22000000", e.get("gpa").getAsString());
        assertEquals("0x80200044", e.get("pc").getAsString());

        JsonObject g = JsonParser.parseString(xfer("hvscope-gstage", "")).getAsJsonObject();
        assertEquals("0x8000000000080004", g.get("atp").getAsString());
        JsonArray regions = g.getAsJsonArray("regions");
        assertEquals(1, regions.size());
        assertEquals("0x80000000", regions.get(0).getAsJsonObject().get("va").getAsString());
        assertEquals("0x84000000", regions.get(0).getAsJsonObject().get("pa").getAsString());
        assertEquals("0x1000000", regions.get(0).getAsJsonObject().get("size").getAsString());

        JsonObject t = JsonParser.parseString(xfer("hvscope-translate", "80200044")).getAsJsonObject();
        assertTrue(t.get("ok").getAsBoolean(), t.toString());
        assertEquals("0x84200044", t.get("pa").getAsString());
        assertTrue(t.get("trace").getAsString().contains("VS L2"));

        JsonObject fault = JsonParser.parseString(xfer("hvscope-translate", "ffffffc022000000")).getAsJsonObject();
        assertTrue(!fault.get("ok").getAsBoolean());
        assertEquals(21, fault.get("cause").getAsInt());
    }
}
