#!/usr/bin/env node
// Run after `npm install`. This project's machines reach a registry that serves only the Linux
// builds of packages with per-platform optional dependencies (@swc/core-*, @unrs/resolver-binding-*),
// so npm leaves the other platforms out of package-lock.json and `npm ci` then refuses the lock as
// "not in sync" (npm/cli#8805). This adds the missing entries with their os/cpu/libc, which is
// what npm records for them anyway: npm ci skips them on other platforms and never fetches them.
import { readFileSync, writeFileSync } from 'node:fs';

const file = new URL('../package-lock.json', import.meta.url);
const lock = JSON.parse(readFileSync(file, 'utf8'));
const packages = lock.packages;
const added = [];
for (const [path, meta] of Object.entries(packages)) {
  for (const [name, version] of Object.entries(meta.optionalDependencies ?? {})) {
    const key = `node_modules/${name}`;
    if (packages[key] || packages[`${path}/node_modules/${name}`]) continue;
    const match =
      /-(android|darwin|freebsd|linux|openharmony|win32)-(arm64|arm|x64|ia32|ppc64|s390x|loong64|riscv64)(?:-(\w+))?$/.exec(
        name,
      );
    if (!match) continue;
    const [, os, cpu, abi = ''] = match;
    const libc =
      os === 'linux'
        ? abi.startsWith('musl')
          ? ['musl']
          : abi.startsWith('gnu')
            ? ['glibc']
            : undefined
        : undefined;
    packages[key] = {
      version,
      cpu: [cpu],
      ...(meta.dev ? { dev: true } : {}),
      ...(libc ? { libc } : {}),
      optional: true,
      os: [os],
    };
    added.push(`${name}@${version}`);
  }
}
const [root, ...rest] = Object.entries(packages);
lock.packages = Object.fromEntries([root, ...rest.sort(([a], [b]) => a.localeCompare(b))]);
writeFileSync(file, `${JSON.stringify(lock, null, 2)}\n`);
process.stdout.write(
  added.length
    ? `added ${added.length} platform entries: ${added.join(', ')}\n`
    : 'package-lock.json already complete\n',
);
