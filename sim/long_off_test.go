//go:build !long && !fullgrid

package sim

// longCases selects the long statistical cases: go test -tags long (or
// fullgrid, which includes them).
const longCases = false
