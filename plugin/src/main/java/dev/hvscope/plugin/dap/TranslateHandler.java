package dev.hvscope.plugin.dap;

import dev.hvscope.core.mmu.AccessType;
import dev.hvscope.core.mmu.PageWalker;
import dev.hvscope.core.mmu.PagingMode;
import dev.hvscope.core.mmu.Translation;
import dev.hvscope.core.mmu.TranslationRequest;
import dev.hvscope.core.mmu.WalkTrace;

/**
 * {@code hvscope/translate}: a debug walk (no A/D writes) of the core's PageWalker over RSP
 * physical reads, with vsatp, vsstatus.SUM/MXR and hgatp read from the hart.
 */
final class TranslateHandler implements RequestHandler<TranslateArguments, TranslateResult> {
    private static final long SUM = 1L << 18;
    private static final long MXR = 1L << 19;

    @Override
    public TranslateResult handle(TranslateArguments args, DebugSession session) {
        Args.require(args, "hvscope/translate");
        session.rsp();
        long tid = args.threadId == null ? session.currentThread() : Frames.thread(session, args.threadId);
        long addr = Addresses.parse(args.address, false);
        String space = args.space == null ? "gva" : args.space;
        if (!space.equals("gva") && !space.equals("gpa")) {
            throw DapError.badArgs("space must be gva or gpa");
        }
        session.select(tid);
        Long hgatp = HypervisorScope.csr(session, "hgatp");
        if (hgatp == null) {
            throw DapError.failed("the target has no H extension CSRs");
        }
        TranslationRequest req = new TranslationRequest();
        req.twoStage = true;
        req.hgatp = hgatp;
        req.debug = true;
        if (space.equals("gva")) {
            Long vsatp = HypervisorScope.csr(session, "vsatp");
            Long vsstatus = HypervisorScope.csr(session, "vsstatus");
            req.atp = vsatp == null ? 0 : vsatp;
            req.sum = vsstatus != null && (vsstatus & SUM) != 0;
            req.mxr = vsstatus != null && (vsstatus & MXR) != 0;
        }
        WalkTrace trace = new WalkTrace();
        Translation t = new Translation();
        boolean ok = new PageWalker(session.physical()).translate(addr, AccessType.LOAD, req, t, trace);
        TranslateResult r = new TranslateResult();
        r.ok = ok;
        r.trace = trace.format();
        if (ok) {
            r.hpa = Addresses.hex(t.pa);
            r.gpa = Addresses.hex(space.equals("gpa") ? addr : t.gpa);
            r.pageSize = PagingMode.pageSizeName(t.pageShift);
        } else {
            r.faultCause = t.cause;
            if (t.gpa != -1) {
                r.gpa = Addresses.hex(t.gpa);
            }
        }
        return r;
    }
}
