import * as apolloTelemetry from '@apollo/gateway/dist/utilities/opentelemetry';
import { startGateway, withoutVendorTelemetry } from './gateway';

describe('the gateway and Apollo’s usage telemetry', () => {
  it('starts without Apollo Gateway’s host telemetry exporter (nothing is sent to Apollo)', async () => {
    const before = process.env.APOLLO_TELEMETRY_DISABLED;
    delete process.env.APOLLO_TELEMETRY_DISABLED;
    const exporter = jest.spyOn(apolloTelemetry, 'createDataCollectionExporter');
    const gateway = await startGateway({ port: 0 });
    try {
      expect(exporter).not.toHaveBeenCalled();
    } finally {
      await gateway.stop();
      exporter.mockRestore();
      if (before === undefined) delete process.env.APOLLO_TELEMETRY_DISABLED;
      else process.env.APOLLO_TELEMETRY_DISABLED = before;
    }
  });

  it('leaves the choice to an operator who sets APOLLO_TELEMETRY_DISABLED', () => {
    const allowed: NodeJS.ProcessEnv = { APOLLO_TELEMETRY_DISABLED: 'false' };
    withoutVendorTelemetry(allowed);
    expect(allowed.APOLLO_TELEMETRY_DISABLED).toBe('false');
    const unset: NodeJS.ProcessEnv = {};
    withoutVendorTelemetry(unset);
    expect(unset.APOLLO_TELEMETRY_DISABLED).toBe('true');
  });
});
