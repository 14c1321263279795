package dev.hvscope.plugin.dap;

/** Opens a table view: hvscope's paged JSON view when the stub has it, else the walk on the client. */
final class PageTableViews {
    private PageTableViews() {
    }

    /** The table of {@code space} on thread {@code tid}, or null when the target has no such CSR. */
    static PageTableView open(DebugSession session, long tid, PageTableView.Space space) {
        session.select(tid);
        if (StubPageTable.available(session.rsp(), space)) {
            return new StubPageTable(session, tid, space);
        }
        Long atp = HypervisorScope.csr(session, space.csr);
        if (atp == null) {
            return null;
        }
        Long hgatp = space == PageTableView.Space.SATP ? Long.valueOf(0) : HypervisorScope.csr(session, "hgatp");
        return new ClientPageTable(space, atp, hgatp == null ? 0 : hgatp, session.physical());
    }
}
