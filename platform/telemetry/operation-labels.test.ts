import { OperationLabels, OTHER_OPERATION } from './operation-labels';

describe('OperationLabels', () => {
  const labels = new OperationLabels(['ResidentDashboard', 'MedicalCard']);

  it('keeps a published name, and the published name of a subgraph fetch the gateway named after it', () => {
    expect(labels.label('ResidentDashboard')).toBe('ResidentDashboard');
    expect(labels.label('ResidentDashboard__health__1')).toBe('ResidentDashboard');
    expect(labels.label('MedicalCard__residents__0')).toBe('MedicalCard');
  });

  it('gives every other name, and no name, the one shared label', () => {
    for (const name of ['Snils12345678901', 'Snils12345678901__health__1', 'residentdashboard', undefined, null, '']) expect(labels.label(name)).toBe(OTHER_OPERATION);
  });

  it('reads the committed manifest, and labels everything other without one', () => {
    expect(OperationLabels.published().label('ResidentDashboard')).toBe('ResidentDashboard');
    expect(OperationLabels.published('/nonexistent/manifest.json').label('ResidentDashboard')).toBe(OTHER_OPERATION);
  });
});
