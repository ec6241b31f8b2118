#!/usr/bin/env node
// `npm run token`: runs the compiled token command, compiling first only when dist/ is
// missing or older than the sources it is built from (a fresh dist answers in well under a second).
'use strict';
const { existsSync, readdirSync, statSync } = require('node:fs');
const { execFileSync } = require('node:child_process');
const { join } = require('node:path');

const root = join(__dirname, '..');
const compiled = join(root, 'dist', 'scripts', 'token.js');
const sources = [join(root, 'scripts'), join(root, 'shared', 'auth'), join(root, 'shared', 'config.ts')];

function newestSource(path) {
  const stat = statSync(path);
  if (!stat.isDirectory()) return path.endsWith('.ts') ? stat.mtimeMs : 0;
  return Math.max(0, ...readdirSync(path).map((name) => newestSource(join(path, name))));
}

if (!existsSync(compiled) || statSync(compiled).mtimeMs < Math.max(...sources.map(newestSource))) {
  process.stderr.write('Compiling (dist/ is missing or older than the sources) …\n');
  const tsc = join(root, 'node_modules', 'typescript', 'bin', 'tsc');
  try {
    execFileSync(process.execPath, [tsc, '-p', join(root, 'tsconfig.json')], { stdio: ['ignore', 2, 2] });
  } catch {
    // Type errors elsewhere in the project still emit JavaScript; only a missing output is fatal.
    if (!existsSync(compiled)) {
      process.stderr.write('The project does not compile; see the errors above.\n');
      process.exit(1);
    }
  }
}
require(compiled);
