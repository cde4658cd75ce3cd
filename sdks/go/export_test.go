package tracehound

// StreamsOpened is how many InterceptStreams c has opened (0 on the unary path).
func StreamsOpened(c *Client) uint64 {
	if c.mux == nil {
		return 0
	}
	c.mux.mu.Lock()
	defer c.mux.mu.Unlock()
	return c.mux.opened
}
