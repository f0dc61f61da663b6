export type OutputStream = 'stdout' | 'stderr';

/**
 * Keeps at most `limit` bytes of stdout and stderr together (one budget, so memory per run is
 * bounded by the limit whatever the mix); later bytes are dropped, not buffered.
 */
export class BoundedOutput {
  private readonly chunks: Record<OutputStream, Buffer[]> = { stdout: [], stderr: [] };
  private kept = 0;
  private overflowed = false;

  constructor(private readonly limit: number) {}

  /** True once some output had to be dropped. */
  get truncated(): boolean {
    return this.overflowed;
  }

  /** Keeps what fits of `chunk`; returns false once the limit has been exceeded. */
  append(stream: OutputStream, chunk: Buffer): boolean {
    if (this.overflowed) return false;
    const room = this.limit - this.kept;
    if (chunk.length <= room) {
      this.chunks[stream].push(chunk);
      this.kept += chunk.length;
      return true;
    }
    // Copy the part that fits so the rest of the chunk can be collected.
    if (room > 0) this.chunks[stream].push(Buffer.from(chunk.subarray(0, room)));
    this.kept = this.limit;
    this.overflowed = true;
    return false;
  }

  text(stream: OutputStream): string {
    return Buffer.concat(this.chunks[stream]).toString('utf8');
  }
}
