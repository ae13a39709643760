import { describe, expect, it } from '@jest/globals';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';
import { businessGauges } from '@kd/analytics';

// Grafana does not run on the development machines: check the provisioning files and every
// query offline here; dashboards.e2e-spec.ts runs the same queries against live data.
const root = join(fileURLToPath(new URL('.', import.meta.url)), '../..');
const grafana = join(root, 'infra/grafana');

interface Ref {
  type: string;
  uid: string;
}
interface Target {
  refId: string;
  datasource?: Ref;
  expr?: string;
  rawSql?: string;
  legendFormat?: string;
}
interface Panel {
  id: number;
  type: string;
  title: string;
  datasource?: Ref;
  gridPos: { x: number; y: number; w: number; h: number };
  fieldConfig?: { defaults?: { unit?: string } };
  targets?: Target[];
  panels?: Panel[];
}
interface Dashboard {
  uid: string;
  title: string;
  schemaVersion: number;
  tags: string[];
  templating: { list: { name: string; datasource?: Ref; definition?: string }[] };
  panels: Panel[];
}

const files = readdirSync(join(grafana, 'dashboards')).filter((f) => f.endsWith('.json'));
const raw = files.map((f) => readFileSync(join(grafana, 'dashboards', f), 'utf8'));
const dashboards = raw.map((text) => JSON.parse(text) as Dashboard);
const panelsOf = (d: Dashboard) => d.panels.flatMap((p) => [p, ...(p.panels ?? [])]);
const queries = dashboards.flatMap((d) =>
  panelsOf(d).flatMap((panel) => (panel.targets ?? []).map((target) => ({ d, panel, target }))),
);
const promql = queries.filter((q) => q.target.expr !== undefined);
const sql = queries.filter((q) => q.target.rawSql !== undefined);
const datasources = (
  parse(readFileSync(join(grafana, 'provisioning/datasources/datasources.yml'), 'utf8')) as {
    datasources: {
      uid: string;
      type: string;
      url: string;
      user?: string;
      jsonData?: Record<string, unknown>;
      secureJsonData?: Record<string, string>;
    }[];
  }
).datasources;

// DESIGN §5 metrics (and what prom-client and Prometheus add), with their own labels.
type Kind = 'counter' | 'gauge' | 'histogram';
const catalogue: Record<string, [Kind, string[]]> = {
  kd_commands_total: ['counter', ['command', 'outcome', 'transport']],
  kd_command_duration_seconds: ['histogram', ['command']],
  kd_http_requests_total: ['counter', ['method', 'route', 'status_class']],
  kd_http_request_duration_seconds: ['histogram', ['method', 'route']],
  kd_kaltura_requests_total: ['counter', ['service', 'action', 'outcome']],
  kd_kaltura_request_duration_seconds: ['histogram', ['service', 'action']],
  kd_discord_requests_total: ['counter', ['route', 'status_class']],
  kd_discord_rate_limited_total: ['counter', ['scope']],
  kd_auth_failures_total: ['counter', ['reason']],
  kd_webhooks_total: ['counter', ['source', 'outcome']],
  kd_meeting_create_duration_seconds: ['histogram', ['outcome']],
  kd_join_url_duration_seconds: ['histogram', ['outcome']],
  kd_config_lookup_duration_seconds: ['histogram', []],
  kd_config_cache_requests_total: ['counter', ['result']],
  kd_events_published_total: ['counter', ['type']],
  kd_event_publish_duration_seconds: ['histogram', []],
  kd_projection_events_total: ['counter', ['projection']],
  kd_projection_lag_events: ['gauge', ['projection']],
  kd_projection_lag_seconds: ['gauge', ['projection']],
  kd_projection_checkpoint_seq: ['gauge', ['projection']],
  kd_projection_dead_letters_total: ['counter', ['projection']],
  kd_projection_batch_duration_seconds: ['histogram', ['projection']],
  kd_dependency_up: ['gauge', ['dependency']],
  // Business gauges (one per DESIGN §4 metric, plus the live ones), exported by the projector.
  kd_command_usage_rate: ['gauge', []],
  kd_unique_users_ratio: ['gauge', ['stat']],
  kd_meeting_creation_rate: ['gauge', []],
  kd_meeting_join_rate: ['gauge', []],
  kd_feature_adoption_ratio: ['gauge', ['scope']],
  kd_weekly_active_servers_ratio: ['gauge', []],
  kd_command_retention_ratio: ['gauge', []],
  kd_meeting_retention_ratio: ['gauge', []],
  kd_server_retention_ratio: ['gauge', []],
  kd_configuration_ratio: ['gauge', []],
  kd_template_customization_ratio: ['gauge', []],
  kd_role_mapping_customization_ratio: ['gauge', []],
  kd_notification_customization_ratio: ['gauge', []],
  kd_installed_guilds: ['gauge', []],
  kd_meetings_live: ['gauge', []],
  kd_meeting_participants_live: ['gauge', []],
  process_cpu_seconds_total: ['counter', []],
  process_resident_memory_bytes: ['gauge', []],
  process_start_time_seconds: ['gauge', []],
  nodejs_heap_size_used_bytes: ['gauge', []],
  nodejs_eventloop_lag_seconds: ['gauge', []],
  nodejs_eventloop_lag_p99_seconds: ['gauge', []],
};
const alertLabels = ['alertname', 'alertstate', 'severity', 'service', 'alert_group'];
/** Exporter metrics (docker compose's exporters): filtered by their scrape job, not by $app. */
const exporters: Record<string, { kind: Kind; labels: string[]; job: string }> = {
  node_cpu_seconds_total: { kind: 'counter', labels: ['cpu', 'mode'], job: 'node' },
  node_memory_MemAvailable_bytes: { kind: 'gauge', labels: [], job: 'node' },
  pg_stat_activity_count: { kind: 'gauge', labels: ['datname', 'state'], job: 'postgres' },
  gnatsd_varz_connections: { kind: 'gauge', labels: ['server_id'], job: 'nats' },
  gnatsd_varz_in_msgs: { kind: 'counter', labels: ['server_id'], job: 'nats' },
};
const builtins: Record<string, { labels: string[]; filter: string }> = {
  up: { labels: ['job', 'instance'], filter: 'job' },
  ALERTS: { labels: [...alertLabels, 'app', 'projection', 'job', 'instance'], filter: 'service' },
};

/** Labels and variable filter of a series name, or undefined for an unknown metric. */
function series(name: string): { labels: string[]; counter: boolean; filter: string } | undefined {
  const builtin = builtins[name];
  if (builtin) return { ...builtin, counter: false };
  const exporter = exporters[name];
  if (exporter)
    return {
      labels: [...exporter.labels, 'job', 'instance'],
      counter: exporter.kind === 'counter',
      filter: `job:${exporter.job}`,
    };
  const target = ['app', 'job', 'instance'];
  const direct = catalogue[name];
  if (direct && direct[0] !== 'histogram')
    return { labels: [...direct[1], ...target], counter: direct[0] === 'counter', filter: 'app' };
  const [, base, suffix] = /^(.+)_(bucket|count|sum)$/.exec(name) ?? [];
  const histogram = base ? catalogue[base] : undefined;
  if (!histogram || histogram[0] !== 'histogram') return undefined;
  const le = suffix === 'bucket' ? ['le'] : [];
  return { labels: [...histogram[1], ...target, ...le], counter: true, filter: 'app' };
}

interface Token {
  kind: 'string' | 'range' | 'ident' | 'number' | 'op';
  text: string;
}
const tokenPattern =
  /\s*(?:("(?:[^"\\]|\\.)*")|(\[[^\]]*\])|([A-Za-z_:][\w:]*)|(\d+(?:\.\d+)?)|(=~|!~|!=|==|>=|<=|[(){},=<>+\-*/^%]))\s*/y;
const kinds = ['string', 'range', 'ident', 'number', 'op'] as const;

function tokenize(expr: string): Token[] {
  const tokens: Token[] = [];
  tokenPattern.lastIndex = 0;
  while (tokenPattern.lastIndex < expr.length) {
    const at = tokenPattern.lastIndex;
    const match = tokenPattern.exec(expr);
    if (!match) throw new Error(`unexpected "${expr.slice(at, at + 10)}" in ${expr}`);
    const group = match.slice(1).findIndex((g) => g !== undefined);
    tokens.push({ kind: kinds[group]!, text: match[group + 1]! });
  }
  return tokens;
}

const functions = new Set(['sum', 'min', 'max', 'avg', 'count', 'rate', 'increase', 'irate']);
functions.add('histogram_quantile').add('vector');
const grouping = new Set(['by', 'without', 'on', 'ignoring', 'group_left', 'group_right']);
const binary = new Set(['and', 'or', 'unless', 'bool']);

interface Selector {
  metric: string;
  matchers: Record<string, string>;
  at: number;
}
interface Analysis {
  selectors: Selector[];
  groupings: { labels: string[]; at: number }[];
  calls: { name: string; at: number; end: number }[];
}

/** A small PromQL reader: enough to find selectors, groupings and calls, and to reject typos. */
function analyse(expr: string): Analysis {
  const tokens = tokenize(expr);
  const result: Analysis = { selectors: [], groupings: [], calls: [] };
  const closing = (from: number, open: string, close: string): number => {
    let depth = 0;
    for (let i = from; i < tokens.length; i++) {
      if (tokens[i]!.text === open) depth++;
      if (tokens[i]!.text === close && --depth === 0) return i;
    }
    throw new Error(`unbalanced "${open}" in ${expr}`);
  };
  const stack: string[] = [];
  for (const { text } of tokens) {
    if (text === '(' || text === '{') stack.push(text === '(' ? ')' : '}');
    if ((text === ')' || text === '}') && stack.pop() !== text)
      throw new Error(`unbalanced "${text}" in ${expr}`);
  }
  if (stack.length > 0) throw new Error(`unclosed "${stack.join('')}" in ${expr}`);
  for (let i = 0; i < tokens.length; i++) {
    const { kind, text } = tokens[i]!;
    const next = tokens[i + 1]?.text;
    if (kind !== 'ident' || binary.has(text)) continue;
    if (grouping.has(text)) {
      if (next !== '(') continue;
      const end = closing(i + 1, '(', ')');
      const labels = tokens.slice(i + 2, end).filter((t) => t.kind === 'ident');
      result.groupings.push({ labels: labels.map((t) => t.text), at: i });
      i = end;
    } else if (next === '(' || (functions.has(text) && grouping.has(next ?? ''))) {
      if (!functions.has(text)) throw new Error(`unknown function ${text} in ${expr}`);
      // `sum by (le) (…)`: the argument list follows the grouping.
      const open = next === '(' ? i + 1 : closing(i + 2, '(', ')') + 1;
      result.calls.push({ name: text, at: i, end: closing(open, '(', ')') });
    } else {
      const selector: Selector = { metric: text, matchers: {}, at: i };
      if (next === '{') {
        const end = closing(i + 1, '{', '}');
        for (let j = i + 2; j < end; j += 4) {
          const [label, op, value] = tokens.slice(j, j + 3);
          if (label?.kind !== 'ident' || value?.kind !== 'string')
            throw new Error(`bad matcher in ${expr}`);
          selector.matchers[label.text] = `${op!.text}${value.text}`;
        }
        i = end;
      }
      result.selectors.push(selector);
    }
  }
  return result;
}

/** Views evaluated as of now over a fixed window (or all time): no time column to filter on. */
const asOfViews = new Set([
  'engagement_summary',
  'retention_summary',
  'customization_summary',
  'stickiness',
  'feature_usage',
]);
/** Time-indexed views and the columns the dashboard time range may filter them on. */
const timeColumns: Record<string, string[]> = {
  event_log: ['occurred_at'],
  guild_daily_activity: ['day'],
  cohort_retention: ['cohort_week'],
  guild_lifecycle: ['week'],
  meetings: ['created_at', 'ended_at'],
  guild_config_changes: ['occurred_at'],
};

const problemsOf = (check: (q: (typeof promql)[number], a: Analysis) => string[]) =>
  promql.flatMap((q) =>
    check(q, analyse(q.target.expr!)).map((p) => `${q.d.uid} / ${q.panel.title}: ${p}`),
  );

describe('Grafana provisioning', () => {
  it('provisions Prometheus, and PostgreSQL as the read-only analytics user with its password from the environment', () => {
    const byUid = Object.fromEntries(datasources.map((d) => [d.uid, d]));
    expect(Object.keys(byUid).sort()).toEqual(['jaeger', 'postgres', 'prometheus']);
    expect(byUid.prometheus).toMatchObject({ type: 'prometheus', url: 'http://prometheus:9090' });
    expect(byUid.postgres).toMatchObject({
      type: 'postgres',
      url: 'postgres:5432',
      user: 'kd_analytics',
      jsonData: { database: 'kaltura_discord', sslmode: 'disable' },
      secureJsonData: { password: '$KD_ANALYTICS_PASSWORD' },
    });
  });

  it('loads the dashboards from the folder docker compose mounts them in', () => {
    const file = readFileSync(join(grafana, 'provisioning/dashboards/dashboards.yml'), 'utf8');
    const { providers } = parse(file) as {
      providers: { type: string; options: { path: string } }[];
    };
    expect(providers).toEqual([
      expect.objectContaining({
        type: 'file',
        options: expect.objectContaining({ path: '/var/lib/grafana/dashboards' }),
      }),
    ]);
    const compose = parse(readFileSync(join(root, 'docker-compose.yml'), 'utf8'), {
      merge: true,
    }) as {
      services: Record<string, { volumes?: string[]; environment?: Record<string, string> }>;
    };
    expect(compose.services.grafana?.volumes).toEqual(
      expect.arrayContaining([
        './infra/grafana/provisioning:/etc/grafana/provisioning:ro',
        './infra/grafana/dashboards:/var/lib/grafana/dashboards:ro',
      ]),
    );
    expect(compose.services.grafana?.environment?.KD_ANALYTICS_PASSWORD).toBeDefined();
  });
});

describe('Grafana dashboards', () => {
  it('has the operations, event pipeline, alerts and business dashboards, each with a uid and no numeric id', () => {
    expect(files.sort()).toEqual([
      'alerts.json',
      'business.json',
      'event-pipeline.json',
      'operations.json',
    ]);
    expect(dashboards.map((d) => d.uid).sort()).toEqual([
      'kd-alerts',
      'kd-business',
      'kd-event-pipeline',
      'kd-operations',
    ]);
    for (const d of dashboards) {
      expect(d).not.toHaveProperty('id');
      expect(d.schemaVersion).toBe(39);
      expect(d.tags).toContain('kaltura-discord');
    }
  });

  it('offers the app variable on every dashboard, fed by Prometheus', () => {
    for (const d of dashboards)
      expect(d.templating.list.find((v) => v.name === 'app')).toMatchObject({
        datasource: { type: 'prometheus', uid: 'prometheus' },
        definition: 'label_values(process_start_time_seconds, app)',
      });
  });

  it('gives every panel a unique id and its own place on the 24-column grid', () => {
    for (const d of dashboards) {
      const panels = panelsOf(d);
      expect(new Set(panels.map((p) => p.id)).size).toBe(panels.length);
      const cells = new Set<string>();
      for (const { gridPos: g, title } of panels) {
        expect({ title, fits: g.x >= 0 && g.w > 0 && g.x + g.w <= 24 }).toEqual({
          title,
          fits: true,
        });
        for (let x = g.x; x < g.x + g.w; x++)
          for (let y = g.y; y < g.y + g.h; y++) {
            expect({ title, overlaps: cells.has(`${x},${y}`) }).toEqual({ title, overlaps: false });
            cells.add(`${x},${y}`);
          }
      }
    }
  });

  it('refers to datasources by the uid and type they are provisioned with', () => {
    const provisioned = new Map(datasources.map((d) => [d.uid, d.type]));
    const refs = dashboards.flatMap((d) => [
      ...d.templating.list.map((v) => v.datasource),
      ...panelsOf(d)
        .filter((p) => p.type !== 'row')
        .flatMap((p) => [p.datasource, ...(p.targets ?? []).map((t) => t.datasource)]),
    ]);
    expect(refs.length).toBeGreaterThan(50);
    for (const ref of refs) expect(provisioned.get(ref?.uid ?? '')).toBe(ref?.type);
  });

  it('gives every chart a unit that fits its query', () => {
    const units = new Set(['s', 'reqps', 'percentunit', 'bytes', 'none']);
    const charts = dashboards
      .flatMap(panelsOf)
      .filter((p) => p.type !== 'row' && p.type !== 'table');
    const expected = (exprs: string, unit: string) =>
      /histogram_quantile\(.*_seconds_bucket/.test(exprs)
        ? 's'
        : /_bytes\{/.test(exprs)
          ? 'bytes'
          : units.has(unit)
            ? unit
            : 'one of s, reqps, percentunit, bytes, none';
    const problems = charts.flatMap(({ title, fieldConfig, targets = [] }) => {
      const unit = fieldConfig?.defaults?.unit ?? '';
      const want = expected(targets.map((t) => t.expr ?? '').join(' '), unit);
      return unit === want ? [] : [`${title}: unit ${unit || '(none)'}, want ${want}`];
    });
    expect(charts.length).toBeGreaterThan(40);
    expect(problems).toEqual([]);
  });
});

describe('dashboard PromQL', () => {
  it('has queries on every chart', () => {
    expect(promql.length).toBeGreaterThanOrEqual(60);
  });

  it('parses every expression: balanced brackets, known functions, well-formed matchers', () => {
    const errors = promql.flatMap(({ target }) => {
      try {
        analyse(target.expr!);
        return [];
      } catch (error) {
        return [(error as Error).message];
      }
    });
    expect(errors).toEqual([]);
  });

  it('rejects the mistakes it looks for', () => {
    expect(() => analyse('sum(rate(kd_http_requests_total[1m])')).toThrow(/unclosed/);
    expect(() => analyse('rat(kd_http_requests_total[1m])')).toThrow(/unknown function rat/);
    expect(() => analyse('up{job=~"$app"')).toThrow(/unclosed/);
    expect(() => analyse('up{job=~}')).toThrow(/bad matcher/);
  });

  it('knows every business gauge by the name and labels the projector exports', () => {
    const exported = businessGauges.map((g) => [g.name, Object.keys(g.labels ?? {})] as const);
    for (const [name, labels] of exported)
      expect({ name, catalogued: catalogue[name] }).toEqual({
        name,
        catalogued: ['gauge', labels],
      });
  });

  it('shows every business gauge on the business dashboard', () => {
    const business = promql.filter((q) => q.d.uid === 'kd-business').map((q) => q.target.expr!);
    for (const { name } of businessGauges)
      expect({ name, shown: business.some((e) => e.includes(`${name}{`)) }).toEqual({
        name,
        shown: true,
      });
  });

  it('uses only DESIGN §5 metrics with the labels they carry', () => {
    const problems = problemsOf((_q, { selectors, groupings }) => {
      const known = selectors.map((s) => series(s.metric));
      const labels = new Set(known.flatMap((k) => k?.labels ?? []));
      return [
        ...selectors.filter((_s, i) => !known[i]).map((s) => `unknown metric ${s.metric}`),
        ...selectors.flatMap((s, i) =>
          Object.keys(s.matchers)
            .filter((l) => known[i] && !known[i].labels.includes(l))
            .map((l) => `${s.metric} has no label ${l}`),
        ),
        ...groupings.flatMap((g) =>
          g.labels.filter((l) => !labels.has(l)).map((l) => `no label ${l} to group by`),
        ),
      ];
    });
    expect(problems).toEqual([]);
  });

  it('filters every selector by the app variable', () => {
    const problems = problemsOf((_q, { selectors }) =>
      selectors
        .filter((s) => {
          const filter = series(s.metric)?.filter ?? 'app';
          // An exporter's series: its scrape job (`job:<name>`) instead of the app variable.
          if (filter.startsWith('job:')) return s.matchers.job !== `="${filter.slice(4)}"`;
          return s.matchers[filter] !== '=~"$app"';
        })
        .map((s) => `${s.metric} ignores $app`),
    );
    expect(problems).toEqual([]);
  });

  it('takes rates of counters only, and quantiles of buckets grouped by le', () => {
    const problems = problemsOf((_q, { selectors, groupings, calls }) =>
      calls.flatMap((call) => {
        const inside = <T extends { at: number }>(xs: T[]) =>
          xs.filter((x) => x.at > call.at && x.at < call.end);
        if (['rate', 'increase', 'irate'].includes(call.name))
          return inside(selectors)
            .filter((s) => !series(s.metric)?.counter)
            .map((s) => `${call.name} of non-counter ${s.metric}`);
        if (call.name !== 'histogram_quantile') return [];
        const buckets = inside(selectors).every((s) => s.metric.endsWith('_bucket'));
        const byLe = inside(groupings).some((g) => g.labels.includes('le'));
        return buckets && byLe ? [] : ['histogram_quantile needs _bucket series summed by le'];
      }),
    );
    expect(problems).toEqual([]);
  });

  it('uses only the Grafana variables the live test substitutes, and valid ranges', () => {
    const problems = problemsOf(({ target }) => [
      ...[...target.expr!.matchAll(/\$(\w+)/g)]
        .map((m) => m[1]!)
        .filter((v) => !['app', '__rate_interval', '__range'].includes(v))
        .map((v) => `unknown variable $${v}`),
      ...[...target.expr!.matchAll(/\[([^\]]*)\]/g)]
        .map((m) => m[1]!)
        .filter((r) => !/^(\$__rate_interval|\$__range|\d+[smhd])$/.test(r))
        .map((r) => `bad range [${r}]`),
    ]);
    expect(problems).toEqual([]);
  });

  it('names only labels the query keeps in its legends', () => {
    const problems = problemsOf(({ target }, { selectors, groupings }) => {
      const kept = groupings.length
        ? groupings.flatMap((g) => g.labels)
        : selectors.flatMap((s) => series(s.metric)?.labels ?? []);
      return [...(target.legendFormat ?? '').matchAll(/\{\{\s*(\w+)\s*\}\}/g)]
        .map((m) => m[1]!)
        .filter((l) => !kept.includes(l))
        .map((l) => `legend names ${l}`);
    });
    expect(problems).toEqual([]);
  });
});

describe('dashboard SQL', () => {
  it('reads only analytics views, never the kd tables behind them, and writes nothing', () => {
    expect(sql.length).toBeGreaterThanOrEqual(1);
    for (const { target } of sql) {
      const text = target.rawSql!;
      const relations = [...text.matchAll(/\b(?:from|join)\s+([\w."]+)/gi)].map((m) => m[1]!);
      expect(relations.length).toBeGreaterThan(0);
      for (const relation of relations) expect(relation).toMatch(/^analytics\.\w+$/);
      expect(text).not.toMatch(/\bkd\./);
      expect(text).not.toMatch(/\b(insert|update|delete|drop|alter|create|truncate|grant|copy)\b/i);
    }
  });

  it('limits every query on a time-indexed view to the dashboard time range, by its time column', () => {
    const problems = sql.flatMap(({ panel, target }) => {
      const text = target.rawSql!;
      const views = [...text.matchAll(/\b(?:from|join)\s+analytics\.(\w+)/gi)].map((m) => m[1]!);
      const filtered = [...text.matchAll(/\$__timeFilter\((\w+)\)/g)].map((m) => m[1]!);
      return views.flatMap((view) => {
        if (asOfViews.has(view))
          return filtered.length === 0 ? [] : [`${panel.title}: ${view} has no time column`];
        const columns = timeColumns[view];
        if (!columns) return [`${panel.title}: ${view} is in neither list of this test`];
        return filtered.some((c) => columns.includes(c))
          ? []
          : [`${panel.title}: ${view} needs $__timeFilter(${columns.join(' | ')})`];
      });
    });
    expect(problems).toEqual([]);
  });

  it('reads every DESIGN §4 analyst view on the business dashboard', () => {
    const business = sql.filter((q) => q.d.uid === 'kd-business').map((q) => q.target.rawSql!);
    for (const view of [
      'engagement_summary',
      'retention_summary',
      'customization_summary',
      'guild_daily_activity',
      'cohort_retention',
      'guild_lifecycle',
      'meetings',
    ])
      expect({
        view,
        read: business.some((t) => new RegExp(`analytics\\.${view}\\b`).test(t)),
      }).toEqual({
        view,
        read: true,
      });
  });
});
