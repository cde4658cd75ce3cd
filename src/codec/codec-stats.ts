/** Running totals shared by the sync and async gzip codecs. */

export interface CodecStats {
  encodeCount: number
  decodeCount: number
  totalInputBytes: number
  totalOutputBytes: number
  /** output over input across all encodes; 0 before the first */
  compressionRatio: number
}

export class CodecCounters {
  private encodes = 0
  private decodes = 0
  private input = 0
  private output = 0

  encoded(inputBytes: number, outputBytes: number): void {
    this.encodes++
    this.input += inputBytes
    this.output += outputBytes
  }

  decoded(): void {
    this.decodes++
  }

  snapshot(): Readonly<CodecStats> {
    return Object.freeze({
      encodeCount: this.encodes,
      decodeCount: this.decodes,
      totalInputBytes: this.input,
      totalOutputBytes: this.output,
      compressionRatio: this.input > 0 ? this.output / this.input : 0,
    })
  }
}
