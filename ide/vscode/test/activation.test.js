// Activation test without VS Code: extension.js is loaded with a fake `vscode` module and a fake
// language client (test/fake-vscode.js), then checked for what it registers and what it would start.
// Run: node test/activation.test.js   (build.sh runs it before packaging)
'use strict';
const assert = require('assert');
const fs = require('fs');
const os = require('os');
const path = require('path');
const fake = require('./fake-vscode.js');

const workspaceDir = fs.mkdtempSync(path.join(os.tmpdir(), 'hvscope-ws-'));
fs.writeFileSync(path.join(workspaceDir, 'hvscope'), '#!/bin/sh\n', { mode: 0o755 });

/** The debug-session commands send the adapter's custom requests and show what comes back. */
async function commandsOnASession(registered) {
  // no hvscope session: nothing is sent
  assert.strictEqual(await registered.commands['hvscope.showExitLog'](), undefined);
  registered.session = {
    type: 'hvscope',
    customRequest: (command, args) => {
      registered.requests.push({ command, args });
      if (command === 'hvscope/translate') {
        return Promise.resolve({ ok: true, gpa: '0x22000000', hpa: '0x85000000', pageSize: '4K', trace: 'VS-stage L2 ...' });
      }
      return Promise.resolve({ total: 1, entries: [{ seq: 1, kind: 'npf', cause: 21, pc: '0x80200044',
        tval: '0xffffffc022000000', gpa: '0x22000000' }] });
    },
  };
  registered.inputs.push('gpa:0x22000000');
  await registered.commands['hvscope.translateAddress']();
  assert.deepStrictEqual(registered.requests[0], { command: 'hvscope/translate', args: { address: '0x22000000', space: 'gpa' } });
  assert.match(registered.documents[0].content, /GPA 0x22000000 -> HPA 0x85000000 \(4K page\)/);
  await registered.commands['hvscope.showExitLog']();
  assert.deepStrictEqual(registered.requests[1], { command: 'hvscope/exitLog', args: { start: 0, count: 100 } });
  assert.match(registered.documents[1].content, /\| 1 \| npf \| 21 \| 0x80200044 \|/);
}

/**
 * An untrusted folder with its own ./hvscope: neither the language server nor the debug adapter is
 * started from it (the hvscope on PATH is), the user is told why, and once the workspace is trusted
 * the language server is started again from the folder's launcher.
 */
async function untrustedWorkspace() {
  const { registered, started, grantTrust } = await fake.activate(path.join(__dirname, '..'), workspaceDir, {}, false);
  assert.strictEqual(started.length, 1);
  assert.strictEqual(started[0].serverOptions.command, 'hvscope');
  assert.strictEqual(registered.adapterFactories.hvscope.createDebugAdapterDescriptor({}).command, 'hvscope');
  assert.match(registered.messages[0], /runs once you trust this workspace/);
  await grantTrust();
  assert.ok(started[0].stopped, 'the PATH language server was not stopped');
  assert.strictEqual(started.length, 2);
  assert.strictEqual(started[1].serverOptions.command, path.join(workspaceDir, 'hvscope'));
  assert.strictEqual(registered.adapterFactories.hvscope.createDebugAdapterDescriptor({}).command,
    path.join(workspaceDir, 'hvscope'));
}

fake.activate(path.join(__dirname, '..'), workspaceDir, {}).then(({ context, registered, started }) => {
  // the language server: ./hvscope of the workspace folder, `lsp`, for hvscope-vm documents
  assert.strictEqual(started.length, 1);
  assert.strictEqual(started[0].serverOptions.command, path.join(workspaceDir, 'hvscope'));
  assert.deepStrictEqual(started[0].serverOptions.args, ['lsp']);
  assert.deepStrictEqual(started[0].clientOptions.documentSelector, [{ language: 'hvscope-vm' }]);
  // the debug adapter: `hvscope dap` for the hvscope debug type
  const descriptor = registered.adapterFactories.hvscope.createDebugAdapterDescriptor({});
  assert.ok(descriptor instanceof fake.DebugAdapterExecutable);
  assert.strictEqual(descriptor.command, path.join(workspaceDir, 'hvscope'));
  assert.deepStrictEqual(descriptor.args, ['dap']);
  // every command the manifest contributes is registered, and the debug type matches
  const manifest = require('../package.json');
  for (const c of manifest.contributes.commands) {
    assert.ok(registered.commands[c.command], 'unregistered command ' + c.command);
  }
  assert.strictEqual(manifest.contributes.debuggers[0].type, 'hvscope');
  assert.ok(manifest.activationEvents.includes('onDebugResolve:hvscope'));
  assert.deepStrictEqual(manifest.contributes.languages[0].filenamePatterns, ['*.vm.toml']);
  assert.strictEqual(context.subscriptions.length, 7);
  // workspace trust: limited support, the launcher setting out of a folder's reach
  const untrusted = manifest.capabilities.untrustedWorkspaces;
  assert.strictEqual(untrusted.supported, 'limited');
  for (const key of ['hvscope.command', 'hvscope.lsp.args', 'hvscope.dap.args']) {
    assert.ok(untrusted.restrictedConfigurations.includes(key), key + ' is not restricted');
  }
  assert.strictEqual(manifest.contributes.configuration.properties['hvscope.command'].scope, 'machine');
  return commandsOnASession(registered);
}).then(untrustedWorkspace).then(() => {
  fs.rmSync(workspaceDir, { recursive: true });
  console.log('activation test: ok');
}).catch((e) => { console.error(e); process.exit(1); });
