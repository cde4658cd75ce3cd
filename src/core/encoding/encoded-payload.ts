/** A gzip-compressed payload with the SHA-256 of its compressed bytes: the unit written to cold storage. */
export interface EncodedPayload {
  readonly compressed: Uint8Array
  /** lowercase hex SHA-256 of `compressed` */
  readonly hash: string
  readonly originalSize: number
  readonly compressedSize: number
}
