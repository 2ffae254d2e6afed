import { describe, expect, it } from 'vitest';
import { addSample, estimateTimeLeft, type ProgressSample } from './estimate';

describe('time left', () => {
  it('needs a second of progress before estimating', () => {
    expect(estimateTimeLeft([{ at: 0, doneBytes: 0 }], 100)).toBeNull();
    expect(
      estimateTimeLeft(
        [
          { at: 0, doneBytes: 0 },
          { at: 500, doneBytes: 10 },
        ],
        100,
      ),
    ).toBeNull();
  });

  it('extrapolates the rate seen over the window', () => {
    const samples: ProgressSample[] = [
      { at: 0, doneBytes: 0 },
      { at: 2000, doneBytes: 20 },
    ];
    expect(estimateTimeLeft(samples, 100)).toBe(8000);
  });

  it('lets a stall lengthen the estimate, and restarts when progress goes back', () => {
    let samples: ProgressSample[] = [{ at: 0, doneBytes: 0 }];
    samples = addSample(samples, { at: 2000, doneBytes: 20 });
    samples = addSample(samples, { at: 4000, doneBytes: 20 });
    expect(estimateTimeLeft(samples, 100)).toBe(16_000);
    expect(addSample(samples, { at: 5000, doneBytes: 5 })).toEqual([{ at: 5000, doneBytes: 5 }]);
  });

  it('keeps a sliding window', () => {
    let samples: ProgressSample[] = [];
    for (let i = 0; i < 20; i += 1) samples = addSample(samples, { at: i * 1000, doneBytes: i });
    expect(samples).toHaveLength(12);
    expect(samples[0]).toEqual({ at: 8000, doneBytes: 8 });
  });
});
