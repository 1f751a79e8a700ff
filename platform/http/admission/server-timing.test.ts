import { queueDelayOf, queueDelayServerTiming } from './server-timing';

describe('the queueing delay on Server-Timing', () => {
  it('is written as a queue metric in milliseconds and read back', () => {
    expect(queueDelayServerTiming(12.345)).toBe('queue;dur=12.3');
    expect(queueDelayOf(queueDelayServerTiming(12))).toBe(12);
  });

  it('is found among other metrics, with or without a description', () => {
    expect(queueDelayOf('db;dur=53, queue;dur=7.5')).toBe(7.5);
    expect(queueDelayOf('queue;desc="event loop";dur=4')).toBe(4);
  });

  it('is not taken from another metric, a description or a malformed value', () => {
    expect(queueDelayOf('myqueue;dur=3')).toBeUndefined();
    expect(queueDelayOf('cache;desc="queue";dur=9')).toBeUndefined();
    expect(queueDelayOf('queue;dur=fast')).toBeUndefined();
    expect(queueDelayOf(null)).toBeUndefined();
    expect(queueDelayOf('')).toBeUndefined();
  });
});
