// A fake `vscode` module and language client, so that extension.js can be loaded and activated
// outside VS Code: what it registers and what it would start are recorded. Used by
// test/activation.test.js and by ide/dap-e2e/vscode-wiring.js. test/ is not packaged (.vscodeignore).
'use strict';
const path = require('path');
const Module = require('module');

class DebugAdapterExecutable {
  constructor(command, args) { this.command = command; this.args = args; }
}

/**
 * Loads extensionDir/extension.js against the fakes (workspace folder `workspace`, hvscope.* settings
 * `settings` over the defaults) and activates it. Answers { context, registered, started }: the
 * extension context, the commands and adapter factories registered by id, the language clients started.
 */
async function activate(extensionDir, workspace, settings) {
  const registered = { commands: {}, adapterFactories: {}, documents: [], requests: [], inputs: [] };
  const started = [];
  const values = { command: '', 'lsp.args': ['lsp'], 'dap.args': ['dap'], ...settings };
  const fakeVscode = {
    workspace: {
      workspaceFolders: [{ uri: { fsPath: workspace } }],
      getConfiguration: () => ({ get: (key) => values[key] }),
      openTextDocument: (o) => { registered.documents.push(o); return Promise.resolve(o); },
    },
    window: {
      activeTextEditor: undefined,
      showWarningMessage: () => undefined,
      // the test queues the answers the user would type
      showInputBox: () => Promise.resolve(registered.inputs.shift()),
      showTextDocument: () => Promise.resolve(),
    },
    commands: {
      registerCommand: (id, fn) => { registered.commands[id] = fn; return { dispose() {} }; },
      executeCommand: () => undefined,
    },
    debug: {
      registerDebugAdapterDescriptorFactory: (type, f) => { registered.adapterFactories[type] = f; return { dispose() {} }; },
      // a test sets registered.session to { type, customRequest } to play the running debug session
      get activeDebugSession() { return registered.session; },
    },
    DebugAdapterExecutable,
  };
  class FakeLanguageClient {
    constructor(id, name, serverOptions, clientOptions) {
      Object.assign(this, { id, name, serverOptions, clientOptions });
    }
    start() { started.push(this); return Promise.resolve(); }
    stop() { return Promise.resolve(); }
  }
  const load = Module._load;
  Module._load = function (request, parent, isMain) {
    if (request === 'vscode') return fakeVscode;
    if (request === 'vscode-languageclient/node') return { LanguageClient: FakeLanguageClient };
    return load.call(this, request, parent, isMain);
  };
  try {
    // a fresh copy each time: extension.js keeps the `vscode` module it was loaded with
    const file = require.resolve(path.join(extensionDir, 'extension.js'));
    delete require.cache[file];
    const ext = require(file);
    const context = { subscriptions: [] };
    await ext.activate(context);
    return { context, registered, started };
  } finally {
    Module._load = load;
  }
}

module.exports = { activate, DebugAdapterExecutable };
