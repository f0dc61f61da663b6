import { BoundedOutput } from './bounded-output';

describe(BoundedOutput.name, () => {
  it('keeps everything below the limit', () => {
    const sut = new BoundedOutput(10);
    expect(sut.append('stdout', Buffer.from('abc'))).toBe(true);
    expect(sut.append('stderr', Buffer.from('err'))).toBe(true);
    expect([sut.text('stdout'), sut.text('stderr'), sut.truncated]).toEqual(['abc', 'err', false]);
  });

  it('is not truncated when the output is exactly the limit', () => {
    const sut = new BoundedOutput(6);
    sut.append('stdout', Buffer.from('abcdef'));
    expect(sut.truncated).toBe(false);
  });

  it('shares one budget between stdout and stderr and cuts at the exact byte', () => {
    const sut = new BoundedOutput(8);
    sut.append('stdout', Buffer.from('12345'));
    expect(sut.append('stderr', Buffer.from('abcdef'))).toBe(false);
    expect(sut.text('stdout')).toBe('12345');
    expect(sut.text('stderr')).toBe('abc');
    expect(sut.truncated).toBe(true);
  });

  it('drops everything after the limit was passed', () => {
    const sut = new BoundedOutput(4);
    sut.append('stdout', Buffer.from('12345'));
    expect(sut.append('stdout', Buffer.from('more'))).toBe(false);
    expect(sut.append('stderr', Buffer.from('x'))).toBe(false);
    expect(sut.text('stdout')).toBe('1234');
    expect(sut.text('stderr')).toBe('');
  });

  it('decodes multi-byte characters split across chunks', () => {
    const sut = new BoundedOutput(100);
    const bytes = Buffer.from('naïve ✓');
    sut.append('stdout', bytes.subarray(0, 3));
    sut.append('stdout', bytes.subarray(3));
    expect(sut.text('stdout')).toBe('naïve ✓');
  });
});
