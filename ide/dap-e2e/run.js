#!/usr/bin/env node
// End-to-end tests of `hvscope dap` with a DAP client others wrote: @vscode/debugadapter-testsupport's
// DebugClient, the one VS Code's own debug adapters are tested with. Three sessions on the pflash demo:
//   hosted       launch {vmConfig: examples/pflash/vm.toml, pflashMode: passthrough}   (hvscope vm)
//   full-system  launch {program: examples/hv-baremetal/hv-passthrough.elf, args: [pflash drive]}
//   qemu         attach to qemu-system-riscv64 -S -gdb (the standard subset)
// Each runs: VM exit filter -> G-stage scope -> instruction breakpoint with a pflash mode -> readMemory
// (GVA, gpa:, hpa:) -> disassemble -> instruction steps across the guest's load -> a log point and a
// source breakpoint from the DWARF line table, a step by line -> terminate.
//
// Also the VS Code extension's wiring (vscode-wiring.js): its adapter factory's executable with the launch
// configurations its package.json produces.
//
// Usage: node run.js [--hvscope PATH | --jar JAR | --classpath CP] [--only vscode,hosted,full-system,qemu]
// Default adapter: the repository's ./hvscope launcher. Prints "N passed, N failed"; exits 1 on a failure.
'use strict';
const assert = require('assert');
const cp = require('child_process');
const fs = require('fs');
const net = require('net');
const os = require('os');
const path = require('path');
const { DebugClient } = require('@vscode/debugadapter-testsupport');
const { wiringSteps } = require('./vscode-wiring');

const root = path.resolve(__dirname, '..', '..');
const examples = path.join(root, 'examples');
const GUEST_ELF = path.join(examples, 'pflash-guest', 'pflash-guest.elf');
const HV_ELF = path.join(examples, 'hv-baremetal', 'hv-passthrough.elf');
const PFLASH_IMG = path.join(examples, 'pflash', 'pflash.img');
const PFLASH_C = path.join(examples, 'pflash-guest', 'pflash.c');
const LOAD = 0x80200044; // dev_read32_load: lwu a0,0(a0), the guest's first pflash read
const PFLASH_GVA = 0xffffffc022000000n;
const PFLASH_GPA = 0x22000000;
const TIMEOUT = 60000;

function option(name) {
  const i = process.argv.indexOf(name);
  return i > 0 ? process.argv[i + 1] : undefined;
}

/** DebugClient spawns `runtime executable`: the adapter command is `<launcher> dap`. */
function adapterLauncher() {
  const jar = option('--jar') && path.resolve(option('--jar'));
  const classpath = option('--classpath');
  if (!jar && !classpath) {
    return option('--hvscope') || path.join(root, 'hvscope');
  }
  const java = option('--java') || 'java';
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hvscope-dap-e2e-'));
  const script = path.join(dir, 'hvscope');
  const start = jar ? `-jar '${jar}'` : `-cp '${classpath}' dev.hvscope.app.Main`;
  fs.writeFileSync(script, `#!/bin/sh\nexec '${java}' -Dhvscope.home='${root}' ${start} "$@"\n`, { mode: 0o755 });
  return script;
}

const hex = (n) => '0x' + BigInt(n).toString(16);
const results = { passed: 0, failed: 0 };

/** A session: named steps run in order; after a failure the rest of the session count as failed. */
async function session(name, steps) {
  let broken = null;
  for (const [title, fn] of steps) {
    const label = `${name}: ${title}`;
    if (broken) {
      results.failed++;
      console.log(`not ok - ${label} (not run: ${broken})`);
      continue;
    }
    try {
      await fn();
      results.passed++;
      console.log(`ok - ${label}`);
    } catch (e) {
      results.failed++;
      broken = title;
      console.log(`not ok - ${label}\n    ${String(e && e.stack || e).split('\n').slice(0, 4).join('\n    ')}`);
    }
  }
}

/** What every session shares: the client, the last stop, and helpers over the requests. */
class Debuggee {
  constructor(launcher) {
    this.dc = new DebugClient(launcher, 'dap', 'hvscope', { cwd: root }, !!process.env.HVSCOPE_E2E_STDERR);
    this.dc.defaultTimeout = TIMEOUT;
    this.output = '';
    this.dc.on('output', (e) => { this.output += e.body.output; });
  }

  async start() {
    await this.dc.start();
    const init = await this.dc.initializeRequest();
    this.caps = init.body;
  }

  /** Sends a request that resumes, then waits for the next stopped event. */
  async resume(request) {
    const stopped = this.dc.waitForEvent('stopped', TIMEOUT);
    const ended = new Promise((_, reject) => {
      this.dc.once('terminated', () => reject(new Error('the debuggee ended instead of stopping; output:\n'
        + this.output.split('\n').slice(-8).join('\n'))));
    });
    ended.catch(() => {});
    await request();
    this.stop = (await Promise.race([stopped, ended])).body;
    const st = await this.dc.stackTraceRequest({ threadId: this.stop.threadId || 1 });
    this.frame = st.body.stackFrames[0];
    this.pc = Number(BigInt(this.frame.instructionPointerReference));
    return this.stop;
  }

  /** launch/attach, then configurationDone after the filters and breakpoints are set; stops on entry. */
  async begin(request, args, configure) {
    const initialized = this.dc.waitForEvent('initialized', TIMEOUT);
    await this.dc.send(request, args);
    await initialized;
    if (configure) {
      await configure();
    }
    return this.resume(() => this.dc.configurationDoneRequest());
  }

  async scope(name) {
    const scopes = await this.dc.scopesRequest({ frameId: this.frame.id });
    const s = scopes.body.scopes.find((x) => x.name === name);
    assert.ok(s, `no scope '${name}' in ${scopes.body.scopes.map((x) => x.name)}`);
    const vars = await this.dc.variablesRequest({ variablesReference: s.variablesReference, start: 0, count: 1000 });
    return vars.body.variables;
  }

  /** The G-stage region that holds gpa, from the scope's "GPA lo..hi" names, or undefined. */
  async gStageRegionOf(gpa) {
    const vars = await this.scope('G-stage mappings');
    return vars.find((v) => {
      const m = /0x([0-9a-f_]+)\s*\.\.\s*0x([0-9a-f_]+)/i.exec(v.name);
      if (!m) return false;
      const lo = BigInt('0x' + m[1].replace(/_/g, '')), hi = BigInt('0x' + m[2].replace(/_/g, ''));
      return BigInt(gpa) >= lo && BigInt(gpa) < hi;
    });
  }

  async register(name) {
    const vars = await this.scope('Registers');
    const v = vars.find((x) => x.name === name || x.name.startsWith(name + ' '));
    assert.ok(v, `no register ${name}`);
    return BigInt(v.value.split(' ')[0]);
  }

  async read(ref, count) {
    const r = await this.dc.send('readMemory', { memoryReference: ref, count });
    assert.ok(r.body && r.body.data, `readMemory ${ref}: no data`);
    return Buffer.from(r.body.data, 'base64');
  }

  async end() {
    const terminated = this.dc.waitForEvent('terminated', TIMEOUT);
    await this.dc.terminateRequest();
    await terminated;
    await this.dc.stop();
  }

  kill() {
    try { this.dc.stop(); } catch (e) { /* already gone */ }
  }
}

/**
 * The shared scenario. `mode` is how the debuggee runs: hosted (hvscope's stub on `hvscope vm`),
 * full (hvscope's stub, full-system), qemu (QEMU's stub, the standard subset). The hosted VM switches
 * its pflash live (the mapped page is dropped), so there the breakpoint comes after the first fault;
 * the bare-metal hypervisor reads its pflash_mode byte only when it serves a fault, so there the
 * breakpoint comes first and the fault that follows is served by emulation.
 */
function steps(d, mode, begin) {
  let hpa;
  let loadAddress;
  const init = ['initialize: VM exit filters and pflash breakpoint modes', async () => {
    await d.start();
    assert.ok(d.caps.exceptionBreakpointFilters.some((f) => f.filter === 'nested-page-fault'));
    assert.ok(d.caps.breakpointModes.some((m) => m.mode === 'pflash-emulate' && m.label === 'pflash: emulate'));
    assert.ok(d.caps.supportsInstructionBreakpoints && d.caps.supportsReadMemoryRequest && d.caps.supportsDisassembleRequest);
  }];
  const entry = ['launch stops on entry', async () => {
    const stop = await begin();
    assert.strictEqual(stop.reason, 'entry');
  }];
  const filter = ['the nested-page-fault filter stops at the guest\'s pflash access', async () => {
    const r = await d.dc.setExceptionBreakpointsRequest({ filters: [], filterOptions: [{ filterId: 'nested-page-fault' }] });
    assert.strictEqual(r.body.breakpoints.length, 1);
    const stop = await d.resume(() => d.dc.continueRequest({ threadId: 1 }));
    assert.strictEqual(stop.reason, 'exception', JSON.stringify(stop));
    assert.match(stop.text || stop.description, /nested page fault/);
    assert.match(stop.text || stop.description, /0x22000000/);
    const info = await d.dc.exceptionInfoRequest({ threadId: stop.threadId || 1 });
    assert.match(info.body.description || info.body.exceptionId, /nested page fault/);
    await d.dc.setExceptionBreakpointsRequest({ filters: [] });
  }];
  const unmapped = ['the G-stage scope has no mapping at 0x2200_0000', async () => {
    assert.strictEqual(await d.gStageRegionOf(PFLASH_GPA), undefined);
    assert.ok(await d.gStageRegionOf(0x80200000), 'guest RAM is mapped');
  }];
  const modeBreakpoint = ['an instruction breakpoint with mode pflash: emulate on dev_read32_load switches the mode', async () => {
    const r = await d.dc.send('setInstructionBreakpoints',
      { breakpoints: [{ instructionReference: hex(LOAD), mode: 'pflash-emulate' }] });
    assert.ok(r.body.breakpoints[0].verified, JSON.stringify(r.body));
    const stop = await d.resume(() => d.dc.continueRequest({ threadId: 1 }));
    assert.strictEqual(d.pc, LOAD, `stopped at ${hex(d.pc)}: ${JSON.stringify(stop)}`);
    assert.match(stop.description || stop.text, /pflash mode switched to emulate/);
    if (mode === 'hosted') {
      const pflash = await d.scope('pflash');
      assert.ok(pflash.some((v) => v.name === 'mode' && /emulate/.test(v.value)), JSON.stringify(pflash));
    }
    await d.dc.send('setInstructionBreakpoints', { breakpoints: [] });
  }];
  const disassemble = ['disassemble shows the load with its symbol', async () => {
    const r = await d.dc.disassembleRequest({ memoryReference: hex(LOAD), instructionCount: 4, resolveSymbols: true });
    const first = r.body.instructions[0];
    assert.strictEqual(Number(BigInt(first.address)), LOAD);
    assert.match(first.instruction, /lwu\s+a0,\s*0\(a0\)/);
    assert.ok(r.body.instructions.some((i) => /dev_read32/.test(i.symbol || '')), JSON.stringify(first));
  }];
  const step = ['stepping by instruction crosses the load, which maps the pflash page to a RAM frame', async () => {
    if (d.pc !== LOAD) {
      // a stop on the trap vector (QEMU): back to the load's retry
      await d.dc.send('setInstructionBreakpoints', { breakpoints: [{ instructionReference: hex(LOAD) }] });
      await d.resume(() => d.dc.continueRequest({ threadId: 1 }));
      await d.dc.send('setInstructionBreakpoints', { breakpoints: [] });
    }
    loadAddress = await d.register('x10');
    assert.strictEqual(loadAddress & ~0xfffn, PFLASH_GVA, 'the load reads the pflash page');
    // an exit the hypervisor serves may count as a step of its own (hosted), so step until past the load
    for (let i = 0; i < 4 && d.pc === LOAD; i++) {
      await d.resume(() => d.dc.stepInRequest({ threadId: 1, granularity: 'instruction' }));
    }
    assert.strictEqual(d.pc, LOAD + 4);
    const region = await d.gStageRegionOf(PFLASH_GPA);
    assert.ok(region, 'the pflash page is mapped after the load');
    const m = /->\s*0x([0-9a-f_]+)/i.exec(region.value) || /0x([0-9a-f_]+)/i.exec(region.value);
    hpa = BigInt('0x' + m[1].replace(/_/g, ''));
    if (mode === 'qemu') {
      // no mode breakpoint here: the hypervisor passes the board's flash through
      assert.strictEqual(hpa, BigInt(PFLASH_GPA), region.value);
    } else {
      // emulation maps a RAM frame, not the board's flash at 0x2200_0000
      assert.notStrictEqual(hpa, BigInt(PFLASH_GPA), region.value);
    }
  }];
  const read = ['readMemory: guest-virtual, gpa: and hpa: views of the pflash page agree', async () => {
    const gva = await d.read(hex(PFLASH_GVA), 16);
    const gpa = await d.read('gpa:' + hex(PFLASH_GPA), 16);
    const hp = await d.read('hpa:' + hex(hpa), 16);
    assert.strictEqual(gva.length, 16);
    assert.strictEqual(gva.toString('latin1', 0, 4), 'pfld', 'the pflash magic');
    assert.deepStrictEqual(gpa, gva);
    assert.deepStrictEqual(hp, gva);
    const loaded = await d.read(hex(loadAddress), 4);
    assert.strictEqual(await d.register('x10'), BigInt(loaded.readUInt32LE(0)), 'a0 holds what the load read');
  }];
  const globals = ['DWARF globals: the Globals scope lists the guest\'s kernel_pt, and evaluate reads kernel_pt[2] typed', async () => {
    const vars = await d.scope('Globals');
    const pt = vars.find((v) => v.name === 'kernel_pt');
    assert.ok(pt && pt.memoryReference && pt.variablesReference > 0, JSON.stringify(vars.map((v) => v.name)));
    const e = await d.dc.evaluateRequest({ expression: 'kernel_pt[2]', frameId: d.frame.id, context: 'watch' });
    // the guest's Sv39 root maps its kernel gigapage at 0x8000_0000 (PPN 0x80000, flags VRWXAD)
    const pte = BigInt(e.body.result);   // a uint64_t: decimal, as gdb prints it
    assert.strictEqual(pte >> 10n, 0x80000n, e.body.result);
    assert.strictEqual(pte & 0xffn, 0xefn, e.body.result);
  }];
  const sourceLines = ['DWARF lines: a log point on pflash.c:35 prints, a breakpoint on pflash.c:43 stops there with its Locals, next goes to 45', async () => {
    const source = { name: 'pflash.c', path: PFLASH_C };
    const r = await d.dc.setBreakpointsRequest({ source, breakpoints: [
      { line: 35, logMessage: 'guest at line 35, pc={$pc}' }, { line: 43 }] });
    assert.ok(r.body.breakpoints.every((b) => b.verified), JSON.stringify(r.body));
    const stop = await d.resume(() => d.dc.continueRequest({ threadId: 1 }));
    assert.strictEqual(stop.reason, 'breakpoint', JSON.stringify(stop));
    assert.strictEqual(d.frame.source && d.frame.source.name, 'pflash.c', JSON.stringify(d.frame));
    assert.strictEqual(d.frame.line, 43);
    assert.match(d.output, /guest at line 35, pc=0x802003c0/);
    // the Locals scope (DWARF location lists): guest_main's va is the pflash page's linear address
    const locals = await d.scope('Locals');
    const va = locals.find((v) => v.name === 'va');
    assert.ok(va, JSON.stringify(locals.map((v) => v.name)));
    assert.strictEqual(BigInt(va.value), PFLASH_GVA, va.value);
    await d.dc.setBreakpointsRequest({ source, breakpoints: [] });
    await d.resume(() => d.dc.nextRequest({ threadId: 1 }));
    assert.strictEqual(d.frame.line, 45, JSON.stringify(d.frame));
  }];
  const terminate = ['terminate ends the debuggee', async () => {
    await d.end();
  }];
  // QEMU: the filters work from trap-vector breakpoints, armed at a stop in the hypervisor after it set stvec
  const hvReady = ['a function breakpoint on the hypervisor\'s enter_guest arms the filters', async () => {
    const f = await d.dc.setFunctionBreakpointsRequest({ breakpoints: [{ name: 'enter_guest' }] });
    assert.ok(f.body.breakpoints[0].verified, JSON.stringify(f.body));
    const stop = await d.resume(() => d.dc.continueRequest({ threadId: 1 }));
    assert.strictEqual(stop.reason, 'function breakpoint', JSON.stringify(stop));
    await d.dc.setFunctionBreakpointsRequest({ breakpoints: [] });
    await d.dc.setExceptionBreakpointsRequest({ filters: [], filterOptions: [{ filterId: 'nested-page-fault' }] });
  }];
  if (mode === 'hosted') {
    return [init, entry, filter, unmapped, modeBreakpoint, disassemble, step, read, globals, sourceLines, terminate];
  }
  if (mode === 'qemu') {
    // QEMU: the stvec read at a guest (V=1) stop is not the hypervisor's, so the filters are armed at a
    // hypervisor stop and the scenario does not stop in the guest before the fault; hence
    // the standard subset without the mode breakpoint (the pflash_mode byte is read at the fault)
    return [init, entry, hvReady, filter, unmapped, step, disassemble, read, globals, sourceLines, terminate];
  }
  return [init, entry, modeBreakpoint, disassemble, filter, unmapped, step, read, globals, sourceLines, terminate];
}

async function freePort() {
  return new Promise((resolve) => {
    const s = net.createServer();
    s.listen(0, '127.0.0.1', () => { const p = s.address().port; s.close(() => resolve(p)); });
  });
}

/** Resolves once something accepts connections on the port (QEMU opening its gdb stub). */
async function listening(port) {
  for (let i = 0; i < 200; i++) {
    const ok = await new Promise((resolve) => {
      const s = net.createConnection(port, '127.0.0.1', () => { s.destroy(); resolve(true); });
      s.on('error', () => resolve(false));
    });
    if (ok) return;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`nothing listens on port ${port}`);
}

async function main() {
  const launcher = adapterLauncher();
  const only = (option('--only') || 'vscode,hosted,full-system,qemu').split(',');

  if (only.includes('vscode')) {
    // the default launcher is found by the extension itself (./hvscope of the workspace folder)
    const explicit = option('--jar') || option('--classpath') || option('--hvscope');
    await session('vscode', wiringSteps(root, explicit ? launcher : ''));
  }

  if (only.includes('hosted')) {
    const d = new Debuggee(launcher);
    await session('hosted', steps(d, 'hosted', () => d.begin('launch', {
      vmConfig: path.join(examples, 'pflash', 'vm.toml'), pflashMode: 'passthrough', stopOnEntry: true,
    })));
    d.kill();
  }
  if (only.includes('full-system')) {
    const d = new Debuggee(launcher);
    await session('full-system', steps(d, 'full', () => d.begin('launch', {
      program: HV_ELF, stopOnEntry: true,
      // each ELF with the space it runs in: guest lines apply at V=1, the hypervisor's at V=0
      elf: [{ path: GUEST_ELF, space: 'guest' }, { path: HV_ELF, space: 'host' }],
      args: ['-drive', `if=pflash,unit=1,format=raw,file=${PFLASH_IMG}`],
    })));
    d.kill();
  }
  if (only.includes('qemu')) {
    const d = new Debuggee(launcher);
    const port = await freePort();
    // QEMU wants the flash bank at its full 32 MiB; the hypervisor runs as firmware, as in the README
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hvscope-dap-e2e-qemu-'));
    const flash = path.join(dir, 'pflash32.img');
    fs.copyFileSync(PFLASH_IMG, flash);
    fs.truncateSync(flash, 32 << 20);
    const qemu = cp.spawn('qemu-system-riscv64', ['-machine', 'virt', '-cpu', 'rv64', '-m', '128M', '-nographic',
      '-bios', HV_ELF, '-drive', `if=pflash,unit=1,format=raw,file=${flash}`,
      '-S', '-gdb', `tcp:127.0.0.1:${port}`], { stdio: 'ignore' });
    await listening(port);
    await session('qemu', steps(d, 'qemu', () => d.begin('attach', {
      host: '127.0.0.1', port, elf: [GUEST_ELF, HV_ELF], stopOnEntry: true,
    })));
    d.kill();
    qemu.kill();
    fs.rmSync(dir, { recursive: true, force: true });
  }
  console.log(`${results.passed} passed, ${results.failed} failed`);
  process.exit(results.failed ? 1 : 0);
}

main().catch((e) => { console.error(e); console.log(`${results.passed} passed, ${results.failed + 1} failed`); process.exit(1); });
