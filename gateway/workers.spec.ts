import { availableParallelism } from 'node:os';
import { gatewayWorkers } from './workers';

describe('gatewayWorkers', () => {
  it('reads --cluster N, --cluster alone (one per CPU), then GATEWAY_WORKERS; 1 otherwise', () => {
    expect(gatewayWorkers([], undefined)).toBe(1);
    expect(gatewayWorkers(['--cluster', '3'], undefined)).toBe(3);
    expect(gatewayWorkers(['--cluster'], undefined)).toBe(availableParallelism());
    expect(gatewayWorkers(['--cluster', '--other'], '2')).toBe(availableParallelism());
    expect(gatewayWorkers([], '4')).toBe(4);
    expect(gatewayWorkers([], 'many')).toBe(1);
    expect(gatewayWorkers([], '0')).toBe(1);
    expect(gatewayWorkers([], '1000')).toBe(64);
  });
});
