// e2e tests run the built apps as processes: build first when dist/ is older than the sources.
// (CommonJS on purpose: Jest loads global setup files outside its ESM runtime.)
const { execSync } = require('node:child_process');
const { existsSync, statSync, readdirSync, writeFileSync } = require('node:fs');
const { join } = require('node:path');

function newestMtime(dir) {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) newest = Math.max(newest, newestMtime(path));
    else if (entry.name.endsWith('.ts')) newest = Math.max(newest, statSync(path).mtimeMs);
  }
  return newest;
}

module.exports = async function buildOnce() {
  const root = join(__dirname, '..');
  const stamp = join(root, 'dist', '.build-stamp');
  const sources = Math.max(newestMtime(join(root, 'apps')), newestMtime(join(root, 'libs')));
  if (existsSync(stamp) && statSync(stamp).mtimeMs >= sources) return;
  execSync('npm run -s build', { cwd: root, stdio: 'inherit' });
  writeFileSync(stamp, new Date().toISOString());
};
