package scenarios

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

func TestExpandPaths(t *testing.T) {
	dir := t.TempDir()
	for _, f := range []string{"a.yaml", "b.yml", "notes.txt", "sub/c.yaml", "empty/x.txt"} {
		p := filepath.Join(dir, f)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, nil, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	j := func(f string) string { return filepath.Join(dir, f) }
	tests := []struct {
		name string
		args []string
		want []string
		err  string
	}{
		{"directory", []string{dir}, []string{j("a.yaml"), j("b.yml"), j("sub/c.yaml")}, ""},
		{"file and glob, sorted, no repeats", []string{j("sub/c.yaml"), j("*.y*ml"), j("a.yaml")}, []string{j("a.yaml"), j("b.yml"), j("sub/c.yaml")}, ""},
		{"any file as given", []string{j("notes.txt")}, []string{j("notes.txt")}, ""},
		{"missing", []string{j("none.yaml")}, nil, "none.yaml: no such file or directory"},
		{"glob matching nothing", []string{j("*.json")}, nil, "*.json matches no files"},
		{"bad glob", []string{j("[")}, nil, "bad pattern"},
		{"directory without scenarios", []string{j("empty")}, nil, "empty has no .yaml or .yml files"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := ExpandPaths(tt.args)
			if tt.err != "" {
				if err == nil || !strings.Contains(err.Error(), tt.err) {
					t.Fatalf("ExpandPaths error = %v; want one with %q", err, tt.err)
				}
				return
			}
			if err != nil || !slices.Equal(got, tt.want) {
				t.Errorf("ExpandPaths = %q, %v; want %q", got, err, tt.want)
			}
		})
	}
}

func TestResolve(t *testing.T) {
	ctx := context.Background()
	want, err := Builtin(DefaultBuiltin)
	if err != nil {
		t.Fatal(err)
	}
	sc, err := Resolve(ctx, "", Options{})
	if err != nil || sc.Hash != want.Hash {
		t.Errorf("Resolve(\"\") = %v, %v; want the built-in %s", sc, err, DefaultBuiltin)
	}
	if _, err := Resolve(ctx, "callcentre", Options{}); err != nil {
		t.Errorf("Resolve(callcentre) = %v; want the built-in", err)
	}
	_, err = Resolve(ctx, "no-such-thing", Options{})
	if nf, ok := errors.AsType[*NotFoundError](err); !ok || nf.Name != "no-such-thing" || !strings.Contains(err.Error(), "callcentre") {
		t.Errorf("Resolve(no-such-thing) = %v; want a NotFoundError listing the built-ins", err)
	}
	p := filepath.Join(t.TempDir(), "bad.yaml")
	if err := os.WriteFile(p, []byte("nonsense: [\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if _, err := Resolve(ctx, p, Options{}); err == nil || errors.As(err, new(*NotFoundError)) {
		t.Errorf("Resolve(%s) = %v; want the file's own load error", p, err)
	}
}

func TestBuiltinFiles(t *testing.T) {
	for _, b := range Builtins() {
		files, err := BuiltinFiles(b.Name)
		if err != nil {
			t.Fatal(err)
		}
		src, _ := BuiltinSource(b.Name)
		data, _ := BuiltinData(b.Name)
		if files[0].Path != b.Name+".yaml" || string(files[0].Data) != string(src) || len(files) != 1+len(data) {
			t.Errorf("%s: files %q; want %s.yaml and its %d data files", b.Name, files[0].Path, b.Name, len(data))
		}
	}
	if _, err := BuiltinFiles("nosuch"); err == nil {
		t.Error("BuiltinFiles(nosuch) succeeded")
	}
}
