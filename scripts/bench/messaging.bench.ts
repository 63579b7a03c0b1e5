import type { BenchSuite } from './types';
import { timeMedian } from './stats';

// Placeholder suite proving the runner works: JSON round trip of a turn-sized message, the
// cost every content-script ↔ background message pays, against structuredClone as baseline.
const suite: BenchSuite = {
  title: 'Messaging payload serialisation',
  async run() {
    const payload = { text: '你好，世界 hello world '.repeat(2000), seq: 1 };
    const time = (fn: () => unknown) => timeMedian(50, fn);
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
