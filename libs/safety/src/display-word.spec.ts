import { DISPLAY_WORD_MAX_LENGTH, displayWord } from './display-word';

describe(displayWord.name, () => {
  it.each([
    ['pods', '"pods"'],
    ['', '""'],
    ['a"b', '"a\\"b"'],
    ['a\\b', '"a\\\\b"'],
    ['\n\t\r', '"\\n\\t\\r"'],
    ['\u0000\u001b\u007f', '"\\u0000\\u001b\\u007f"'],
    ['\u200b\u202e\u00a0', '"\\u200b\\u202e\\u00a0"'],
    ['\u0440od', '"\\u0440od"'],
    ['\ud83d\ude00', '"\\ud83d\\ude00"'],
  ])('quotes %j as %s', (word, shown) => {
    expect(displayWord(word)).toBe(shown);
  });

  it('keeps a word of exactly the maximum length whole', () => {
    const word = 'x'.repeat(DISPLAY_WORD_MAX_LENGTH);
    expect(displayWord(word)).toBe(`"${word}"`);
  });

  it('truncates long words without splitting an escape', () => {
    const shown = displayWord('\u200b'.repeat(100));
    expect(shown.length).toBeLessThanOrEqual(DISPLAY_WORD_MAX_LENGTH + 2);
    expect(shown).toMatch(/^"(\\u200b)+\.\.\."$/);
  });
});
