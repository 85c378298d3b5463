package simflags

import (
	"context"
	"errors"
	"fmt"
	"io"

	"github.com/svcsim/svcsim/experiment"
	"github.com/svcsim/svcsim/internal/cmdline"
	"github.com/svcsim/svcsim/resultset"
	"github.com/svcsim/svcsim/scenarios"
)

// ResolveScenario loads arg with scenarios.Resolve: a name that is
// neither a file nor a built-in is a usage error, and an interruption
// while a file loads returns experiment.ErrInterrupted.
func ResolveScenario(ctx context.Context, arg string, opt scenarios.Options) (*scenarios.Scenario, error) {
	sc, err := scenarios.Resolve(ctx, arg, opt)
	if nf, ok := errors.AsType[*scenarios.NotFoundError](err); ok {
		return nil, cmdline.Usagef("%v", nf)
	}
	if err != nil && ctx.Err() != nil {
		return nil, experiment.ErrInterrupted
	}
	return sc, err
}

// PrintLoadError prints why file did not load: each problem of an
// invalid scenario on its own line, else "FILE: ERROR".
func PrintLoadError(w io.Writer, file string, err error) {
	if se, ok := errors.AsType[scenarios.Errors](err); ok {
		for _, e := range se {
			fmt.Fprintln(w, cmdline.OneLine(e.Error()))
		}
		return
	}
	fmt.Fprintln(w, cmdline.OneLine(file+": "+err.Error()))
}

// WriteFolder writes files into the folder out, made if missing, all or
// none of them; a result set (set) replaces an earlier one whole, never
// one of inputs (see resultset.Dir.WriteSet).
func WriteFolder(ctx context.Context, out string, inputs []string, files []resultset.File, set bool) error {
	dir, err := resultset.Prepare(out)
	if err != nil {
		return fmt.Errorf("--out: %w", err)
	}
	dir.Inputs = inputs
	write := dir.Write
	if set {
		write = dir.WriteSet
	}
	err = write(ctx, files...)
	if ctx.Err() != nil {
		return experiment.ErrInterrupted
	}
	if err != nil {
		return fmt.Errorf("--out: %w", err)
	}
	return nil
}

// WriteResults writes files, a result set, into --out (made if missing)
// and then the charts, report and workbook asked for; nothing without
// --out.
func (s *Settings) WriteResults(ctx context.Context, files []resultset.File, stderr io.Writer) error {
	if s.Out == "" {
		return nil
	}
	if err := s.WriteSet(ctx, files); err != nil {
		return err
	}
	return s.Outputs.Write(ctx, s.Out, stderr)
}

// WriteSet writes files, a result set, into --out (made if missing),
// replacing an earlier set there but none of the files the scenarios
// Resolve read.
func (s *Settings) WriteSet(ctx context.Context, files []resultset.File) error {
	return WriteFolder(ctx, s.Out, s.inputs, files, true)
}

// Resolve loads arg as ResolveScenario does, with the --allow-idle the
// flags give, and remembers the files it read, which WriteSet and Job's
// folder do not replace.
func (s *Settings) Resolve(ctx context.Context, arg string) (*scenarios.Scenario, error) {
	sc, err := ResolveScenario(ctx, arg, s.LoadOptions())
	if err != nil {
		return nil, err
	}
	s.inputs = append(s.inputs, sc.Inputs()...)
	if s.Out != "" && len(s.Writes) > 0 {
		if err := resultset.CheckOwned(s.Out, s.inputs, s.Writes...); err != nil {
			return nil, fmt.Errorf("--out: %w", err)
		}
	}
	return sc, nil
}
