// The VS Code extension's DAP wiring (issue #7): ide/vscode/extension.js is loaded with the fake `vscode`
// module of ide/vscode/test/fake-vscode.js (as ide/vscode/test/activation.test.js does), its debug
// adapter factory names the adapter executable, and DebugClient runs that executable with launch
// configurations written exactly as package.json's initialConfigurations and configurationSnippets
// produce them.
'use strict';
const assert = require('assert');
const path = require('path');
const { DebugClient } = require('@vscode/debugadapter-testsupport');
const fake = require('../vscode/test/fake-vscode.js');

const TIMEOUT = 60000;

/** Loads extension.js against a fake VS Code; returns the descriptor its adapter factory gives. */
async function adapterDescriptor(extensionDir, workspace, command) {
  const { registered } = await fake.activate(extensionDir, workspace, { command });
  const factories = registered.adapterFactories;
  assert.ok(factories.hvscope, 'no adapter factory for the hvscope debug type');
  const d = factories.hvscope.createDebugAdapterDescriptor({ type: 'hvscope' });
  assert.ok(d instanceof fake.DebugAdapterExecutable);
  return d;
}

/** Turns a snippet value ("^\"\\${workspaceFolder}/${1:vm.toml}\"") or a variable into what VS Code passes. */
function resolveValue(v, workspace, fill) {
  if (typeof v !== 'string') return v;
  // ^"..." is a snippet: tab stops ${N:default}, and \$ for a literal $ (a variable VS Code resolves)
  let t = v.startsWith('^"') && v.endsWith('"') ? v.slice(2, -1) : v;
  t = t.replace(/(^|[^\\])\$\{(\d+):([^}]*)\}/g, (_, pre, n, dflt) => pre + ((fill && fill[n]) || dflt));
  return t.replace(/\\?\$\{workspaceFolder\}/g, workspace);
}

function resolveConfig(body, workspace, fill) {
  const out = {};
  for (const [k, v] of Object.entries(body)) {
    out[k] = Array.isArray(v) ? v.map((x) => resolveValue(x, workspace, fill)) : resolveValue(v, workspace, fill);
  }
  return out;
}

/** Starts the adapter as VS Code would, launches `config`, stops on entry; returns the client and its output. */
async function launch(descriptor, config) {
  assert.strictEqual(descriptor.args.length, 1, 'DebugClient passes one argument');
  const dc = new DebugClient(descriptor.command, descriptor.args[0], 'hvscope', {}, !!process.env.HVSCOPE_E2E_STDERR);
  dc.defaultTimeout = TIMEOUT;
  const state = { dc, output: '' };
  dc.on('output', (e) => { state.output += e.body.output; });
  await dc.start();
  await dc.initializeRequest();
  const initialized = dc.waitForEvent('initialized', TIMEOUT);
  const { type, request, name, ...args } = config;
  assert.strictEqual(type, 'hvscope');
  await dc.send(request, args);
  await initialized;
  const stopped = dc.waitForEvent('stopped', TIMEOUT);
  await dc.configurationDoneRequest();
  state.stop = (await stopped).body;
  const st = await dc.stackTraceRequest({ threadId: state.stop.threadId || 1 });
  state.frame = st.body.stackFrames[0];
  return state;
}

/** Continues to the end of the run; resolves with the output once the adapter says it terminated. */
async function runToEnd(state, expected) {
  const terminated = state.dc.waitForEvent('terminated', TIMEOUT);
  await state.dc.continueRequest({ threadId: 1 });
  await terminated;
  assert.match(state.output, expected);
  await state.dc.stop();
}

/** The steps of the wiring session, for run.js's runner. */
function wiringSteps(root, command) {
  const extensionDir = path.join(root, 'ide', 'vscode');
  const manifest = require(path.join(extensionDir, 'package.json'));
  const dbg = manifest.contributes.debuggers[0];
  const snippet = (label) => dbg.configurationSnippets.find((s) => s.label === label).body;
  let descriptor;
  return [
    ['the extension\'s adapter factory returns `<launcher> dap`', async () => {
      descriptor = await adapterDescriptor(extensionDir, root, command);
      assert.strictEqual(descriptor.command, command || path.join(root, 'hvscope'));
      assert.deepStrictEqual(descriptor.args, ['dap']);
    }],
    ['every launch attribute the snippets use is in the launch schema', async () => {
      const props = Object.keys(dbg.configurationAttributes.launch.properties);
      for (const s of dbg.configurationSnippets.concat(dbg.initialConfigurations.map((body) => ({ body })))) {
        if (s.body.request !== 'launch') continue;
        for (const k of Object.keys(s.body)) {
          if (!['type', 'request', 'name'].includes(k)) assert.ok(props.includes(k), `'${k}' is not in the schema`);
        }
      }
    }],
    ['initialConfigurations[0] (vmConfig, pflashMode) stops on entry, then runs the demo to its output', async () => {
      const s = await launch(descriptor, resolveConfig(dbg.initialConfigurations[0], root));
      assert.strictEqual(s.stop.reason, 'entry');
      assert.strictEqual(Number(BigInt(s.frame.instructionPointerReference)), 0x80200000);
      assert.match(s.frame.name, /_start/, 'symbols from the config\'s guest ELF');
      await runToEnd(s, /pflash payload: hvscope pflash payload/);
    }],
    ['snippet "Launch a VM guest" with pflashMode emulate serves pflash by emulation', async () => {
      const body = { ...snippet('hvscope: Launch a VM guest'), pflashMode: 'emulate' };
      const s = await launch(descriptor, resolveConfig(body, root, { 1: 'examples/pflash/vm.toml' }));
      assert.strictEqual(s.stop.reason, 'entry');
      await runToEnd(s, /emulated by hvscope/);
    }],
    ['an empty vmConfig runs the embedded demo, with its guest\'s symbols', async () => {
      const body = { ...snippet('hvscope: Launch a VM guest'), vmConfig: '' };
      const s = await launch(descriptor, resolveConfig(body, root));
      assert.match(s.frame.name, /_start/);
      await runToEnd(s, /pflash payload/);
    }],
    ['snippet "Launch an ELF" runs the bare-metal hypervisor full-system', async () => {
      const body = { ...snippet('hvscope: Launch an ELF') };
      body.args = ['-drive', `if=pflash,unit=1,format=raw,file=${path.join(root, 'examples', 'pflash', 'pflash.img')}`];
      const s = await launch(descriptor, resolveConfig(body, root, { 1: 'examples/hv-baremetal/hv-passthrough.elf' }));
      assert.strictEqual(s.stop.reason, 'entry');
      assert.strictEqual(Number(BigInt(s.frame.instructionPointerReference)), 0x1000, 'the MROM reset vector, as QEMU');
      await runToEnd(s, /pflash payload: hvscope pflash payload/);
    }],
    ['the translate and exit-log commands send their custom requests to the live session', async () => {
      const { registered } = await fake.activate(extensionDir, root, { command });
      const s = await launch(descriptor, resolveConfig(dbg.initialConfigurations[0], root));
      await s.dc.setExceptionBreakpointsRequest({ filters: ['nested-page-fault'] });
      const stopped = s.dc.waitForEvent('stopped', TIMEOUT);
      await s.dc.continueRequest({ threadId: 1 });
      assert.match((await stopped).body.description || '', /nested page fault/);
      // the commands talk to vscode.debug.activeDebugSession: here, the DebugClient's session
      registered.session = { type: 'hvscope', customRequest: (c, a) => s.dc.customRequest(c, a).then((r) => r.body) };
      registered.inputs.push('0xffffffc022000000');
      const t = await registered.commands['hvscope.translateAddress']();
      assert.strictEqual(t.ok, false, 'the G-stage has no mapping for the pflash page yet');
      assert.match(registered.documents[0].content, /fault: 21/);
      const log = await registered.commands['hvscope.showExitLog']();
      assert.ok(log.total >= 1);
      assert.match(registered.documents[1].content, /\| npf \| .* \| 0x80200044 \|/);
      await s.dc.setExceptionBreakpointsRequest({ filters: [] });
      await runToEnd(s, /pflash payload/);
    }],
    ['snippet "Launch an ELF" with an S-mode program boots it on OpenSBI', async () => {
      const body = snippet('hvscope: Launch an ELF');
      const s = await launch(descriptor, resolveConfig(body, root, { 1: 'examples/pflash-guest/pflash-guest.elf' }));
      assert.strictEqual(s.stop.reason, 'entry');
      await runToEnd(s, /Try to access dev region \[0xffffffc022000000\]/);
    }],
  ];
}

module.exports = { wiringSteps, resolveConfig };
