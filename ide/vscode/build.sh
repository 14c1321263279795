#!/usr/bin/env bash
# Builds ide/vscode/hvscope-<version>.vsix with @vscode/vsce from the npm registry.
# Needs node >= 20 and npm. Install the result with: code --install-extension hvscope-*.vsix
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")"
npm ci --no-audit --no-fund --loglevel=error
version=$(node -p "require('./package.json').version")
node test/activation.test.js
npx --no-install vsce package --skip-license --out "hvscope-${version}.vsix"
echo "built $(pwd)/hvscope-${version}.vsix"
