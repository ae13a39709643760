// Dependency rules (STYLE §1, issue 14) checked by `npm run lint` (scripts/check-dependencies.mjs,
// which adds the cycles between libs): libs through their front door, no cycles, no lib → app or
// app → app, and production code never reaches test support.

/** Test support: whole libs, test folders and kits, fakes, and the spec files themselves. */
const testSupport = [
  '^libs/(testing|analytics-oracle|discord-fake)/',
  '(^|/)test/',
  '/testing/',
  '(^|/)fakes?/',
  '-fake\\.ts$',
  '-test-kit\\.ts$',
  '-fixtures\\.ts$',
  '\\.(spec|int-spec|e2e-spec)\\.ts$',
];

/**
 * Code that may use test support: specs, test/, bench/, tools/, the test-support libs, and the
 * local simulators (apps/discord-sim serves the Discord REST fake; apps/kaltura-sim has its own
 * test hooks). Everything else under apps/ and libs/ is production.
 */
const mayUseTestSupport = [
  ...testSupport,
  '^(bench|tools|test)/',
  '^apps/(discord-sim|kaltura-sim)/',
];

/** What a production process starts from: the apps' entries and the CLIs built into dist/. */
const productionEntries = [
  '^apps/(api|bot|notifier|projector)/src/main\\.ts$',
  '^libs/[^/]+/src/cli/[^/]+\\.ts$',
];

module.exports = {
  forbidden: [
    {
      name: 'no-module-cycles',
      severity: 'error',
      comment: 'No import cycle between modules at run time (type-only imports are erased).',
      from: {},
      to: { circular: true, viaOnly: { dependencyTypesNot: ['type-only'] } },
    },
    {
      name: 'production-not-to-test-support',
      severity: 'error',
      comment:
        'Production code never imports test support (libs/testing, the oracle, fakes, kits).',
      from: { path: '^(apps|libs)/', pathNot: mayUseTestSupport },
      to: { path: testSupport },
    },
    {
      name: 'production-entries-never-reach-test-support',
      severity: 'error',
      comment:
        "Nothing an app's entry or a CLI loads reaches test support, so dist/ runs without it.",
      from: { path: productionEntries, pathNot: testSupport },
      to: { path: testSupport, reachable: true },
    },
    {
      name: 'no-lib-to-app',
      severity: 'error',
      comment:
        'Libs never import apps (a spec may start a simulator app: it is the test peer, not a dependency).',
      from: { path: '^libs/', pathNot: '\\.(spec|int-spec|e2e-spec)\\.ts$' },
      to: { path: '^apps/' },
    },
    {
      name: 'no-lib-to-app-spec',
      severity: 'error',
      comment: 'A lib spec may use only the simulator apps (kaltura-sim, discord-sim).',
      from: { path: '^libs/.*\\.(spec|int-spec|e2e-spec)\\.ts$' },
      to: { path: '^apps/', pathNot: '^apps/(kaltura-sim|discord-sim)/' },
    },
    {
      name: 'no-app-to-app',
      severity: 'error',
      comment: 'Apps never import other apps.',
      from: { path: '^apps/([^/]+)/' },
      to: { path: '^apps/', pathNot: '^apps/$1/' },
    },
    {
      name: 'lib-front-door-only',
      severity: 'error',
      comment:
        'Another lib is imported through its front door, @kd/<lib> (libs/<lib>/src/index.ts).',
      from: { path: '^libs/([^/]+)/' },
      to: { path: '^libs/', pathNot: ['^libs/$1/', '^libs/[^/]+/src/index\\.ts$'] },
    },
    {
      name: 'front-door-only-outside-libs',
      severity: 'error',
      comment: 'Apps, bench, tools and test import libs through @kd/<lib> only.',
      from: { path: '^(apps|bench|tools|test)/' },
      to: { path: '^libs/', pathNot: '^libs/[^/]+/src/index\\.ts$' },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '(^|/)(node_modules|dist|coverage)/' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: { extensions: ['.ts', '.js'] },
    skipAnalysisNotInRules: true,
  },
};
