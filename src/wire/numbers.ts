/** JS numbers → protobuf 64-bit integers. */

/** Clamps to a non-negative integer: uint64 fields cannot carry fractions or negatives. */
export const u64 = (n: number): bigint => BigInt(Math.max(0, Math.trunc(n)))
export const i64 = (n: number): bigint => BigInt(Math.trunc(n))
