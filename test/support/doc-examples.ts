import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { Kind, parse, type OperationDefinitionNode } from 'graphql';
import { Client } from 'pg';
import { operationsOf } from '../../gateway/trusted-documents/documents';
import { migrateAndSeed, startStackInProcess, type RunningStack } from '../../scripts/stack';
import { withDatabase } from './global-setup';

/** One example of the docs, where it stands, as written. */
export interface DocExample {
  file: string;
  line: number;
  kind: 'sh' | 'graphql';
  /** The shell block, or the GraphQL operation (one per example, named ones split apart). */
  text: string;
}

const lineAt = (text: string, index: number) => text.slice(0, index).split('\n').length;

function isExecutable(source: string): OperationDefinitionNode[] | null {
  try {
    const document = parse(source);
    if (!document.definitions.every((node) => node.kind === Kind.OPERATION_DEFINITION || node.kind === Kind.FRAGMENT_DEFINITION)) return null;
    const operations = document.definitions.filter((node): node is OperationDefinitionNode => node.kind === Kind.OPERATION_DEFINITION);
    return operations.length ? operations : null;
  } catch {
    return null;
  }
}

/**
 * Every example of a Markdown file, in document order: ```sh blocks that run `curl` or the token
 * command, each operation of the ```graphql blocks, and inline `…` code that is a whole
 * GraphQL document whose root fields are fields of the schema's Query or Mutation
 * (`rootFields`), such as `{ sandboxClock }`. Snippets of a selection are not documents and
 * are not examples.
 */
export function examplesOf(file: string, markdown: string, rootFields: Set<string>): DocExample[] {
  const examples: (DocExample & { at: number })[] = [];
  const fenced = /^```(\w*)\n([\s\S]*?)^```/gm;
  let blanked = markdown;
  for (const match of markdown.matchAll(fenced)) {
    const [whole, language, body] = match;
    blanked = blanked.slice(0, match.index) + ' '.repeat(whole.length) + blanked.slice(match.index! + whole.length);
    const line = lineAt(markdown, match.index!) + 1;
    if (language === 'sh' && /\bcurl\b|npm run -s token/.test(body)) examples.push({ file, line, kind: 'sh', text: body, at: match.index! });
    if (language === 'graphql' && isExecutable(body)) {
      for (const operation of operationsOf(body)) examples.push({ file, line, kind: 'graphql', text: operation.body, at: match.index! });
    }
  }
  for (const match of blanked.matchAll(/`([^`]+)`/g)) {
    const operations = isExecutable(match[1]);
    if (!operations) continue;
    const roots = operations.flatMap((operation) => operation.selectionSet.selections.map((selection) => (selection.kind === Kind.FIELD ? selection.name.value : '')));
    if (!roots.every((name) => rootFields.has(name))) continue;
    for (const operation of operationsOf(match[1])) examples.push({ file, line: lineAt(markdown, match.index!), kind: 'graphql', text: operation.body, at: match.index! });
  }
  return examples.sort((a, b) => a.at - b.at).map(({ at: _at, ...example }) => example);
}

/** A whole stack on a fresh database with the demo tenants (SEED_DEMO), as `npm start` has it. */
export function useDemoStack(): { stack: () => RunningStack } {
  const name = `t_docs_${randomBytes(5).toString('hex')}`;
  let stack: RunningStack | undefined;
  const admin = async (sql: string) => {
    const client = new Client({ connectionString: process.env.TEST_SERVER_URL });
    await client.connect();
    await client.query(sql);
    await client.end();
  };
  beforeAll(async () => {
    await admin(`create database ${name}`);
    const url = withDatabase(process.env.TEST_SERVER_URL!, name);
    await migrateAndSeed(url, { demo: true });
    stack = await startStackInProcess(url);
  });
  afterAll(async () => {
    await stack?.stop();
    await admin(`drop database if exists ${name} with (force)`);
  });
  return { stack: () => stack! };
}

/** Runs a shell example with bash in `cwd`; `npm` runs this project's scripts. */
export function runShell(script: string, options: { cwd: string; root: string; env: Record<string, string> }): Promise<{ code: number; stdout: string; stderr: string }> {
  const prelude = `set -euo pipefail\nnpm() { command npm --prefix "$PROJECT_ROOT" "$@"; }\n`;
  return new Promise((resolve) => {
    execFile(
      'bash',
      ['-c', prelude + script],
      { cwd: options.cwd, env: { PATH: process.env.PATH!, HOME: process.env.HOME ?? options.cwd, PROJECT_ROOT: options.root, ...options.env }, timeout: 60_000 },
      (error, stdout, stderr) => resolve({ code: error ? ((error as { code?: number }).code ?? 1) : 0, stdout, stderr }),
    );
  });
}
