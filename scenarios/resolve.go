package scenarios

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
)

// NotFoundError is an argument that names neither a file nor a built-in
// scenario.
type NotFoundError struct{ Name string }

func (e *NotFoundError) Error() string {
	return fmt.Sprintf("%s: no such file, and no built-in scenario of that name (built-ins: %s)", e.Name, BuiltinNames())
}

// BuiltinNames lists the built-in scenarios' names, comma-separated.
func BuiltinNames() string {
	var names []string
	for _, b := range Builtins() {
		names = append(names, b.Name)
	}
	return strings.Join(names, ", ")
}

// Resolve loads arg as a command line names a scenario: an existing file
// (read with LoadContext), else a built-in of that name; "" is
// DefaultBuiltin. Both are read with opt. A name that is neither is a
// *NotFoundError.
func Resolve(ctx context.Context, arg string, opt Options) (*Scenario, error) {
	if arg == "" {
		return builtinWith(DefaultBuiltin, opt)
	}
	if _, err := os.Stat(arg); !errors.Is(err, fs.ErrNotExist) {
		return LoadContext(ctx, arg, opt)
	}
	// The source alone says whether arg is a built-in: Builtins would
	// parse every one of them for its title.
	if _, err := BuiltinSource(arg); err == nil {
		return builtinWith(arg, opt)
	}
	return nil, &NotFoundError{arg}
}

// ExpandPaths turns files, directories and glob patterns into a sorted
// list of scenario files without repeats: a directory stands for every
// .yaml and .yml file below it. A pattern that matches nothing, a missing
// file and a directory without scenario files are errors.
func ExpandPaths(args []string) ([]string, error) {
	var out []string
	for _, a := range args {
		matches := []string{a}
		if strings.ContainsAny(a, "*?[") {
			m, err := filepath.Glob(a)
			if err != nil {
				return nil, fmt.Errorf("bad pattern %q: %v", a, err)
			}
			if len(m) == 0 {
				return nil, fmt.Errorf("%s matches no files", a)
			}
			matches = m
		}
		for _, p := range matches {
			files, err := scenarioFiles(p)
			if err != nil {
				return nil, err
			}
			out = append(out, files...)
		}
	}
	slices.Sort(out)
	return slices.Compact(out), nil
}

// scenarioFiles is p when it is a file, or the scenario files below the
// directory p.
func scenarioFiles(p string) ([]string, error) {
	info, err := os.Stat(p)
	if err != nil {
		return nil, fmt.Errorf("%s: no such file or directory", p)
	}
	if !info.IsDir() {
		return []string{p}, nil
	}
	var out []string
	filepath.WalkDir(p, func(path string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() && (strings.HasSuffix(path, ".yaml") || strings.HasSuffix(path, ".yml")) {
			out = append(out, path)
		}
		return nil
	})
	if len(out) == 0 {
		return nil, fmt.Errorf("directory %s has no .yaml or .yml files", p)
	}
	return out, nil
}
