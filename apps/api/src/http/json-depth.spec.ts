import { exceedsDepth } from './json-depth';

describe(exceedsDepth.name, () => {
  const nested = (depth: number): unknown => {
    let value: unknown = 1;
    for (let i = 0; i < depth; i++) value = i % 2 ? [value] : { a: value };
    return value;
  };

  it.each([
    [null, 0, false],
    ['text', 0, false],
    [{}, 1, false],
    [{ query: 'list pods', execute: true }, 1, false],
    [nested(32), 32, false],
    [nested(33), 32, true],
    [nested(100_000), 32, true],
  ])('judges %#', (value, maxDepth, expected) => {
    expect(exceedsDepth(value, maxDepth)).toBe(expected);
  });
});
