# Sourced by sdks/*/test.sh: tells "the package registry is unreachable" apart from a real failure.
# unreachable LOGFILE → exit 0 when the log shows a transport failure (refused, no route, DNS,
# timeout, proxy, offline mode, lookups disabled), with the first such line on stdout.
unreachable() {
  grep -m1 -E -i 'connection refused|network is unreachable|no such host|name or service not known|temporary failure in name resolution|unknownhost|i/o timeout|timed out|proxyconnect|lookup disabled by GOPROXY=off|in offline mode|could not transfer artifact|failed to establish a new connection|max retries exceeded|could not fetch url' "$1"
}
