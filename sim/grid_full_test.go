//go:build fullgrid

package sim

// fullGrid selects the full validation grids: go test -tags fullgrid.
const fullGrid = true
