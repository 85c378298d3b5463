package workbench

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"log"
	"net"
	"net/http"
	"os"
	"path"
	"strconv"
	"strings"
	"sync"

	"github.com/svcsim/svcsim/plots"
	"github.com/svcsim/svcsim/report"
	"github.com/svcsim/svcsim/resultset"
	"github.com/svcsim/svcsim/rota"
	"github.com/svcsim/svcsim/scenarios"
)

// MaxBody bounds a request's body.
const MaxBody = 256 << 10

// Options configure a Workbench.
type Options struct {
	// Root is the folder whose scenario files are offered, read and
	// written; nil offers the built-ins only.
	Root *os.Root
	// Open is the document the first page opens ("builtin:NAME" or
	// "file:PATH"); "" shows the list.
	Open string
	// Hosts are the host names the server answers to (the Host header,
	// without the port); nil answers to loopback names only
	// (localhost, 127.0.0.1, ::1), which stops DNS rebinding. "*"
	// answers to any.
	Hosts   []string
	Limits  Limits
	Version string // of svcsim, for the report
	// Log, when set, is told of each error the page does not show in
	// full (a panic in a handler).
	Log *log.Logger
}

// Workbench is the what-if web application: an http.Handler.
type Workbench struct {
	root    *os.Root
	open    string
	hosts   []string
	limits  Limits
	version string
	log     *log.Logger
	pool    *pool
	store   store
	handler http.Handler

	docMu sync.Mutex
	docs  []*Doc // the last documents loaded, newest last

	styleMu sync.Mutex
	styles  map[string]*plots.Style

	// rotaSolver is the rota's integer-program solver: Auto (CBC when
	// it is on PATH, else the fallback); tests force one.
	rotaSolver rota.SolverKind
}

// New returns the workbench of o.
func New(o Options) *Workbench {
	if o.Limits == (Limits{}) {
		o.Limits = DefaultLimits()
	}
	w := &Workbench{root: o.Root, open: o.Open, hosts: o.Hosts, limits: o.Limits, version: o.Version, log: o.Log,
		pool: newPool(o.Limits), styles: map[string]*plots.Style{}}
	mux := http.NewServeMux()
	mux.HandleFunc("GET /{$}", w.index)
	mux.HandleFunc("GET /open", w.page)
	mux.HandleFunc("GET /static/{name}", static)
	mux.HandleFunc("GET /favicon.ico", func(rw http.ResponseWriter, _ *http.Request) { rw.WriteHeader(http.StatusNoContent) })
	mux.HandleFunc("POST /api/run", w.apiRun)
	mux.HandleFunc("POST /api/staffing", w.apiStaffing)
	mux.HandleFunc("POST /api/rota", w.apiRota)
	mux.HandleFunc("POST /api/save", w.apiSave)
	mux.HandleFunc("GET /chart/{run}/{name}", w.chart)
	mux.HandleFunc("GET /download/{run}/{name}", w.download)
	w.handler = w.guard(http.NewCrossOriginProtection().Handler(mux))
	return w
}

func (w *Workbench) ServeHTTP(rw http.ResponseWriter, r *http.Request) { w.handler.ServeHTTP(rw, r) }

// guard applies the rules every request passes: a known Host (against
// DNS rebinding), a bounded body, security headers, and no stack trace
// for a panic.
func (w *Workbench) guard(next http.Handler) http.Handler {
	return http.HandlerFunc(func(rw http.ResponseWriter, r *http.Request) {
		defer func() {
			if v := recover(); v != nil {
				if v == http.ErrAbortHandler {
					panic(v)
				}
				if w.log != nil {
					w.log.Printf("serve: %s %s: internal error: %v", r.Method, r.URL.Path, v)
				}
				http.Error(rw, "internal error (the server log says more)", http.StatusInternalServerError)
			}
		}()
		if !w.allowedHost(r.Host) {
			http.Error(rw, "unknown host "+strconv.Quote(r.Host)+": the workbench answers only to the address it was started on", http.StatusMisdirectedRequest)
			return
		}
		h := rw.Header()
		h.Set("Content-Security-Policy", "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; connect-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'")
		h.Set("X-Content-Type-Options", "nosniff")
		h.Set("Referrer-Policy", "no-referrer")
		h.Set("X-Frame-Options", "DENY")
		h.Set("Cache-Control", "no-store")
		r.Body = http.MaxBytesReader(rw, r.Body, MaxBody)
		next.ServeHTTP(rw, r)
	})
}

func (w *Workbench) allowedHost(hostport string) bool {
	host, _, err := net.SplitHostPort(hostport)
	if err != nil {
		host = hostport
	}
	host = strings.ToLower(strings.Trim(host, "[]"))
	if w.hosts == nil {
		return host == "localhost" || host == "127.0.0.1" || host == "::1"
	}
	for _, h := range w.hosts {
		if h == "*" || strings.EqualFold(h, host) {
			return true
		}
	}
	return false
}

// doc returns the document id as loaded with hash, loading it again if
// it is not kept; hash "" loads it as it is now.
func (w *Workbench) doc(id, hash string) (*Doc, error) {
	w.docMu.Lock()
	for _, d := range w.docs {
		if d.ID == id && hash != "" && d.Hash == hash {
			w.docMu.Unlock()
			return d, nil
		}
	}
	w.docMu.Unlock()
	d, err := load(w.root, id)
	if err != nil {
		return nil, err
	}
	if hash != "" && d.Hash != hash {
		return nil, &changedError{d.File}
	}
	w.remember(d)
	return d, nil
}

func (w *Workbench) remember(d *Doc) {
	w.docMu.Lock()
	defer w.docMu.Unlock()
	w.docs = append(w.docs, d)
	if len(w.docs) > keptRuns {
		w.docs = w.docs[1:]
	}
}

// changedError is a file changed on disk since the page loaded it.
type changedError struct{ file string }

func (e *changedError) Error() string {
	return e.file + " changed on disk since the page loaded it; reload the page to work on the new file"
}

// style is the chart style for d's names (a CJK font for Chinese ones).
func (w *Workbench) style(o *Outcome) *plots.Style {
	texts := report.Texts(o.set())
	lang := plots.LanguageOf(texts...)
	w.styleMu.Lock()
	defer w.styleMu.Unlock()
	if s := w.styles[lang]; s != nil {
		return s
	}
	s, _, err := plots.NewStyle("", texts...)
	if err != nil {
		s = plots.DefaultStyle()
	}
	w.styles[lang] = s
	return s
}

// request is the body of the POST endpoints.
type request struct {
	Doc      string   `json:"doc"`
	Hash     string   `json:"hash"`
	Edit     Edit     `json:"edit"`
	Settings Settings `json:"settings"`
	// Targets are the staffing help's targets, one a line.
	Targets string `json:"targets"`
	// Save: the variant's name; Mode "variant" (into the file) or "file"
	// (a new file named File beside it); Replace confirms replacing.
	Name    string `json:"name"`
	Mode    string `json:"mode"`
	File    string `json:"file"`
	Replace bool   `json:"replace"`
}

// problem is an error as the page shows it: a message and, for a
// scenario file's errors, each with its line and field.
type problem struct {
	Error    string      `json:"error"`
	Problems []fileError `json:"problems,omitempty"`
	Ask      string      `json:"ask,omitempty"`
	Status   int         `json:"-"`
}

type fileError struct {
	File   string `json:"file"`
	Line   int    `json:"line"`
	Column int    `json:"column"`
	Field  string `json:"field"`
	Msg    string `json:"msg"`
}

// problemOf turns err into what the page shows.
func problemOf(err error) problem {
	p := problem{Error: err.Error(), Status: http.StatusBadRequest}
	var es scenarios.Errors
	var e1 *scenarios.Error
	var ex *existsError
	var ch *changedError
	var fe *fileExistsError
	var mb *http.MaxBytesError
	switch {
	case errors.As(err, &es):
		for _, e := range es {
			p.Problems = append(p.Problems, fileError{e.File, e.Line, e.Column, e.Field, e.Msg})
		}
		p.Error = fmt.Sprintf("%s has %d problems", es[0].File, len(es))
		if len(es) == 1 {
			p.Error = fmt.Sprintf("%s has a problem", es[0].File)
		}
		if es[0].File == "your change" {
			p.Error = "the change cannot be run"
		}
		p.Status = http.StatusUnprocessableEntity
	case errors.As(err, &e1):
		p.Problems = []fileError{{e1.File, e1.Line, e1.Column, e1.Field, e1.Msg}}
		p.Status = http.StatusUnprocessableEntity
	case errors.As(err, &ex):
		p.Ask = err.Error() + ". Replace it?"
		p.Status = http.StatusConflict
	case errors.As(err, &fe):
		p.Ask = fe.file + " exists. Replace it?"
		p.Status = http.StatusConflict
	case errors.As(err, &ch):
		p.Status = http.StatusConflict
	case errors.As(err, &mb):
		p.Error = fmt.Sprintf("request too large: at most %d bytes", MaxBody)
		p.Status = http.StatusRequestEntityTooLarge
	case errors.Is(err, errBusy):
		p.Status = http.StatusServiceUnavailable
	case errors.Is(err, errNotFound):
		p.Status = http.StatusNotFound
	}
	return p
}

// decode reads a request body.
func decode(r *http.Request) (*request, error) {
	if ct := r.Header.Get("Content-Type"); !strings.HasPrefix(ct, "application/json") {
		return nil, fmt.Errorf("Content-Type: application/json (got %q)", ct)
	}
	dec := json.NewDecoder(r.Body)
	dec.DisallowUnknownFields()
	var q request
	if err := dec.Decode(&q); err != nil {
		var mb *http.MaxBytesError
		if errors.As(err, &mb) {
			return nil, err
		}
		return nil, fmt.Errorf("request: not the JSON the page sends: %v", err)
	}
	return &q, nil
}

func writeJSON(rw http.ResponseWriter, status int, v any) {
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		http.Error(rw, "internal error", http.StatusInternalServerError)
		return
	}
	rw.Header().Set("Content-Type", "application/json; charset=utf-8")
	rw.WriteHeader(status)
	rw.Write(b.Bytes())
}

func writeProblem(rw http.ResponseWriter, err error) {
	p := problemOf(err)
	writeJSON(rw, p.Status, p)
}

// stream writes a long request's answer as lines of JSON: progress, then
// the result or a problem.
type stream struct {
	rw      http.ResponseWriter
	flusher http.Flusher
	mu      sync.Mutex
}

func newStream(rw http.ResponseWriter) *stream {
	rw.Header().Set("Content-Type", "application/x-ndjson; charset=utf-8")
	rw.WriteHeader(http.StatusOK)
	f, _ := rw.(http.Flusher)
	return &stream{rw: rw, flusher: f}
}

func (s *stream) send(v any) {
	s.mu.Lock()
	defer s.mu.Unlock()
	b, err := json.Marshal(v)
	if err != nil {
		return
	}
	s.rw.Write(append(b, '\n'))
	if s.flusher != nil {
		s.flusher.Flush()
	}
}

func (s *stream) progress(done, total int) {
	s.send(map[string]any{"progress": map[string]int{"done": done, "total": total}})
}

// log sends a line of a long request's log.
func (s *stream) log(msg string) { s.send(map[string]string{"log": msg}) }

// long answers a request that simulates: it reads the request and its
// document, waits for a slot of the pool, then streams progress and the
// answer of work, a value sent under key; work may also send lines of
// its log. Work stops with the request's
// context (the page went away or asked for another run), and then
// nothing more is sent.
func (w *Workbench) long(rw http.ResponseWriter, r *http.Request, key string, work func(ctx context.Context, d *Doc, q *request, s *stream) (any, error)) {
	q, d, ok := w.read(rw, r)
	if !ok {
		return
	}
	release, err := w.pool.acquire(r.Context())
	if err != nil {
		writeProblem(rw, err)
		return
	}
	defer release()
	s := newStream(rw)
	v, err := work(r.Context(), d, q, s)
	switch {
	case r.Context().Err() != nil:
	case err != nil:
		s.send(problemOf(err))
	default:
		s.send(map[string]any{key: v})
	}
}

// apiRun runs the page's change against the file's scenario.
func (w *Workbench) apiRun(rw http.ResponseWriter, r *http.Request) {
	w.long(rw, r, "result", func(ctx context.Context, d *Doc, q *request, s *stream) (any, error) {
		o, err := w.run(ctx, d, q.Edit, q.Settings, s.progress)
		if err != nil {
			return nil, err
		}
		return w.view(o), nil
	})
}

// apiStaffing runs the staffing search and returns the grid it fills.
func (w *Workbench) apiStaffing(rw http.ResponseWriter, r *http.Request) {
	w.long(rw, r, "staffing", func(ctx context.Context, d *Doc, q *request, s *stream) (any, error) {
		e, msg, err := w.staff(ctx, d, q.Edit, q.Settings, strings.Split(q.Targets, "\n"), s.progress)
		if err != nil {
			return nil, err
		}
		return map[string]any{"staff": e.Staff, "message": msg}, nil
	})
}

// apiRota finds the cheapest rota of the scenario's shift patterns for
// the targets and returns the grid it fills, with what it found.
func (w *Workbench) apiRota(rw http.ResponseWriter, r *http.Request) {
	w.long(rw, r, "rota", func(ctx context.Context, d *Doc, q *request, s *stream) (any, error) {
		return w.rota(ctx, d, q.Edit, q.Settings, strings.Split(q.Targets, "\n"), s.progress, s.log)
	})
}

// apiSave saves the page's change as a variant in the file, or in a new
// file beside it.
func (w *Workbench) apiSave(rw http.ResponseWriter, r *http.Request) {
	q, d, ok := w.read(rw, r)
	if !ok {
		return
	}
	res, err := w.save(d, q)
	if err != nil {
		writeProblem(rw, err)
		return
	}
	writeJSON(rw, http.StatusOK, res)
}

// saved is what a save did.
type saved struct {
	Message string `json:"message"`
	Doc     string `json:"doc"`
	Hash    string `json:"hash"`
	File    string `json:"file"`
}

// save writes q's change as the variant q.Name: into d's file, or into a
// new file q.File beside it holding d's text and the variant. The file
// is written atomically, then read back and checked: the base and the
// other variants unchanged, the new variant the scenario the page ran;
// if the check fails the old file is put back.
func (w *Workbench) save(d *Doc, q *request) (*saved, error) {
	if w.root == nil {
		return nil, fmt.Errorf("save: no folder is served, so there is nowhere to save")
	}
	if err := CheckName(q.Name); err != nil {
		return nil, err
	}
	if err := d.check(q.Edit); err != nil {
		return nil, err
	}
	if !d.changed(q.Edit) {
		return nil, fmt.Errorf("save: nothing is changed from the file's scenario")
	}
	var target string
	var old []byte
	switch q.Mode {
	case "variant":
		if d.Builtin() {
			return nil, fmt.Errorf("save: a built-in cannot be changed; save as a new file")
		}
		target = d.File
		now, err := readFile(w.root, target)
		if err != nil {
			return nil, err
		}
		if !bytes.Equal(now, d.Text) {
			return nil, &changedError{d.File}
		}
		old = now
	case "file":
		name := q.File
		if ext := path.Ext(name); ext != ".yaml" && ext != ".yml" {
			name += ".yaml"
		}
		if name != path.Base(name) || strings.ContainsAny(name, `/\`) || strings.HasPrefix(name, ".") {
			return nil, fmt.Errorf("file: a file name without folders, such as plan-b.yaml (got %q)", q.File)
		}
		target = path.Join(path.Dir(d.File), name)
		if d.Builtin() {
			target = name
		}
		if now, err := readFile(w.root, target); err == nil {
			if !q.Replace {
				return nil, &fileExistsError{target}
			}
			old = now
		} else if _, serr := w.root.Lstat(target); serr == nil {
			return nil, err
		}
	default:
		return nil, fmt.Errorf("mode: variant or file (got %q)", q.Mode)
	}
	text, v, err := d.withVariant(w.fsys(d), q.Name, q.Edit, q.Replace)
	if err != nil {
		return nil, err
	}
	if err := resultset.WriteFileIn(w.root, target, text); err != nil {
		return nil, fmt.Errorf("save: %s: %s", target, pathError(err))
	}
	back, err := readFile(w.root, target)
	if err == nil {
		err = d.verify(w.root.FS(), target, back, q.Name, v.Model)
	}
	if err != nil {
		if old != nil {
			resultset.WriteFileIn(w.root, target, old)
		} else {
			w.root.Remove(target)
		}
		return nil, fmt.Errorf("save: %s: %w; the file was left as it was", target, err)
	}
	nd, err := load(w.root, "file:"+target)
	if err != nil {
		return nil, err
	}
	w.remember(nd)
	return &saved{Message: fmt.Sprintf("saved the variant %q in %s", q.Name, target), Doc: nd.ID, Hash: nd.Hash, File: target}, nil
}

// fileExistsError is a new file's name taken, to ask before replacing.
type fileExistsError struct{ file string }

func (e *fileExistsError) Error() string { return e.file + " exists" }

// read decodes a request and loads the document it names; when either
// fails it answers the problem and reports false.
func (w *Workbench) read(rw http.ResponseWriter, r *http.Request) (*request, *Doc, bool) {
	q, err := decode(r)
	if err != nil {
		writeProblem(rw, err)
		return nil, nil, false
	}
	d, err := w.doc(q.Doc, q.Hash)
	if err != nil {
		writeProblem(rw, err)
		return nil, nil, false
	}
	return q, d, true
}
