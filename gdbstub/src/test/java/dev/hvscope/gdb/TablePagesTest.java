package dev.hvscope.gdb;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.hvscope.core.debug.AddressSpace;
import dev.hvscope.gdb.rsp.Hex;
import java.io.IOException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The paged table views ({@code qXfer:hvscope-gstage:read:page=RS,RC,LS,LC}) over a raw
 * connection, on the bare-metal hypervisor stopped at the guest's nested page fault.
 */
class TablePagesTest {
    private StubFixture stub;
    private RspClient c;

    @BeforeEach
    void start() throws Exception {
        stub = new StubFixture();
        c = stub.connectNoAck();
        StubFixture.continueToFirstNpf(c);
    }

    @AfterEach
    void stop() throws Exception {
        c.close();
        stub.close();
    }

    private JsonObject page(String view, String annex) throws IOException {
        return JsonParser.parseString(c.xfer(view, annex, 0x7ff)).getAsJsonObject();
    }

    private static long hex(JsonObject o, String key) {
        return Long.parseUnsignedLong(o.get(key).getAsString().substring(2), 16);
    }

    @Test
    void gstagePages_giveRegionsAndTheAskedSliceOfLeaves() throws Exception {
        JsonObject head = page("hvscope-gstage", "page=0,10,0,0");
        assertEquals("sv39x4", head.get("mode").getAsString());
        assertEquals(1, head.get("regionCount").getAsInt());
        JsonObject r = head.getAsJsonArray("regions").get(0).getAsJsonObject();
        assertEquals("0x80000000", r.get("start").getAsString());
        assertEquals("0x81000000", r.get("end").getAsString());
        assertEquals("0x84000000", r.get("output").getAsString());
        long pageSize = hex(r, "pageSize");
        assertEquals(head.get("leafCount").getAsInt(), r.get("count").getAsInt());
        assertEquals((16L << 20) / pageSize, r.get("count").getAsInt());
        assertEquals(0, head.getAsJsonArray("leaves").size());

        JsonArray leaves = page("hvscope-gstage", "page=0,0,5,3").getAsJsonArray("leaves");
        assertEquals(3, leaves.size());
        for (int i = 0; i < 3; i++) {
            JsonObject l = leaves.get(i).getAsJsonObject();
            assertEquals(5 + i, l.get("index").getAsInt());
            assertEquals(0x8000_0000L + (5 + i) * pageSize, hex(l, "input"));
            assertEquals(0x8400_0000L + (5 + i) * pageSize, hex(l, "output"));
            byte[] pte = stub.target.readMemory(0, AddressSpace.HOST_PHYSICAL, hex(l, "pteAddr"), 8);
            assertEquals(Hex.encode(pte), Hex.littleEndian(hex(l, "pte"), 8));
        }
        int total = head.get("leafCount").getAsInt();
        assertEquals(1, page("hvscope-gstage", "page=0,0," + (total - 1) + ",50").getAsJsonArray("leaves").size());
        assertEquals("E01", c.request("qXfer:hvscope-gstage:read:page=1,2:0,7ff"));
    }

    @Test
    void aWriteToATablePage_isSeenByTheNextPage() throws Exception {
        JsonObject l = page("hvscope-gstage", "page=0,0,3,1").getAsJsonArray("leaves").get(0).getAsJsonObject();
        int before = page("hvscope-gstage", "page=0,0,0,0").get("leafCount").getAsInt();
        assertEquals("OK", c.request("Qqemu.PhyMemMode:1"));
        assertEquals("OK", c.request("M" + Long.toHexString(hex(l, "pteAddr")) + ",8:" + Hex.littleEndian(0, 8)));
        JsonObject after = page("hvscope-gstage", "page=0,10,0,0");
        assertEquals(before - 1, after.get("leafCount").getAsInt());
        assertEquals(2, after.get("regionCount").getAsInt(), "the hole splits the region");
    }

    @Test
    void vsstagePages_putEachRegionsGpaThroughTheGStage() throws Exception {
        JsonObject vs = page("hvscope-vsstage", "page=0,100,0,0");
        assertEquals("sv39", vs.get("mode").getAsString());
        boolean ram = false;
        for (var e : vs.getAsJsonArray("regions")) {
            JsonObject r = e.getAsJsonObject();
            if (r.get("output").getAsString().equals("0x80000000")) {
                ram = true;
                assertEquals("0x84000000", r.get("hpa").getAsString());
            }
        }
        assertTrue(ram, vs.toString());
    }
}
