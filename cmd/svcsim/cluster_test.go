package main

import (
	"bufio"
	"bytes"
	"fmt"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	yaml "go.yaml.in/yaml/v4"
)

// The job scripts of docs/cluster.md; TestSlurm submits these very files
// and TestClusterDocScripts checks that the document shows them verbatim.
var (
	shardScript = absPath(filepath.Join("..", "..", "docs", "slurm", "shard.sh"))
	mergeScript = absPath(filepath.Join("..", "..", "docs", "slurm", "merge.sh"))
)

func absPath(p string) string {
	a, err := filepath.Abs(p)
	if err != nil {
		panic(err)
	}
	return a
}

// TestSlurm runs sharded experiments on a real single-node Slurm cluster
// that it starts in a temporary directory (nothing in /etc is read or
// written: SLURM_CONF points at its own slurm.conf, MUNGE has its own key
// and socket) and tears down by PID when it ends, passed or failed. It
// needs root and Debian's slurmctld, slurmd, slurm-client and munge; it
// skips without them unless SVCSIM_REQUIRE_SLURM=1, as .ci/run sets.
func TestSlurm(t *testing.T) {
	if testing.Short() {
		t.Skip("starts a Slurm cluster: not with -short")
	}
	need := func(format string, args ...any) {
		t.Helper()
		if os.Getenv("SVCSIM_REQUIRE_SLURM") == "1" {
			t.Fatalf(format+" (SVCSIM_REQUIRE_SLURM=1)", args...)
		}
		t.Skipf(format, args...)
	}
	for _, p := range []string{"munged", "mungekey", "slurmctld", "slurmd", "sbatch", "squeue", "scancel", "sinfo"} {
		if _, err := exec.LookPath(p); err != nil {
			need("Slurm is not installed (no %s): apt-get install slurmctld slurmd slurm-client munge to run this test", p)
		}
	}
	if os.Geteuid() != 0 {
		need("the Slurm test runs slurmd, which must be root to start jobs; run it as root")
	}
	start := time.Now()
	base := t.TempDir()
	bin := filepath.Join(base, "bin")
	gobin, err := exec.LookPath("go")
	if err != nil {
		gobin = filepath.Join(runtime.GOROOT(), "bin", "go")
	}
	if out, err := exec.Command(gobin, "build", "-o", filepath.Join(bin, "svcsim"), ".").CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	c := startSlurm(t, base, bin)
	t.Logf("cluster up in %s (svcsim built and cluster started %s after the test began)", c.up.Round(100*time.Millisecond), time.Since(start).Round(100*time.Millisecond))

	// The experiments, run unsharded for the reference.
	branches := filepath.Join(c.work, "branches")
	if err := os.MkdirAll(branches, 0o755); err != nil {
		t.Fatal(err)
	}
	for _, name := range []string{"bank", "callcentre", "clinic"} {
		os.WriteFile(filepath.Join(branches, name+".yaml"), []byte(c.run(t, "svcsim", "scenarios", "show", name)), 0o644)
	}
	sweep := []string{"sweep", "clinic", "--vary", "stages.booking.staff=2..5", "-r", "12", "--seed", "7"}
	// Long enough that a shard can be cancelled while it runs: 12 work
	// units of 1000 days each, 2-3 s a shard here (at 100 days a shard
	// could finish in the quarter second between its first log line and
	// the cancellation).
	batch := []string{"batch", "branches", "--days", "1000", "-r", "8", "--seed", "7"}
	phase := time.Now()
	c.run(t, "svcsim", append(sweep, "--out", "sweep-whole", "-q")...)
	c.run(t, "svcsim", append(batch, "--out", "batch-whole", "-q")...)
	t.Logf("unsharded sweep and batch in %s", time.Since(phase).Round(100*time.Millisecond))

	t.Run("sweep", func(t *testing.T) {
		phase := time.Now()
		c.setParts("sweep-parts")
		c.run(t, "svcsim", append(append([]string{"plan"}, sweep[1:]...), "--shards", "4", "--write", "sweep-parts/plan.json")...)
		a := c.submit(t, append([]string{"--array=0-3", shardScript}, sweep...)...)
		m := c.submit(t, "--dependency=afterok:"+a, "--kill-on-invalid-dep=yes", mergeScript, "sweep-merged")
		c.wait(t, m, "COMPLETED")
		c.wait(t, a, "COMPLETED")
		sameResults(t, filepath.Join(c.work, "sweep-whole"), filepath.Join(c.work, "sweep-merged"))
		t.Logf("array of 4 shards and a dependent merge in %s", time.Since(phase).Round(100*time.Millisecond))
		// -j follows the task's CPUs (--cpus-per-task=1), not the node's.
		if log := c.log(t, a+"_0"); !strings.Contains(log, "shard 0 of 4: 12 of 48 work units on 1 worker(s)") {
			t.Errorf("shard 0's log, on a node of %d CPUs:\n%s", runtime.NumCPU(), log)
		}

		// One index resubmitted alone is an array of 1
		// (SLURM_ARRAY_TASK_COUNT=1); the count comes from the plan.
		phase = time.Now()
		os.RemoveAll(filepath.Join(c.work, "sweep-parts", "1"))
		r := c.submit(t, append([]string{"--array=1", shardScript}, sweep...)...)
		m = c.submit(t, "--dependency=afterok:"+r, "--kill-on-invalid-dep=yes", mergeScript, "sweep-remerged")
		c.wait(t, m, "COMPLETED")
		sameResults(t, filepath.Join(c.work, "sweep-whole"), filepath.Join(c.work, "sweep-remerged"))
		t.Logf("shard 1 resubmitted alone and merged again in %s", time.Since(phase).Round(100*time.Millisecond))

		// A 1-based array: every task refuses, with the fix.
		phase = time.Now()
		bad := c.submit(t, append([]string{"--array=1-4", shardScript}, sweep...)...)
		c.wait(t, bad, "FAILED")
		if log := c.log(t, bad+"_1"); !strings.Contains(log, "submit the array as --array=0-3") {
			t.Errorf("task 1 of --array=1-4:\n%s", log)
		}
		t.Logf("a 1-based array refused by all 4 tasks in %s", time.Since(phase).Round(100*time.Millisecond))
	})

	t.Run("batch", func(t *testing.T) {
		phase := time.Now()
		c.setParts("batch-parts")
		c.run(t, "svcsim", append(append([]string{"plan"}, batch[1:]...), "--shards", "4", "--write", "batch-parts/plan.json")...)
		a := c.submit(t, append([]string{"--array=0-3", shardScript}, batch...)...)
		m := c.submit(t, "--dependency=afterok:"+a, "--kill-on-invalid-dep=yes", mergeScript, "batch-merged")
		// Cancel shard 2 once it has started its work.
		task := a + "_2"
		c.waitLog(t, task, "svcsim: shard 2 of 4:")
		cancelled := time.Now()
		c.run(t, "scancel", task)
		states := c.wait(t, a, "")
		t.Logf("shard 2 cancelled mid-run: CANCELLED %s after scancel", c.stopped[task].Sub(cancelled).Round(10*time.Millisecond))
		for id, s := range states {
			want := "COMPLETED"
			if id == task {
				want = "CANCELLED"
			}
			if s != want {
				t.Errorf("task %s: %s; want %s", id, s, want)
			}
		}
		if log := c.log(t, task); !strings.Contains(log, "svcsim: interrupted") {
			t.Errorf("the cancelled shard did not stop by itself on SIGTERM:\n%s", log)
		}
		if _, err := os.Stat(filepath.Join(c.work, "batch-parts", "2", "part-2-of-4.gob")); err == nil {
			t.Error("the cancelled shard wrote its part")
		}
		// The merge's dependency can never be met: Slurm cancels it.
		c.wait(t, m, "CANCELLED")
		_, errOut, err := c.try("svcsim", "merge", "--plan", "batch-parts/plan.json", "--out", "batch-merged", "batch-parts")
		if err == nil || !strings.Contains(errOut, "shard(s) 2 of 4 missing") || !strings.Contains(errOut, "sbatch --array=2") {
			t.Errorf("merge without shard 2: %v, %q", err, errOut)
		}
		out := c.run(t, "svcsim", "merge", "--partial", "--plan", "batch-parts/plan.json", "--out", "batch-partial", "batch-parts")
		if !strings.Contains(out, "partial: shard(s) 2 of 4 missing, 12 of 48 work units") {
			t.Errorf("merge --partial:\n%s", out)
		}
		t.Logf("array of 4 with shard 2 cancelled, and the merges that follow, in %s", time.Since(phase).Round(100*time.Millisecond))

		phase = time.Now()
		r := c.submit(t, append([]string{"--array=2", shardScript}, batch...)...)
		m = c.submit(t, "--dependency=afterok:"+r, "--kill-on-invalid-dep=yes", mergeScript, "batch-merged")
		c.wait(t, m, "COMPLETED")
		sameResults(t, filepath.Join(c.work, "batch-whole"), filepath.Join(c.work, "batch-merged"))
		t.Logf("shard 2 resubmitted alone and merged in %s", time.Since(phase).Round(100*time.Millisecond))
	})
	t.Logf("Slurm test in %s", time.Since(start).Round(100*time.Millisecond))
}

// sameResults checks that a merged directory equals the unsharded run's,
// byte for byte.
func sameResults(t *testing.T, want, got string) {
	t.Helper()
	for _, f := range []string{"replications.csv", "summary.csv", "intervals.csv", "results.json", "manifest.json"} {
		a, _ := os.ReadFile(filepath.Join(want, f))
		b, err := os.ReadFile(filepath.Join(got, f))
		if err != nil || len(a) == 0 || !bytes.Equal(a, b) {
			t.Errorf("%s: the merged %s differs from the unsharded run's (%v)", got, f, err)
		}
	}
}

// slurmCluster is a one-node Slurm cluster and its MUNGE, all children of
// the test.
type slurmCluster struct {
	t       *testing.T
	dir     string // configuration, state, logs
	work    string // where jobs are submitted from and run
	env     []string
	svcsim  string // the binary under test
	daemons []*exec.Cmd
	up      time.Duration
	// stopped is when wait first saw each job or task in a final state.
	stopped map[string]time.Time
}

// startSlurm starts munged, slurmctld and slurmd in the foreground, each in
// its own process group, listening on loopback only, and registers their
// teardown.
func startSlurm(t *testing.T, base, bin string) *slurmCluster {
	t.Helper()
	began := time.Now()
	c := &slurmCluster{t: t, dir: filepath.Join(base, "slurm"), work: filepath.Join(base, "work"), stopped: map[string]time.Time{}, svcsim: filepath.Join(bin, "svcsim")}
	for _, d := range []string{"key", "munge", "state", "spool", "log"} {
		if err := os.MkdirAll(filepath.Join(c.dir, d), 0o700); err != nil {
			t.Fatal(err)
		}
	}
	if err := os.MkdirAll(c.work, 0o755); err != nil {
		t.Fatal(err)
	}
	// munged refuses a socket directory that others cannot enter.
	os.Chmod(c.dir, 0o755)
	os.Chmod(filepath.Join(c.dir, "munge"), 0o755)
	t.Cleanup(c.stop)
	t.Cleanup(func() {
		if t.Failed() {
			c.dumpLogs()
		}
	})

	for _, kv := range os.Environ() {
		if !strings.HasPrefix(kv, "SLURM_") && !strings.HasPrefix(kv, "PATH=") {
			c.env = append(c.env, kv)
		}
	}
	conf := filepath.Join(c.dir, "slurm.conf")
	c.env = append(c.env, "PATH="+bin+string(os.PathListSeparator)+os.Getenv("PATH"), "SLURM_CONF="+conf)

	key := filepath.Join(c.dir, "key", "munge.key")
	socket := filepath.Join(c.dir, "munge", "munge.socket.2")
	c.run(t, "mungekey", "--create", "--keyfile", key)
	c.daemon("munged", "--foreground", "--force", "--key-file", key, "--socket", socket,
		"--pid-file", filepath.Join(c.dir, "munge", "munged.pid"), "--seed-file", filepath.Join(c.dir, "key", "seed"),
		"--log-file", filepath.Join(c.dir, "log", "munged.log"))
	c.poll(t, "munged's socket", func() bool { _, err := os.Stat(socket); return err == nil })

	ctld, node := freePort(t), freePort(t)
	cfg := fmt.Sprintf(`ClusterName=svcsimtest
SlurmctldHost=localhost(127.0.0.1)
SlurmctldPort=%d
SlurmdPort=%d
CommunicationParameters=NoCtldInAddrAny,NoInAddrAny
AuthType=auth/munge
CredType=cred/munge
AuthInfo=socket=%s
SlurmUser=root
SlurmdUser=root
StateSaveLocation=%[4]s/state
SlurmdSpoolDir=%[4]s/spool
SlurmctldPidFile=%[4]s/slurmctld.pid
SlurmdPidFile=%[4]s/slurmd.pid
SlurmctldLogFile=%[4]s/log/slurmctld.log
SlurmdLogFile=%[4]s/log/slurmd.log
ProctrackType=proctrack/linuxproc
TaskPlugin=task/none
SelectType=select/cons_tres
SelectTypeParameters=CR_Core
JobAcctGatherType=jobacct_gather/none
AccountingStorageType=accounting_storage/none
JobCompType=jobcomp/none
MpiDefault=none
ReturnToService=2
KillWait=5
MinJobAge=600
NodeName=localhost NodeAddr=127.0.0.1 CPUs=2 RealMemory=2048 State=UNKNOWN
PartitionName=test Nodes=localhost Default=YES MaxTime=INFINITE State=UP
`, ctld, node, socket, c.dir)
	if err := os.WriteFile(conf, []byte(cfg), 0o644); err != nil {
		t.Fatal(err)
	}
	ctl := c.daemon("slurmctld", "-D", "-i")
	d := c.daemon("slurmd", "-D", "-N", "localhost")
	c.poll(t, "the node to be idle", func() bool {
		out, _, err := c.try("sinfo", "-h", "-n", "localhost", "-o", "%T")
		return err == nil && strings.TrimSpace(out) == "idle"
	})
	for _, p := range []*exec.Cmd{ctl, d} {
		if err := loopbackOnly(p.Process.Pid); err != nil {
			t.Fatalf("%s: %v", filepath.Base(p.Path), err)
		}
	}
	c.up = time.Since(began)
	return c
}

// daemon starts a program in the foreground in its own process group,
// with its output in the log directory.
func (c *slurmCluster) daemon(name string, args ...string) *exec.Cmd {
	c.t.Helper()
	log, err := os.Create(filepath.Join(c.dir, "log", name+".out"))
	if err != nil {
		c.t.Fatal(err)
	}
	defer log.Close()
	cmd := exec.Command(name, args...)
	cmd.Env, cmd.Dir, cmd.Stdout, cmd.Stderr = c.env, c.dir, log, log
	cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true}
	if err := cmd.Start(); err != nil {
		c.t.Fatalf("%s: %v", name, err)
	}
	c.daemons = append(c.daemons, cmd)
	return cmd
}

// stop cancels every job, then stops the daemons in the reverse order of
// their start, each by its process group: SIGTERM, and SIGKILL if it has
// not exited within ten seconds.
func (c *slurmCluster) stop() {
	if len(c.daemons) == 3 {
		c.try("scancel", "--full", "--partition=test")
		deadline := time.Now().Add(15 * time.Second)
		for time.Now().Before(deadline) {
			if out, _, err := c.try("squeue", "-h", "-t", "running,completing"); err != nil || strings.TrimSpace(out) == "" {
				break
			}
			time.Sleep(200 * time.Millisecond)
		}
	}
	for _, cmd := range slices.Backward(c.daemons) {
		done := make(chan struct{})
		go func() { cmd.Wait(); close(done) }()
		syscall.Kill(-cmd.Process.Pid, syscall.SIGTERM)
		select {
		case <-done:
		case <-time.After(10 * time.Second):
			c.t.Logf("%s did not stop on SIGTERM; killing it", filepath.Base(cmd.Path))
			syscall.Kill(-cmd.Process.Pid, syscall.SIGKILL)
			<-done
		}
	}
	c.daemons = nil
}

// try runs a command in the work directory.
func (c *slurmCluster) try(name string, args ...string) (stdout, stderr string, err error) {
	var out, errOut bytes.Buffer
	if name == "svcsim" {
		name = c.svcsim // exec looks in this process's PATH, not in c.env's
	}
	cmd := exec.Command(name, args...)
	cmd.Env, cmd.Dir, cmd.Stdout, cmd.Stderr = c.env, c.work, &out, &errOut
	err = cmd.Run()
	return out.String(), errOut.String(), err
}

// run runs a command in the work directory and fails the test if it fails.
func (c *slurmCluster) run(t *testing.T, name string, args ...string) string {
	t.Helper()
	out, errOut, err := c.try(name, args...)
	if err != nil {
		t.Fatalf("%s %s: %v\n%s", name, strings.Join(args, " "), err, errOut)
	}
	return out
}

// setParts sets where the job scripts keep their parts, for the jobs
// submitted from now on (sbatch exports the environment).
func (c *slurmCluster) setParts(dir string) {
	c.env = append(c.env, "SVCSIM_PARTS="+dir)
}

// submit runs sbatch and returns the job's id.
func (c *slurmCluster) submit(t *testing.T, args ...string) string {
	t.Helper()
	out := c.run(t, "sbatch", append([]string{"--parsable"}, args...)...)
	id, _, _ := strings.Cut(strings.TrimSpace(out), ";")
	return id
}

var finalStates = []string{"COMPLETED", "FAILED", "CANCELLED", "TIMEOUT", "OUT_OF_MEMORY", "NODE_FAIL", "PREEMPTED", "BOOT_FAIL", "DEADLINE"}

// wait polls until every task of job id is in a final state, and returns
// the states by task. With want set, every task must end in it.
func (c *slurmCluster) wait(t *testing.T, id, want string) map[string]string {
	t.Helper()
	var states map[string]string
	c.poll(t, "job "+id+" to finish", func() bool {
		out, _, err := c.try("squeue", "-h", "-r", "-t", "all", "-j", id, "-o", "%i %T")
		if err != nil {
			return false
		}
		states = map[string]string{}
		done := true
		for _, line := range strings.Split(strings.TrimSpace(out), "\n") {
			task, state, ok := strings.Cut(line, " ")
			if !ok {
				return false
			}
			states[task] = state
			if !slices.Contains(finalStates, state) {
				done = false
			} else if _, seen := c.stopped[task]; !seen {
				c.stopped[task] = time.Now()
			}
		}
		return done && len(states) > 0
	})
	for task, s := range states {
		if want != "" && s != want {
			t.Errorf("job %s: %s; want %s\n%s", task, s, want, c.log(t, task))
		}
	}
	return states
}

// log is a job's or task's output file (sbatch's default, in the work
// directory).
func (c *slurmCluster) log(t *testing.T, task string) string {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(c.work, "slurm-"+task+".out"))
	if err != nil {
		return fmt.Sprintf("(no output: %v)", err)
	}
	return string(b)
}

// waitLog polls until a task's output contains s.
func (c *slurmCluster) waitLog(t *testing.T, task, s string) {
	t.Helper()
	c.poll(t, task+" to print "+s, func() bool {
		b, _ := os.ReadFile(filepath.Join(c.work, "slurm-"+task+".out"))
		return bytes.Contains(b, []byte(s))
	})
}

// poll calls ok every 100 ms until it returns true, and fails the test
// after three minutes: the cluster or a job is stuck.
func (c *slurmCluster) poll(t *testing.T, what string, ok func() bool) {
	t.Helper()
	deadline := time.Now().Add(3 * time.Minute)
	for !ok() {
		if time.Now().After(deadline) {
			out, _, _ := c.try("squeue", "-t", "all", "-o", "%i %T %r")
			t.Fatalf("waited three minutes for %s; the queue:\n%s", what, out)
		}
		time.Sleep(100 * time.Millisecond)
	}
}

// dumpLogs prints the end of the daemons' logs and every job's output.
func (c *slurmCluster) dumpLogs() {
	logs, _ := filepath.Glob(filepath.Join(c.dir, "log", "*"))
	jobs, _ := filepath.Glob(filepath.Join(c.work, "slurm-*.out"))
	for _, f := range append(logs, jobs...) {
		b, _ := os.ReadFile(f)
		if len(b) > 3000 {
			b = b[len(b)-3000:]
		}
		c.t.Logf("== %s\n%s", f, b)
	}
}

// freePort returns a TCP port that is free on the loopback interface.
func freePort(t *testing.T) int {
	t.Helper()
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer l.Close()
	return l.Addr().(*net.TCPAddr).Port
}

// loopbackOnly checks that every TCP socket process pid listens on is on
// the loopback interface, from /proc.
func loopbackOnly(pid int) error {
	fds, err := os.ReadDir(fmt.Sprintf("/proc/%d/fd", pid))
	if err != nil {
		return err
	}
	inodes := map[string]bool{}
	for _, fd := range fds {
		l, err := os.Readlink(fmt.Sprintf("/proc/%d/fd/%s", pid, fd.Name()))
		if s, ok := strings.CutPrefix(l, "socket:["); err == nil && ok {
			inodes[strings.TrimSuffix(s, "]")] = true
		}
	}
	listening := 0
	for _, table := range []string{"tcp", "tcp6"} {
		f, err := os.Open(fmt.Sprintf("/proc/%d/net/%s", pid, table))
		if err != nil {
			continue
		}
		sc := bufio.NewScanner(f)
		for sc.Scan() {
			// sl local_address rem_address st ... inode
			fs := strings.Fields(sc.Text())
			if len(fs) < 10 || fs[3] != "0A" || !inodes[fs[9]] {
				continue
			}
			listening++
			addr, port, _ := strings.Cut(fs[1], ":")
			p, _ := strconv.ParseUint(port, 16, 16)
			// 127.0.0.0/8 (the first octet is printed last) or ::1.
			if !(len(addr) == 8 && strings.HasSuffix(addr, "7F")) && addr != "00000000000000000000000001000000" {
				f.Close()
				return fmt.Errorf("listens on %s port %d, which is not loopback", addr, p)
			}
		}
		f.Close()
	}
	if listening == 0 {
		return fmt.Errorf("listens on no TCP port that /proc shows")
	}
	return nil
}

// TestClusterDocScripts checks that docs/cluster.md shows the job scripts
// that TestSlurm runs, verbatim.
func TestClusterDocScripts(t *testing.T) {
	doc, err := os.ReadFile(filepath.Join("..", "..", "docs", "cluster.md"))
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range []string{shardScript, mergeScript} {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Contains(doc, []byte("```sh\n"+string(b)+"```\n")) {
			t.Errorf("docs/cluster.md does not show %s verbatim in a sh block", f)
		}
	}
}

// TestKubernetesJob runs the Indexed Job of docs/cluster.md as the Job
// controller would, without a cluster: the document's plan command, then
// the container's arguments once per completion index with
// JOB_COMPLETION_INDEX set and $(JOB_COMPLETION_INDEX) expanded, /data
// being a temporary directory; the merged parts must equal the unsharded
// run's bytes.
func TestKubernetesJob(t *testing.T) {
	doc, err := os.ReadFile(filepath.Join("..", "..", "docs", "cluster.md"))
	if err != nil {
		t.Fatal(err)
	}
	_, rest, _ := strings.Cut(string(doc), "```yaml\n")
	manifestText, _, ok := strings.Cut(rest, "```")
	plan := regexp.MustCompile("`svcsim (plan /data/[^`]*)`").FindStringSubmatch(string(doc))
	if !ok || plan == nil {
		t.Fatal("docs/cluster.md has no Job manifest or no 'svcsim plan /data/...' command")
	}
	var job struct {
		Spec struct {
			CompletionMode string `yaml:"completionMode"`
			Completions    int    `yaml:"completions"`
			Template       struct {
				Spec struct {
					Containers []struct {
						Args []string `yaml:"args"`
					} `yaml:"containers"`
				} `yaml:"spec"`
			} `yaml:"template"`
		} `yaml:"spec"`
	}
	if err := yaml.Unmarshal([]byte(manifestText), &job); err != nil {
		t.Fatal(err)
	}
	if job.Spec.CompletionMode != "Indexed" || job.Spec.Completions < 2 || len(job.Spec.Template.Spec.Containers) != 1 {
		t.Fatalf("the Job is not an Indexed Job of one container: %+v", job.Spec)
	}
	data := t.TempDir()
	os.MkdirAll(filepath.Join(data, "branches"), 0o755)
	// Three short built-ins: the check is that the merged parts equal the
	// unsharded run, whatever they hold; at the document's 20
	// replications the clinic's four weeks took two thirds of this
	// test's time (TestSlurm shards it).
	for _, name := range []string{"bank", "callcentre", "helpline"} {
		out, _ := mustRun(t, "scenarios", "show", name)
		os.WriteFile(filepath.Join(data, "branches", name+".yaml"), []byte(out), 0o644)
	}
	atData := func(args []string, index string) []string {
		var r []string
		for _, a := range args {
			a = strings.ReplaceAll(a, "$(JOB_COMPLETION_INDEX)", index)
			if rest, ok := strings.CutPrefix(a, "/data/"); ok {
				a = filepath.Join(data, rest)
			}
			r = append(r, a)
		}
		return r
	}
	arrayEnv(t)
	out, _ := mustRun(t, atData(strings.Fields(plan[1]), "")...)
	if want := fmt.Sprintf("%d shards", job.Spec.Completions); !strings.Contains(out, want) {
		t.Errorf("the plan's shards are not the Job's %d completions:\n%s", job.Spec.Completions, out)
	}
	args := job.Spec.Template.Spec.Containers[0].Args
	for i := range job.Spec.Completions {
		t.Setenv("JOB_COMPLETION_INDEX", strconv.Itoa(i))
		mustRun(t, atData(args, strconv.Itoa(i))...)
	}
	arrayEnv(t)
	mustRun(t, "merge", "--plan", filepath.Join(data, "parts", "plan.json"), "--out", filepath.Join(data, "results"), filepath.Join(data, "parts"))
	// The same command unsharded: without --plan and with its own --out.
	var whole []string
	for k := 0; k < len(args); k++ {
		if args[k] == "--plan" || args[k] == "--out" {
			k++
			continue
		}
		whole = append(whole, args[k])
	}
	mustRun(t, append(atData(whole, ""), "--out", filepath.Join(data, "whole"), "-q")...)
	sameResults(t, filepath.Join(data, "whole"), filepath.Join(data, "results"))
}
