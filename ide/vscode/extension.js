// hvscope for VS Code: starts the Java language server (`hvscope lsp`) for VM configs and the
// debug adapter (`hvscope dap`) for the `hvscope` debug type. Both speak stdio.
//
// Workspace trust: a folder's own ./hvscope launcher (a script that builds and runs whatever Maven
// project it sits in) runs only in a trusted workspace; until then the language server is the
// `hvscope` on PATH or the hvscope.command setting, which only the user's (machine) settings can
// set. package.json declares this "limited" support and restricts the hvscope.* settings.
'use strict';
const fs = require('fs');
const path = require('path');
const vscode = require('vscode');
const { LanguageClient } = require('vscode-languageclient/node');

let client;

/** ./hvscope in the first workspace folder that has one, else undefined. */
function workspaceLauncher() {
  for (const folder of vscode.workspace.workspaceFolders || []) {
    const candidate = path.join(folder.uri.fsPath, 'hvscope');
    if (fs.existsSync(candidate)) {
      return candidate;
    }
  }
  return undefined;
}

/** The launcher: the setting, else ./hvscope of a workspace folder when the workspace is trusted, else `hvscope` on PATH. */
function launcher() {
  const configured = vscode.workspace.getConfiguration('hvscope').get('command');
  if (configured) {
    return configured;
  }
  const local = workspaceLauncher();
  if (local && vscode.workspace.isTrusted) {
    return local;
  }
  if (local) {
    vscode.window.showInformationMessage(`hvscope: ${local} runs once you trust this workspace;`
      + ' until then the language server is the hvscope on PATH (or the hvscope.command setting).');
  }
  return 'hvscope';
}

function startLanguageServer() {
  const args = vscode.workspace.getConfiguration('hvscope').get('lsp.args') || ['lsp'];
  const serverOptions = { command: launcher(), args };
  const clientOptions = {
    documentSelector: [{ language: 'hvscope-vm' }],
    outputChannelName: 'hvscope language server',
  };
  client = new LanguageClient('hvscope', 'hvscope VM config', serverOptions, clientOptions);
  return client.start();
}

/** The debug adapter is a process speaking DAP on stdio. */
class AdapterFactory {
  createDebugAdapterDescriptor() {
    const args = vscode.workspace.getConfiguration('hvscope').get('dap.args') || ['dap'];
    return new vscode.DebugAdapterExecutable(launcher(), args);
  }
}

function activeVmConfig() {
  const editor = vscode.window.activeTextEditor;
  if (!editor || editor.document.languageId !== 'hvscope-vm') {
    vscode.window.showWarningMessage('hvscope: open a VM config (vm.toml, *.vm.toml) first');
    return undefined;
  }
  return editor.document.uri.toString();
}

/** The running hvscope debug session, or undefined with a warning. */
function activeHvscopeSession() {
  const session = vscode.debug.activeDebugSession;
  if (!session || session.type !== 'hvscope') {
    vscode.window.showWarningMessage('hvscope: start or select an hvscope debug session first');
    return undefined;
  }
  return session;
}

async function showMarkdown(content) {
  const doc = await vscode.workspace.openTextDocument({ language: 'markdown', content });
  await vscode.window.showTextDocument(doc, { preview: true });
}

/** hvscope/translate: an address through both stages, with every level of the walk. */
async function translateAddress() {
  const session = activeHvscopeSession();
  if (!session) {
    return undefined;
  }
  const address = await vscode.window.showInputBox({
    prompt: 'Address to translate (guest-virtual; prefix gpa: for guest-physical)',
    value: '0xffffffc022000000',
  });
  if (!address) {
    return undefined;
  }
  const gpa = address.startsWith('gpa:');
  const r = await session.customRequest('hvscope/translate',
    { address: gpa ? address.slice(4) : address, space: gpa ? 'gpa' : 'gva' });
  const head = r.ok ? `GPA ${r.gpa} -> HPA ${r.hpa} (${r.pageSize} page)` : `fault: ${r.faultCause}`;
  await showMarkdown(`# ${address}\n\n${head}\n\n\`\`\`\n${r.trace || ''}\n\`\`\`\n`);
  return r;
}

/** hvscope/exitLog: the latest VM exits as a table. */
async function showExitLog() {
  const session = activeHvscopeSession();
  if (!session) {
    return undefined;
  }
  const log = await session.customRequest('hvscope/exitLog', { start: 0, count: 100 });
  const rows = log.entries.map((e) => `| ${e.seq} | ${e.kind} | ${e.cause} | ${e.pc} | ${e.tval} | ${e.gpa || ''} |`);
  await showMarkdown(`# VM exits (${log.total} in all, latest first)\n\n`
    + '| # | kind | cause | guest pc | tval | GPA |\n|---|---|---|---|---|---|\n' + rows.join('\n') + '\n');
  return log;
}

async function restartLanguageServer() {
  if (client) {
    await client.stop();
  }
  await startLanguageServer();
}

function activate(context) {
  context.subscriptions.push(
    vscode.debug.registerDebugAdapterDescriptorFactory('hvscope', new AdapterFactory()),
    // the server's own command (registered by the language client) takes the URI and the pflash index
    vscode.commands.registerCommand('hvscope.pflash.toggleInEditor', () => {
      const uri = activeVmConfig();
      return uri && vscode.commands.executeCommand('hvscope.pflash.toggle', uri, 0);
    }),
    vscode.commands.registerCommand('hvscope.showMappings', async () => {
      const uri = activeVmConfig();
      if (!uri || !client) {
        return;
      }
      const mappings = await client.sendRequest('hvscope/mappings', { uri });
      const doc = await vscode.workspace.openTextDocument({
        language: 'markdown',
        content: mappings.map((m) => `## ${m.name}\n\n${m.mappings}\n`).join('\n'),
      });
      await vscode.window.showTextDocument(doc, { preview: true });
    }),
    vscode.commands.registerCommand('hvscope.translateAddress', translateAddress),
    vscode.commands.registerCommand('hvscope.showExitLog', showExitLog),
    vscode.commands.registerCommand('hvscope.restartLanguageServer', restartLanguageServer),
    // trusted now: the folder's own launcher may run
    vscode.workspace.onDidGrantWorkspaceTrust(restartLanguageServer),
  );
  return startLanguageServer();
}

function deactivate() {
  return client ? client.stop() : undefined;
}

module.exports = { activate, deactivate };
