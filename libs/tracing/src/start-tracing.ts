import { markTracingEnabled, tracingEnabled } from './tracing-state.js';
import { tracePgQueries } from './pg-tracing.js';
import { redactUrl } from './redact-url.js';

export interface TracingHandle {
  /** Exports every span ended so far. */
  flush(): Promise<void>;
  /** Exports what is still buffered and stops the SDK. */
  shutdown(): Promise<void>;
}

export interface StartTracingOptions {
  /** Used as `service.name` unless OTEL_SERVICE_NAME says otherwise. */
  service: string;
  env?: NodeJS.ProcessEnv;
}

/**
 * Starts OpenTelemetry when `OTEL_EXPORTER_OTLP_ENDPOINT` (or its traces variant) is set, and does
 * nothing otherwise: the SDK is not even loaded. The standard `OTEL_*` variables apply (sampler,
 * batch processor, headers, resource attributes); spans go out as OTLP/HTTP JSON. Client spans
 * come from the maintained undici instrumentation (Discord and Kaltura HTTP calls; it works from
 * diagnostics channels, so also under ESM) and from our PostgreSQL query wrapper.
 */
export async function startTracing({
  service,
  env = process.env,
}: StartTracingOptions): Promise<TracingHandle | undefined> {
  const endpoint = env.OTEL_EXPORTER_OTLP_TRACES_ENDPOINT ?? env.OTEL_EXPORTER_OTLP_ENDPOINT;
  if (!endpoint || env.OTEL_SDK_DISABLED === 'true' || tracingEnabled()) return undefined;
  const [{ NodeTracerProvider }, { BatchSpanProcessor }, { OTLPTraceExporter }, resources] =
    await Promise.all([
      import('@opentelemetry/sdk-trace-node'),
      import('@opentelemetry/sdk-trace-base'),
      import('@opentelemetry/exporter-trace-otlp-http'),
      import('@opentelemetry/resources'),
    ]);
  const { registerInstrumentations } = await import('@opentelemetry/instrumentation');
  const { UndiciInstrumentation } = await import('@opentelemetry/instrumentation-undici');
  const resource = resources
    .resourceFromAttributes({ 'service.name': service })
    .merge(resources.detectResources({ detectors: [resources.envDetector] }));
  const provider = new NodeTracerProvider({
    resource,
    spanProcessors: [new BatchSpanProcessor(new OTLPTraceExporter())],
  });
  provider.register();
  registerInstrumentations({
    tracerProvider: provider,
    instrumentations: [
      new UndiciInstrumentation({
        requireParentforSpans: true,
        // The instrumentation records the URL at start; overwrite it before any export.
        requestHook: (span, request) => {
          const url = redactUrl(`${request.origin}${request.path}`);
          span.setAttribute('url.full', url);
          span.setAttribute('url.path', new URL(url).pathname);
          const query = new URL(url).search.slice(1);
          if (query) span.setAttribute('url.query', query);
        },
      }),
    ],
  });
  await tracePgQueries();
  markTracingEnabled(true, env.OTEL_TRACES_SAMPLER?.trim() || undefined);
  return {
    flush: () => provider.forceFlush(),
    shutdown: async () => {
      markTracingEnabled(false);
      await provider.shutdown();
    },
  };
}
