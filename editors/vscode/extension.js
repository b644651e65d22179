// rechtmakers in VS Code: starts `rechtmakers lsp` for the YAML files of an agreement.
// The Red Hat YAML extension (yaml-language-server) keeps completing keys from the JSON
// Schema; this one adds what only rechtmakers knows: the validator's findings while you type,
// references, rename, hover, the numbers references print, quick fixes and the outline.
"use strict";

const vscode = require("vscode");
const { LanguageClient } = require("vscode-languageclient/node");

let client;

function activate(context) {
  const [command, ...args] = vscode.workspace
    .getConfiguration("rechtmakers")
    .get("opdracht", ["rechtmakers", "lsp"]);
  const serverOptions = { command, args };
  const clientOptions = {
    documentSelector: [
      { scheme: "file", language: "yaml", pattern: "**/overeenkomst.yaml" },
      { scheme: "file", language: "yaml", pattern: "**/partijen.yaml" },
      { scheme: "file", language: "yaml", pattern: "**/begrippen.yaml" },
      { scheme: "file", language: "yaml", pattern: "**/artikelen/*.yaml" },
    ],
    synchronize: {
      fileEvents: vscode.workspace.createFileSystemWatcher("**/{*.yaml,bijlagen/**}"),
    },
  };
  client = new LanguageClient("rechtmakers", "rechtmakers", serverOptions, clientOptions);
  context.subscriptions.push({ dispose: () => client && client.stop() });
  return client.start();
}

function deactivate() {
  return client ? client.stop() : undefined;
}

module.exports = { activate, deactivate };
