#!/usr/bin/env node
// Renders infra/alertmanager/alertmanager.yml.tmpl with ${VAR}s from the environment (Alertmanager
// does not expand variables itself). Usage: node scripts/render-alertmanager.mjs [out-file]
// Every referenced variable must be set and be an https Discord webhook URL (or http for tests
// when ALERTMANAGER_ALLOW_HTTP=1); otherwise it exits 1 naming each problem.
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const template = readFileSync(join(root, 'infra/alertmanager/alertmanager.yml.tmpl'), 'utf8');
const out = process.argv[2] ?? join(root, 'infra/alertmanager/alertmanager.yml');
const allowHttp = process.env.ALERTMANAGER_ALLOW_HTTP === '1';
const problems = [];
const rendered = template.replace(/\$\{([A-Z0-9_]+)\}/g, (_, name) => {
  const value = process.env[name];
  if (!value) problems.push(`${name} is not set`);
  else if (!(allowHttp ? /^https?:\/\/\S+$/ : /^https:\/\/\S+$/).test(value)) problems.push(`${name} must be an https URL`);
  else if (/['\n]/.test(value)) problems.push(`${name} contains a quote or newline`);
  return value ?? '';
});
if (problems.length > 0) {
  process.stderr.write(`render-alertmanager: ${problems.length} problem(s):\n${problems.map((p) => `  - ${p}`).join('\n')}\n`);
  process.exit(1);
}
writeFileSync(out, rendered);
process.stdout.write(`wrote ${out}\n`);
