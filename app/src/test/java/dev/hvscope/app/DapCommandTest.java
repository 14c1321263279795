package dev.hvscope.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.ParseResult;

/** {@code hvscope dap}: stdio by default, {@code --port N} on 127.0.0.1 unless {@code --host}. */
class DapCommandTest {
    private static DapCommand parse(String... args) {
        CommandLine cl = Main.commandLine(new PrintWriter(new StringWriter()), new PrintWriter(new StringWriter()));
        ParseResult r = cl.parseArgs(args);
        return (DapCommand) r.subcommand().commandSpec().userObject();
    }

    @Test
    void dap_withoutPort_servesStdio() {
        DapCommand c = parse("dap");
        assertNull(c.port);
        assertEquals("127.0.0.1", c.host);
    }

    @Test
    void dap_portAndHost_areParsed() {
        DapCommand c = parse("dap", "--port", "4711", "--host", "0.0.0.0");
        assertEquals(4711, c.port);
        assertEquals("0.0.0.0", c.host);
    }

    @Test
    void help_listsTheDapCommand() {
        StringWriter out = new StringWriter();
        Main.run(new String[] {"-help"}, new PrintWriter(out, true), new PrintWriter(new StringWriter(), true));
        assertTrue(out.toString().contains("dap"), out.toString());
    }
}
