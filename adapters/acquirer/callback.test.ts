import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DEFAULT_SERVICE_TOKEN } from '../../legacy/kit';
import { readAcquirerNotification } from './callback';

/** The notification callback as the acquirer simulator sent it (fixtures/callback-deposited.query). */
describe('readAcquirerNotification', () => {
  const recorded = new URLSearchParams(readFileSync(join(__dirname, 'fixtures', 'callback-deposited.query'), 'utf8').trim());

  it('reads the notification and checks its checksum with the merchant secret', () => {
    expect(readAcquirerNotification(recorded, DEFAULT_SERVICE_TOKEN)).toEqual({
      orderId: '69dd6ab0-23ca-4252-a6d1-13fde89841dc',
      orderNumber: 'p-0001',
      operation: 'deposited',
      success: true,
    });
  });

  it('refuses a notification whose checksum does not match, or that has none, when a secret is given', () => {
    expect(readAcquirerNotification(recorded, 'another-secret')).toBeNull();
    const forged = new URLSearchParams(recorded);
    forged.set('orderNumber', 'p-0002');
    expect(readAcquirerNotification(forged, DEFAULT_SERVICE_TOKEN)).toBeNull();
    const unsigned = new URLSearchParams(recorded);
    unsigned.delete('checksum');
    expect(readAcquirerNotification(unsigned, DEFAULT_SERVICE_TOKEN)).toBeNull();
    expect(readAcquirerNotification(unsigned)).toMatchObject({ operation: 'deposited' });
  });

  it('answers null for anything that is not a notification', () => {
    for (const query of ['', 'mdOrder=x', 'mdOrder=x&orderNumber=y&operation=stolen&status=1', 'mdOrder=x&orderNumber=y&operation=deposited&status=2']) {
      expect(readAcquirerNotification(new URLSearchParams(query))).toBeNull();
    }
  });
});
