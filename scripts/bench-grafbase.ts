import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Kind, parse, print, visit, type ConstDirectiveNode, type DocumentNode, type InputValueDefinitionNode, type StringValueNode, type TypeNode } from 'graphql';
import { IDENTITY_HEADER, SECRET_HEADER } from '../shared/auth/forwarding';
import { projectRoot, SUBGRAPH_NAMES, type SubgraphName } from '../shared/config';
import { freePort } from '../shared/free-port';
import { stopChildren, waitForHealthy } from './processes';

/**
 * The Grafbase Gateway (Rust) for `npm run bench` with BENCH_GRAFBASE=1: the Grafbase CLI's
 * development server (`grafbase dev -c grafbase.toml`) composing the subgraphs' own SDL (each
 * subgraph's `_service { sdl }`, read from the running subgraph), listening on loopback, with
 * header rules that forward the caller's identity and the gateway secret as the client sends
 * them (like the direct rows: Grafbase verifies no JWT here). Its in-flight de-duplication of
 * identical subgraph requests stays on, as Grafbase ships it.
 *
 * The CLI is not a dependency: it is installed for the run into `.bench/grafbase` (git-ignored),
 * beside the project's node_modules, so the Hive packages a run installs there are left alone.
 * Offline: it composes from files and needs no account, registry or graph ref; its home
 * directory (where the dev server unpacks its UI) is a temporary one, removed at the end.
 */
export const GRAFBASE_PACKAGE = '@grafbase/cli-x86_64-unknown-linux-musl';
export const GRAFBASE_VERSION = '0.103.0';
const INSTALL_DIR = join(projectRoot(), '.bench', 'grafbase');

export interface GrafbaseProcess {
  url: string;
  pid: number;
  version: string;
  stop: () => Promise<void>;
}

/** The CLI binary, installed into .bench/grafbase when missing (undefined when that fails). */
export function grafbaseBinary(): string | undefined {
  const binary = join(INSTALL_DIR, 'node_modules', GRAFBASE_PACKAGE, 'grafbase');
  if (existsSync(binary)) return binary;
  mkdirSync(INSTALL_DIR, { recursive: true });
  console.log(`BENCH_GRAFBASE=1: installing ${GRAFBASE_PACKAGE}@${GRAFBASE_VERSION} into .bench/grafbase (not saved to package.json)`);
  const npm = spawnSync('npm', ['install', '--prefix', INSTALL_DIR, '--no-save', '--no-package-lock', '--no-audit', '--no-fund', `${GRAFBASE_PACKAGE}@${GRAFBASE_VERSION}`], { stdio: 'inherit' });
  return npm.status === 0 && existsSync(binary) ? binary : undefined;
}

/** grafbase.toml: each subgraph's URL and SDL file, the listen address, headers forwarded. */
export function grafbaseConfig(port: number, subgraphs: Record<string, { url: string; schemaPath: string }>): string {
  const lines = ['[network]', `listen_address = "127.0.0.1:${port}"`, ''];
  for (const [name, { url, schemaPath }] of Object.entries(subgraphs)) lines.push(`[subgraphs.${name}]`, `url = "${url}"`, `schema_path = "${schemaPath}"`, '');
  for (const header of [SECRET_HEADER, IDENTITY_HEADER]) lines.push('[[headers]]', 'rule = "forward"', `name = "${header}"`, '');
  return lines.join('\n');
}

/** Starts `grafbase dev` over the running subgraphs and waits until it answers a query. */
export async function startGrafbase(binary: string, subgraphUrl: (name: SubgraphName) => string, secret: string): Promise<GrafbaseProcess> {
  const dir = mkdtempSync(join(tmpdir(), 'bench-grafbase-'));
  const subgraphs: Record<string, { url: string; schemaPath: string }> = {};
  for (const name of SUBGRAPH_NAMES) {
    const schemaPath = join(dir, `${name}.graphql`);
    writeFileSync(schemaPath, forGrafbase(await subgraphSdl(subgraphUrl(name), secret)));
    subgraphs[name] = { url: subgraphUrl(name), schemaPath };
  }
  const port = await freePort();
  writeFileSync(join(dir, 'grafbase.toml'), grafbaseConfig(port, subgraphs));
  const child: ChildProcess = spawn(binary, ['--home', join(dir, 'home'), 'dev', '-c', join(dir, 'grafbase.toml')], {
    cwd: dir,
    env: { PATH: process.env.PATH, HOME: join(dir, 'home') },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const stop = async () => {
    await stopChildren([child]);
    rmSync(dir, { recursive: true, force: true });
  };
  const url = `http://127.0.0.1:${port}/graphql`;
  try {
    await waitForHealthy([`http://127.0.0.1:${port}/health`], new Map([['grafbase', child]]));
  } catch (error) {
    await stop();
    throw error;
  }
  return { url, pid: child.pid!, version: GRAFBASE_VERSION, stop };
}

/**
 * A subgraph's SDL as the Grafbase CLI 0.103 takes it, saying the same: its composition refuses an
 * argument of an `@inaccessible` input type that is not itself marked `@inaccessible` (Apollo's
 * composition infers it; every such argument here belongs to an `@inaccessible` field), and it
 * panics ("capacity overflow" in its block-string trimming) on a block-string description
 * shorter than six characters (`"""BIL-3"""`), which is written as a plain string instead.
 * Neither changes what a query answers.
 */
export function forGrafbase(sdl: string): string {
  const document = parse(sdl);
  const inaccessible = inaccessibleDirectiveName(document);
  const hidden = new Set<string>();
  for (const definition of document.definitions) {
    if (definition.kind === Kind.INPUT_OBJECT_TYPE_DEFINITION && definition.directives?.some((directive) => directive.name.value === inaccessible)) hidden.add(definition.name.value);
  }
  let changed = false;
  const rewritten = visit(document, {
    enter(node) {
      let next = node as typeof node & { description?: StringValueNode; directives?: readonly ConstDirectiveNode[] };
      if (next.description?.block && next.description.value.length < 6) next = { ...next, description: { ...next.description, block: false } };
      if (next.kind === Kind.INPUT_VALUE_DEFINITION && hidden.has(namedType((next as InputValueDefinitionNode).type)) && !next.directives?.some((directive) => directive.name.value === inaccessible)) {
        next = { ...next, directives: [...(next.directives ?? []), { kind: Kind.DIRECTIVE, name: { kind: Kind.NAME, value: inaccessible }, arguments: [] }] };
      }
      if (next === node) return undefined;
      changed = true;
      return next;
    },
  });
  return changed ? print(rewritten) : sdl;
}

/** `inaccessible` when the schema's federation link imports it, else its namespaced name. */
function inaccessibleDirectiveName(document: DocumentNode): string {
  const imports = /import:\s*\[[^\]]*"@inaccessible"/;
  return document.definitions.some((definition) => definition.kind === Kind.SCHEMA_DEFINITION || definition.kind === Kind.SCHEMA_EXTENSION ? imports.test(print(definition)) : false) ? 'inaccessible' : 'federation__inaccessible';
}

function namedType(type: TypeNode): string {
  return type.kind === Kind.NAMED_TYPE ? type.name.value : namedType(type.type);
}

/** A subgraph's own SDL (`_service { sdl }`), asked with the gateway secret. */
async function subgraphSdl(url: string, secret: string): Promise<string> {
  const response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', [SECRET_HEADER]: secret }, body: JSON.stringify({ query: '{ _service { sdl } }' }) });
  const body = (await response.json()) as { data?: { _service?: { sdl?: string } }; errors?: unknown };
  const sdl = body.data?._service?.sdl;
  if (!sdl) throw new Error(`no SDL from ${url}: ${JSON.stringify(body.errors)}`);
  return sdl;
}

/** The version a binary reports (`grafbase --version`). */
export function binaryVersion(binary: string): string {
  return readFileSync(join(binary, '..', 'package.json'), 'utf8').match(/"version":\s*"([^"]+)"/)?.[1] ?? '?';
}
