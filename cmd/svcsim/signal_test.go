package main

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"
)

// TestMain lets a test run this test binary as the svcsim command, so that
// signal tests send real signals to a real process without building it.
func TestMain(m *testing.M) {
	if os.Getenv("SVCSIM_TEST_MAIN") == "1" {
		main()
	}
	code := m.Run()
	os.RemoveAll(reportDirCache.tmp)
	os.RemoveAll(clinicReportCache.tmp)
	os.Exit(code)
}

// svcsimProcess starts the svcsim command with args, its stderr piped.
func svcsimProcess(t *testing.T, args ...string) (*exec.Cmd, *bufio.Reader) {
	t.Helper()
	cmd := exec.Command(os.Args[0], args...)
	cmd.Env = append(os.Environ(), "SVCSIM_TEST_MAIN=1")
	stderr, err := cmd.StderrPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { cmd.Process.Kill() })
	return cmd, bufio.NewReader(stderr)
}

// stopped sends SIGTERM to cmd and returns its exit status and the rest
// of its stderr. A process that has not exited after a generous delay is
// killed and fails the test (a hang guard, not a speed test).
func stopped(t *testing.T, cmd *exec.Cmd, stderr *bufio.Reader) (int, string) {
	t.Helper()
	return stoppedBy(t, cmd, stderr, 1)
}

// stoppedBy is stopped with n SIGTERMs in quick succession, as timeout(1)
// sends to a command and then to its process group.
func stoppedBy(t *testing.T, cmd *exec.Cmd, stderr *bufio.Reader, n int) (int, string) {
	t.Helper()
	for range n {
		if err := cmd.Process.Signal(syscall.SIGTERM); err != nil {
			t.Fatal(err)
		}
	}
	rest := make(chan string, 1)
	go func() {
		var b strings.Builder
		for {
			line, err := stderr.ReadString('\n')
			b.WriteString(line)
			if err != nil {
				rest <- b.String()
				return
			}
		}
	}()
	// Read stderr to its end (the process exiting closes it) before
	// Wait, which closes the pipe: waiting first could lose the message.
	select {
	case out := <-rest:
		err := cmd.Wait()
		var ee *exec.ExitError
		if err != nil && !errors.As(err, &ee) {
			t.Fatal(err)
		}
		return cmd.ProcessState.ExitCode(), out
	case <-time.After(30 * time.Second):
		cmd.Process.Kill()
		t.Fatal("svcsim did not stop after SIGTERM")
	}
	return 0, ""
}

// TestSIGTERMDuringLoad stops validate and run while they read a scenario
// file: its arrival trace is some 40 MB, which takes seconds to read and
// check, so the process is still loading a second after it started.
// (A named pipe that never ends would be surer, but svcsim refuses to
// read one.)
func TestSIGTERMDuringLoad(t *testing.T) {
	if testing.Short() {
		t.Skip("writes a 40 MB trace; -short")
	}
	dir := t.TempDir()
	var trace bytes.Buffer
	trace.WriteString("time\n")
	for i := range 2_000_000 {
		fmt.Fprintf(&trace, "2025-01-%02d %02d:%02d:%02d\n", 6+i%2, 9+i%3, i%60, i/60%60)
	}
	if err := os.WriteFile(filepath.Join(dir, "calls.csv"), trace.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(dir, "big.yaml")
	if err := os.WriteFile(path, []byte(strings.Replace(tinyScenario, "days: 2\n", "days: 2\narrivals: calls.csv\n", 1)), 0o644); err != nil {
		t.Fatal(err)
	}
	for _, args := range [][]string{{"validate"}, {"run", "-q", "--out", "OUT"}} {
		t.Run(args[0], func(t *testing.T) {
			out := filepath.Join(t.TempDir(), "out")
			for i := range args {
				if args[i] == "OUT" {
					args[i] = out
				}
			}
			cmd, stderr := svcsimProcess(t, append(args, path)...)
			time.Sleep(time.Second)
			status, errOut := stopped(t, cmd, stderr)
			if status != 130 || !strings.Contains(errOut, "svcsim: interrupted") {
				t.Errorf("exit status %d, stderr %q; want 130 and 'interrupted'", status, errOut)
			}
			if _, err := os.Stat(out); err == nil {
				t.Errorf("an interrupted %s left %s", args[0], out)
			}
		})
	}
}

// TestSIGTERMDuringRun stops a long run once it has started simulating
// (its warnings are printed just before): exit status 130 and no --out
// directory.
func TestSIGTERMDuringRun(t *testing.T) {
	cmd, stderr, out := startLongRun(t)
	status, errOut := stopped(t, cmd, stderr)
	if status != 130 || !strings.Contains(errOut, "svcsim: interrupted") {
		t.Errorf("exit status %d, stderr %q; want 130 and 'interrupted'", status, errOut)
	}
	if _, err := os.Stat(out); err == nil {
		t.Errorf("an interrupted run left %s", out)
	}
}

// TestSignalTwice: a signal delivered twice at once (timeout(1) signals
// the command, then its process group) stops the run as one does, with
// its message and exit status, rather than killing it half-way.
func TestSignalTwice(t *testing.T) {
	cmd, stderr, out := startLongRun(t)
	status, errOut := stoppedBy(t, cmd, stderr, 2)
	if status != 130 || !strings.Contains(errOut, "svcsim: interrupted") {
		t.Errorf("exit status %d, stderr %q; want 130 and 'interrupted'", status, errOut)
	}
	if _, err := os.Stat(out); !os.IsNotExist(err) {
		t.Errorf("--out %s exists after an interrupted run (%v)", out, err)
	}
}

// startLongRun starts a run of thousands of days into the folder out and
// returns once it is simulating (its warning, printed just before, has
// been read).
func startLongRun(t *testing.T) (*exec.Cmd, *bufio.Reader, string) {
	t.Helper()
	// Staff only until 10:00 draws a warning, printed before the run.
	src := strings.Replace(strings.Replace(tinyScenario, "days: 2", "days: 3000", 1), "staff: 3", "staff: {09:00-10:00: 3}", 1)
	path := writeFile(t, "long.yaml", src)
	out := filepath.Join(t.TempDir(), "out")
	cmd, stderr := svcsimProcess(t, "run", "-r", "2000", "-j", "1", "--out", out, path)
	for {
		line, err := stderr.ReadString('\n')
		if err != nil {
			t.Fatalf("svcsim ended before running: %v", err)
		}
		if strings.HasPrefix(line, "warning:") {
			return cmd, stderr, out
		}
	}
}
