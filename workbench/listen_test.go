package workbench

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestHosts(t *testing.T) {
	tests := []struct {
		addr   string
		remote bool
		hosts  []string
		err    string
	}{
		{"127.0.0.1:8080", false, nil, ""},
		{"localhost:0", false, nil, ""},
		{"[::1]:8080", false, nil, ""},
		{"0.0.0.0:8080", false, nil, "not a loopback address"},
		{":8080", false, nil, "not a loopback address"},
		{"192.168.1.5:8080", true, []string{"*"}, ""},
		{"8080", false, nil, "valid: HOST:PORT"},
		{"127.0.0.1:99999", false, nil, `--addr "127.0.0.1:99999": the port is out of range (got 99999); valid: HOST:PORT with a PORT from 1 to 65535, such as 127.0.0.1:8080, or 0 for any free port (the address is printed)`},
		{"127.0.0.1:65536", false, nil, "the port is out of range (got 65536)"},
		{"127.0.0.1:65535", false, nil, ""},
		{"127.0.0.1:0", false, nil, ""},
		{"127.0.0.1:-1", false, nil, `the port is not a number (got "-1"); valid: HOST:PORT with a PORT from 1 to 65535`},
		{"127.0.0.1:", false, nil, `--addr "127.0.0.1:": the port is empty (got ""); valid: HOST:PORT with a PORT from 1 to 65535`},
		{"localhost:", false, nil, "the port is empty"},
		{":", true, nil, "the port is empty"},
		{"127.0.0.1:http", false, nil, `the port is not a number (got "http")`},
		{"127.0.0.1:+80", false, nil, `the port is not a number (got "+80")`},
		{"127.0.0.1: 80", false, nil, `the port is not a number (got " 80")`},
		{":0", false, nil, "not a loopback address"},
		{":0", true, []string{"*"}, ""},
	}
	for _, tt := range tests {
		hosts, warning, err := Hosts(tt.addr, tt.remote)
		switch {
		case tt.err != "" && (err == nil || !strings.Contains(err.Error(), tt.err)):
			t.Errorf("%s: error %v; want %q", tt.addr, err, tt.err)
		case tt.err == "" && err != nil:
			t.Errorf("%s: %v", tt.addr, err)
		case len(hosts) != len(tt.hosts):
			t.Errorf("%s: hosts %v; want %v", tt.addr, hosts, tt.hosts)
		case tt.remote && tt.err == "" && !strings.Contains(warning, "anyone who can reach"):
			t.Errorf("%s: warning %q", tt.addr, warning)
		}
	}
}

func TestTarget(t *testing.T) {
	dir := t.TempDir()
	file := filepath.Join(dir, "a.yaml")
	os.WriteFile(file, []byte("name: a\n"), 0o644)
	notes := filepath.Join(dir, "notes.txt")
	os.WriteFile(notes, []byte("not a scenario\n"), 0o644)
	tests := []struct{ arg, dir, open, err string }{
		{"", ".", "", ""},
		{dir, dir, "", ""},
		{file, dir, "file:a.yaml", ""},
		{"clinic", ".", "builtin:clinic", ""},
		{filepath.Join(dir, "none"), "", "", "no such folder or file"},
		{notes, "", "", `is not a scenario file (got a file ending in ".txt")`},
		{os.DevNull, "", "", "is not a folder or a regular file"},
	}
	for _, tt := range tests {
		d, open, err := Target(tt.arg)
		if d != tt.dir || open != tt.open || (err == nil) != (tt.err == "") || err != nil && !strings.Contains(err.Error(), tt.err) {
			t.Errorf("Target(%q) = %q, %q, %v; want %q, %q, %q", tt.arg, d, open, err, tt.dir, tt.open, tt.err)
		}
	}
}
