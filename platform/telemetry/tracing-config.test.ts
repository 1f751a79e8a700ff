import { tracingConfigFromEnv } from './tracing-config';

describe('tracingConfigFromEnv', () => {
  it('is off without an endpoint, and when the SDK or the exporter is turned off', () => {
    expect(tracingConfigFromEnv({})).toBeUndefined();
    expect(tracingConfigFromEnv({ OTEL_SERVICE_NAME: 'gateway', OTEL_TRACES_SAMPLER: 'always_on' })).toBeUndefined();
    expect(tracingConfigFromEnv({ OTEL_EXPORTER_OTLP_ENDPOINT: 'http://collector:4318', OTEL_SDK_DISABLED: 'true' })).toBeUndefined();
    expect(tracingConfigFromEnv({ OTEL_EXPORTER_OTLP_ENDPOINT: 'http://collector:4318', OTEL_TRACES_EXPORTER: 'none' })).toBeUndefined();
  });

  it('reads the standard variables: the base endpoint gets /v1/traces, protobuf and parent-based sampling by default', () => {
    expect(tracingConfigFromEnv({ OTEL_EXPORTER_OTLP_ENDPOINT: 'http://collector.monitoring:4318/' })).toEqual({
      endpoint: 'http://collector.monitoring:4318/v1/traces',
      protocol: 'http/protobuf',
      headers: {},
      timeoutMs: 10_000,
      sampler: { name: 'parentbased_always_on', ratio: 1 },
      resourceAttributes: {},
    });
    expect(
      tracingConfigFromEnv({
        OTEL_EXPORTER_OTLP_ENDPOINT: 'http://ignored:4318',
        OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: 'https://collector.city.example/otlp/traces',
        OTEL_EXPORTER_OTLP_PROTOCOL: 'http/json',
        OTEL_EXPORTER_OTLP_HEADERS: 'api-key=a%20b,tenant=graph',
        OTEL_EXPORTER_OTLP_TRACES_HEADERS: 'tenant=city',
        OTEL_EXPORTER_OTLP_TIMEOUT: '5000',
        OTEL_SERVICE_NAME: 'health',
        OTEL_TRACES_SAMPLER: 'parentbased_traceidratio',
        OTEL_TRACES_SAMPLER_ARG: '0.25',
        OTEL_RESOURCE_ATTRIBUTES: 'deployment.environment=production, service.namespace=resident-graph',
      }),
    ).toEqual({
      serviceName: 'health',
      endpoint: 'https://collector.city.example/otlp/traces',
      protocol: 'http/json',
      headers: { 'api-key': 'a b', tenant: 'city' },
      timeoutMs: 5000,
      sampler: { name: 'parentbased_traceidratio', ratio: 0.25 },
      resourceAttributes: { 'deployment.environment': 'production', 'service.namespace': 'resident-graph' },
    });
  });

  it("stops the start on a value it cannot honour, naming the variable but not a header's value", () => {
    const on = { OTEL_EXPORTER_OTLP_ENDPOINT: 'http://collector:4318' };
    expect(() => tracingConfigFromEnv({ OTEL_EXPORTER_OTLP_ENDPOINT: 'collector:4318' })).toThrow('configuration OTEL_EXPORTER_OTLP_ENDPOINT: must be an http(s) URL');
    expect(() => tracingConfigFromEnv({ ...on, OTEL_EXPORTER_OTLP_PROTOCOL: 'grpc' })).toThrow(/OTEL_EXPORTER_OTLP_PROTOCOL: grpc is not supported/);
    expect(() => tracingConfigFromEnv({ ...on, OTEL_EXPORTER_OTLP_TRACES_PROTOCOL: 'thrift' })).toThrow(/OTEL_EXPORTER_OTLP_TRACES_PROTOCOL: must be/);
    expect(() => tracingConfigFromEnv({ ...on, OTEL_TRACES_SAMPLER: 'sometimes' })).toThrow(/OTEL_TRACES_SAMPLER: must be one of/);
    expect(() => tracingConfigFromEnv({ ...on, OTEL_TRACES_SAMPLER: 'traceidratio', OTEL_TRACES_SAMPLER_ARG: '2' })).toThrow(/OTEL_TRACES_SAMPLER_ARG: must be a ratio/);
    expect(() => tracingConfigFromEnv({ ...on, OTEL_TRACES_EXPORTER: 'zipkin' })).toThrow(/OTEL_TRACES_EXPORTER: must be otlp or none/);
    expect(() => tracingConfigFromEnv({ ...on, OTEL_EXPORTER_OTLP_TIMEOUT: 'soon' })).toThrow(/OTEL_EXPORTER_OTLP_TIMEOUT/);
    const bad = (): unknown => tracingConfigFromEnv({ ...on, OTEL_EXPORTER_OTLP_HEADERS: 'api-key=secret-value,oops' });
    expect(bad).toThrow('configuration OTEL_EXPORTER_OTLP_HEADERS: entry 2 must be key=value');
    expect(bad).not.toThrow(/secret-value/);
  });
});
