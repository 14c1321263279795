package dev.hvscope.plugin.dap;

import dev.hvscope.plugin.rspclient.RspClient;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * The VM exits the client subscribed to ({@code hvscope/subscribeExits}) and the
 * {@code hvscope/vmExit} events they send. With hvscope's stub the stub catches the exits
 * ({@link StubExitCatch} arms {@code monitor hv catch} for the subscribed kinds and the enabled
 * exception filters): its stop reply says {@code hvexit:KIND}, the exit log's latest entry fills
 * the event, and the run goes on unless an exception filter wants the stop. Other stubs get
 * hidden breakpoints on the trap vectors, classified by {@link VmExitClassifier}.
 */
final class ExitSubscriptions {
    private volatile Set<String> kinds = Set.of();

    void set(Set<String> kinds) {
        this.kinds = Set.copyOf(kinds);
    }

    boolean active() {
        return !kinds.isEmpty();
    }

    /** Whether hvscope's stub catches the exits itself. */
    static boolean byStub(DebugSession session) {
        return byStub(session.rsp());
    }

    static boolean byStub(RspClient c) {
        return c.supports(ExitLogScope.FEATURE);
    }

    /**
     * A stop reply with {@code hvexit:} from hvscope's stub (armed by {@link StubExitCatch} for the
     * filters and the subscribed kinds): the event, filled from the exit log's latest entry, when
     * its kind is subscribed.
     */
    void onCaught(DebugSession session, long tid, boolean stopped) {
        if (kinds.isEmpty()) {
            return;
        }
        ExitLogResult log = ExitLogHandler.read(session, 0, 1);
        if (log.entries.length == 0) {
            return;
        }
        ExitEntry e = log.entries[0];
        boolean interrupt = e.cause.startsWith("irq");
        long code = Long.parseLong(interrupt ? e.cause.substring(3) : e.cause);
        long gpa = e.gpa == null ? -1 : parse(e.gpa);
        long tval = parse(e.tval);
        VmExitClassifier.GuestExit g = new VmExitClassifier.GuestExit(e.exitKind, code, interrupt, "M".equals(e.to),
                gpa != -1 ? gpa : tval, tval, gpa != -1 ? gpa >>> 2 : -1, parse(e.tinst), parse(e.pc));
        if (ExitKinds.matches(kinds, g.kind())) {
            publish(session, g, tid, e, stopped);
        }
    }

    /** An exit seen at a trap vector (stubs without hvscope's catch): the event when subscribed. */
    void onVector(DebugSession session, VmExitClassifier.GuestExit g, long tid, boolean stopped) {
        if (g != null && ExitKinds.matches(kinds, g.kind())) {
            publish(session, g, tid, null, stopped);
        }
    }

    private static void publish(DebugSession session, VmExitClassifier.GuestExit g, long tid, ExitEntry entry,
                                boolean stopped) {
        if (!(session.client() instanceof HvscopeDebugClient client)) {
            return;
        }
        VmExitEventArguments a = new VmExitEventArguments();
        a.kind = g.kind();
        a.cause = g.code();
        a.interrupt = g.interrupt();
        if (g.kind().equals("nested-page-fault")) {
            a.gpa = Addresses.hex(g.addr());
        }
        a.htval = g.htval() == -1 ? null : Addresses.hex(g.htval());
        a.htinst = g.htinst() == -1 ? null : Addresses.hex(g.htinst());
        a.stval = Addresses.hex(g.tval());
        a.pc = g.pc() == -1 ? null : Addresses.hex(g.pc());
        a.threadId = tid;
        a.stopped = stopped;
        a.entry = entry;
        client.vmExit(a);
    }

    private static long parse(String hex) {
        return hex == null ? -1 : Long.parseUnsignedLong(hex.startsWith("0x") ? hex.substring(2) : hex, 16);
    }

    Set<String> kinds() {
        return new LinkedHashSet<>(kinds);
    }
}
