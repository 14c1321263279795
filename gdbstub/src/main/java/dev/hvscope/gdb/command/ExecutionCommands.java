package dev.hvscope.gdb.command;

import dev.hvscope.core.debug.Debuggee;
import dev.hvscope.core.debug.StopEvent;
import dev.hvscope.gdb.rsp.Hex;

/**
 * c/s/C/S and vCont. A step runs exactly one instruction on one hart, at once; a continue resumes
 * every hart and the stop reply goes out when the target stops. With QEMU's sstep NOIRQ bit (the
 * default) interrupts are masked during a step.
 */
final class ExecutionCommands implements Command {
    @Override
    public void handle(Session s, String p) {
        if (p.startsWith("vCont;")) {
            vCont(s, p.substring(6));
            return;
        }
        char c = p.charAt(0);
        String rest = p.substring(1);
        if (c == 'C' || c == 'S') {   // C sig[;addr]: the signal means nothing to a bare machine
            int semi = rest.indexOf(';');
            rest = semi < 0 ? "" : rest.substring(semi + 1);
        }
        if (!rest.isEmpty()) {
            s.target().setPc(s.currentThread(), Hex.parseNumber(rest));
        }
        if (c == 's' || c == 'S') {
            int t = s.continueThread() >= 0 ? s.continueThread() : s.currentThread();
            step(s, t);
        } else {
            resume(s);
        }
    }

    private void vCont(Session s, String actions) {
        int stepThread = -1;
        boolean cont = false;
        for (String a : actions.split(";")) {
            if (a.isEmpty()) {
                continue;
            }
            int colon = a.indexOf(':');
            char kind = a.charAt(0);
            int t = colon < 0 ? -1 : Session.parseThread(a.substring(colon + 1));
            if (kind == 's' || kind == 'S') {
                if (stepThread < 0) {
                    stepThread = t < 0 ? s.currentThread() : t;
                }
            } else if (kind == 'c' || kind == 'C') {
                cont = true;
            } else if (kind != 't') {
                s.reply("E01");
                return;
            }
        }
        if (stepThread >= 0) {
            step(s, stepThread);   // all-stop: stepping one hart leaves the others stopped
        } else if (cont) {
            resume(s);
        } else {
            s.reply("E01");
        }
    }

    private void step(Session s, int thread) {
        Debuggee d = s.target();
        if (d.isRunning()) {
            s.reply("E01");
            return;
        }
        boolean mask = (s.sstepFlags() & Session.SSTEP_NOIRQ) != 0;
        StopEvent e = d.step(Math.min(thread, d.threadCount() - 1), mask);
        s.setGeneralThread(e.thread());
        s.sendStop(e);
    }

    private void resume(Session s) {
        Debuggee d = s.target();
        if (d.isPoweredOff()) {
            s.sendStop(d.lastStop().reason() == dev.hvscope.core.debug.StopReason.HALTED ? d.lastStop()
                    : new StopEvent(dev.hvscope.core.debug.StopReason.HALTED, 0, 0, null, null, 0));
            return;
        }
        if (d.isRunning()) {
            return;
        }
        s.expectStop();
        d.resume();
    }
}
