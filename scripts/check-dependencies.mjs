// `npm run lint`'s dependency check: dependency-cruiser validates the module rules of
// .dependency-cruiser.cjs (front doors, libs ↛ apps, production ↛ test support, module cycles);
// this script adds what a module graph cannot say by itself, cycles between libs (and apps).
// A lib's spec files are left out of the lib graph: a spec may use a lib that uses its own.
import { execFileSync } from 'node:child_process';

const roots = ['apps', 'libs', 'bench', 'tools', 'test'];
const spec = /\.(spec|int-spec|e2e-spec)\.ts$/;

const json = execFileSync(
  'npx',
  ['depcruise', '--config', '.dependency-cruiser.cjs', '-T', 'json', ...roots],
  { encoding: 'utf8', maxBuffer: 1 << 28 },
);
const { modules, summary } = JSON.parse(json);

const problems = summary.violations
  .filter((v) => v.rule.severity === 'error')
  .map(
    (v) =>
      `${v.rule.name}: ${v.from} → ${v.to}${v.cycle ? ` (cycle ${v.cycle.map((c) => c.name ?? c).join(' → ')})` : ''}`,
  );

/** libs/<name> or apps/<name> of a path, or undefined outside them. */
const packageOf = (path) => /^((?:libs|apps)\/[^/]+)\//.exec(path)?.[1];
const edges = new Map();
for (const m of modules) {
  const from = packageOf(m.source);
  if (!from || spec.test(m.source)) continue;
  for (const d of m.dependencies) {
    const to = packageOf(d.resolved);
    if (to && to !== from) edges.set(from, new Set([...(edges.get(from) ?? []), to]));
  }
}
const reported = new Set();
for (const start of edges.keys()) {
  const path = findCycle(start);
  if (!path) continue;
  const key = [...path].sort().join();
  if (!reported.has(key)) problems.push(`no-lib-cycles: ${path.join(' → ')} → ${path[0]}`);
  reported.add(key);
}

/** A cycle through `start`, as the packages on it, or undefined. */
function findCycle(start) {
  const stack = [[start, [start]]];
  const seen = new Set();
  while (stack.length > 0) {
    const [at, path] = stack.pop();
    for (const next of edges.get(at) ?? []) {
      if (next === start) return path;
      if (!seen.has(next)) {
        seen.add(next);
        stack.push([next, [...path, next]]);
      }
    }
  }
  return undefined;
}

for (const problem of problems) process.stderr.write(`  error ${problem}\n`);
process.stdout.write(
  `dependencies: ${summary.totalCruised} modules, ${summary.totalDependenciesCruised} imports, ` +
    `${problems.length} violations\n`,
);
process.exitCode = problems.length > 0 ? 1 : 0;
