/** Version of the tracehound.v1 schema this code was generated from; the Handshake compares majors. */
export const SCHEMA_VERSION = '1.0.0'

export const majorOf = (version: string): string => version.split('.', 1)[0] ?? ''
