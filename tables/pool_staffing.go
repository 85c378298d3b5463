package tables

import (
	"fmt"
	"io"
	"strconv"

	"github.com/svcsim/svcsim/staffing"
)

// PoolStaffing writes the result of sizing a pool: its headcount beside
// the Erlang requirement of the stages' pooled arrivals, the staff cost
// and the targets.
func PoolStaffing(w io.Writer, header string, p *staffing.PoolProblem, res *staffing.Result, currency string) error {
	fmt.Fprintf(w, "%s\n\n", header)
	rows := [][]string{{"pool", "staff", "Erlang start", "Erlang by interval"},
		{p.Model.Pools[p.Pool].Name, strconv.Itoa(res.Staff[0]), strconv.Itoa(res.Start[0]), p.ErlangRanges()}}
	if err := writeColumns(w, rows); err != nil {
		return err
	}
	return costAndTargets(w, p.Targets, res.Results, currency, poolErlangNote)
}

// poolErlangNote says where the pool's Erlang column comes from.
const poolErlangNote = `
Erlang: the arrivals of every stage the pool serves as one M/M/c queue (Erlang A with
patience, else C) per interval, at the pool's speeds, for each stage's targets, and never
below the pool's reserves plus one. The stages' own staff, a fixed priority order, reserves,
call-backs and closing time all move the real requirement.
`
