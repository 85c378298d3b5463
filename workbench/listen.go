package workbench

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"log"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/svcsim/svcsim/scenarios"
)

// Target reads the argument of 'svcsim serve': a folder (served, nothing
// opened), a scenario file (its folder served, the file opened), the
// name of a built-in (the current folder served, the built-in opened) or
// "" (the current folder).
func Target(arg string) (dir, open string, err error) {
	if arg == "" {
		return ".", "", nil
	}
	st, err := os.Stat(arg)
	switch {
	case err == nil && st.IsDir():
		return arg, "", nil
	case err == nil && !st.Mode().IsRegular():
		return "", "", fmt.Errorf("%s is not a folder or a regular file; valid: a folder, a .yaml or .yml scenario file, or a built-in", arg)
	case err == nil:
		// Only scenario files are opened: any other file would have its
		// folder served, read and written, for a file that is no scenario.
		if ext := filepath.Ext(arg); ext != ".yaml" && ext != ".yml" {
			return "", "", fmt.Errorf("%s is not a scenario file (got a file ending in %q); valid: a folder, a .yaml or .yml scenario file, or a built-in", arg, ext)
		}
		return filepath.Dir(arg), "file:" + filepath.ToSlash(filepath.Base(arg)), nil
	case !errors.Is(err, fs.ErrNotExist):
		return "", "", err
	}
	if slices.ContainsFunc(scenarios.Builtins(), func(i scenarios.Info) bool { return i.Name == arg }) {
		return ".", "builtin:" + arg, nil
	}
	return "", "", fmt.Errorf("%s: no such folder or file, and no built-in scenario of that name", arg)
}

// Hosts checks the address to listen on: HOST:PORT with a loopback HOST
// unless remote is set, and a PORT from 1 to 65535, or 0 for any free
// port (the caller prints the address it listens on, with the port the
// system chose). An empty port, which net.Listen would also take as any
// free port, is refused: it is a port left out, not one chosen. It
// returns the Hosts option for the address (nil: loopback names only)
// and, for a remote address, a warning to print.
func Hosts(addr string, remote bool) (hosts []string, warning string, err error) {
	host, port, err := net.SplitHostPort(addr)
	if err != nil {
		return nil, "", fmt.Errorf("--addr %q: %v; valid: HOST:PORT such as 127.0.0.1:8080", addr, err)
	}
	// Checked here, not left to net.Listen, so a bad port is a usage
	// error with the valid range rather than a failure to listen or a
	// port other than the one meant: net.Listen also takes a service
	// name ("http") from the system's tables.
	if err := checkPort(port); err != nil {
		return nil, "", fmt.Errorf("--addr %q: %v; valid: HOST:PORT with a PORT from 1 to 65535, such as 127.0.0.1:8080, or 0 for any free port (the address is printed)", addr, err)
	}
	ip := net.ParseIP(host)
	if host == "localhost" || ip != nil && ip.IsLoopback() {
		return nil, "", nil
	}
	if !remote {
		return nil, "", fmt.Errorf("--addr %q is not a loopback address; valid: 127.0.0.1:PORT, localhost:PORT or [::1]:PORT, or add --allow-remote to listen there", addr)
	}
	return []string{"*"}, fmt.Sprintf("warning: listening on %s: anyone who can reach this address can run simulations and read and write the scenario files of the folder served; the host name check against DNS rebinding is off", addr), nil
}

// checkPort refuses a port that is not a decimal number from 0 to 65535.
func checkPort(port string) error {
	_, err := strconv.ParseUint(port, 10, 16)
	switch {
	case err == nil:
		return nil
	case port == "":
		return fmt.Errorf("the port is empty (got %q)", port)
	case strings.Trim(port, "0123456789") == "":
		return fmt.Errorf("the port is out of range (got %s)", port)
	}
	return fmt.Errorf("the port is not a number (got %q)", port)
}

// Serve answers on ln until ctx is done, then stops, letting requests
// under way finish for up to 5 seconds.
func (w *Workbench) Serve(ctx context.Context, ln net.Listener) error {
	srv := &http.Server{Handler: w, ReadHeaderTimeout: 10 * time.Second, IdleTimeout: time.Minute, ErrorLog: w.log,
		BaseContext: func(net.Listener) context.Context { return ctx }}
	if srv.ErrorLog == nil {
		srv.ErrorLog = log.New(os.Stderr, "", 0)
	}
	done := make(chan error, 1)
	go func() { done <- srv.Serve(ln) }()
	select {
	case err := <-done:
		return err
	case <-ctx.Done():
	}
	stop, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	srv.Shutdown(stop)
	return nil
}
