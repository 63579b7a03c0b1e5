import type { BenchSuite } from './types';

// Placeholder suite proving the runner works: JSON round trip of a turn-sized message, the
// cost every content-script ↔ background message pays, against structuredClone as baseline.
const suite: BenchSuite = {
  title: 'Messaging payload serialisation',
  async run() {
    const payload = { text: '你好，世界 hello world '.repeat(2000), seq: 1 };
    const time = (fn: () => unknown) => {
      const samples: number[] = [];
      for (let i = 0; i < 50; i++) {
        const t = performance.now();
        fn();
        samples.push(performance.now() - t);
      }
      return samples.sort((a, b) => a - b)[25];
    };
    const json = time(() => JSON.parse(JSON.stringify(payload)));
    const clone = time(() => structuredClone(payload));
    return [
      {
        name: 'JSON round trip of a 40 KB draft',
        value: json,
        unit: 'ms',
        baseline: { label: 'structuredClone', value: clone },
        target: '< 5 ms',
        met: json < 5,
      },
    ];
  },
};
export default suite;
