package project

// ReadsOf is how many times a FindingsCache read its project.
func ReadsOf(c *FindingsCache) int {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.reads
}
