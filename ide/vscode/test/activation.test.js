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
  assert.strictEqual(context.subscriptions.length, 4);
  fs.rmSync(workspaceDir, { recursive: true });
  console.log('activation test: ok');
}).catch((e) => { console.error(e); process.exit(1); });
