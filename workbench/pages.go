package workbench

import (
	"bytes"
	"embed"
	"html/template"
	"net/http"
	"slices"
	"strings"
	"sync"

	"github.com/svcsim/svcsim/figures"
)

//go:embed assets
var assets embed.FS

// pages are the page templates, parsed on first use so that every
// other svcsim command does not pay for them at start-up.
var pages = sync.OnceValue(func() *template.Template {
	return template.Must(template.New("").Funcs(template.FuncMap{
		"clock": figures.Clock,
	}).ParseFS(assets, "assets/*.html"))
})

// static serves the page's script and style sheet.
func static(rw http.ResponseWriter, r *http.Request) {
	name := r.PathValue("name")
	var ct string
	switch {
	case strings.HasSuffix(name, ".js"):
		ct = "text/javascript; charset=utf-8"
	case strings.HasSuffix(name, ".css"):
		ct = "text/css; charset=utf-8"
	}
	b, err := assets.ReadFile("assets/" + name)
	if ct == "" || err != nil {
		http.NotFound(rw, r)
		return
	}
	rw.Header().Set("Content-Type", ct)
	rw.Write(b)
}

// listView is the first page: the scenarios on offer.
type listView struct {
	Builtins, Files []Listing
	Folder          bool
	Error           string
	Title           string
}

// pageView is the workbench page of one document.
type pageView struct {
	Title       string
	Doc         *Doc
	Assumptions []string
	Warnings    []string
	Settings    Settings
	Limits      Limits
	Targets     string
	Folder      bool
	Cols        []string
	Rows        []rowView
	Others      []Listing
	// Problems are a broken file's errors.
	Error    string
	Problems []fileError
	ID       string
}

type rowView struct {
	Row
	Index int
	// First is the first row of its stage or staff group.
	First bool
	Cells []cellView
}

type cellView struct {
	Col, Value int
	Name       string
}

func (w *Workbench) render(rw http.ResponseWriter, status int, name string, data any) {
	var b bytes.Buffer
	if err := pages().ExecuteTemplate(&b, name, data); err != nil {
		http.Error(rw, "internal error: "+err.Error(), http.StatusInternalServerError)
		return
	}
	rw.Header().Set("Content-Type", "text/html; charset=utf-8")
	rw.WriteHeader(status)
	rw.Write(b.Bytes())
}

// index is the list of scenarios, or the document Options.Open.
func (w *Workbench) index(rw http.ResponseWriter, r *http.Request) {
	if w.open != "" && r.URL.Query().Get("list") == "" {
		w.pageOf(rw, w.open)
		return
	}
	v := listView{Folder: w.root != nil, Title: "svcsim workbench"}
	var err error
	v.Builtins, v.Files, err = list(w.root, 500, 4)
	if err != nil {
		v.Error = "the folder could not be read completely: " + pathError(err)
	}
	w.render(rw, http.StatusOK, "list", v)
}

// page is the workbench page of the document ?id=.
func (w *Workbench) page(rw http.ResponseWriter, r *http.Request) {
	w.pageOf(rw, r.URL.Query().Get("id"))
}

func (w *Workbench) pageOf(rw http.ResponseWriter, id string) {
	_, name, _ := strings.Cut(id, ":")
	v := pageView{Folder: w.root != nil, Limits: w.limits, ID: id, Title: name}
	builtins, files, _ := list(w.root, 500, 4)
	v.Others = append(builtins, files...)
	d, err := w.doc(id, "")
	if err != nil {
		p := problemOf(err)
		v.Error, v.Problems = p.Error, p.Problems
		w.render(rw, p.Status, "page", v)
		return
	}
	v.Doc, v.Title = d, d.Title()
	v.Assumptions = d.Scenario.Describe()
	v.Warnings = d.Scenario.Warnings
	v.Settings = d.defaults()
	if v.Settings.Days*v.Settings.Replications > w.limits.MaxDayReplications {
		v.Settings.Replications = max(2, w.limits.MaxDayReplications/v.Settings.Days)
	}
	if v.Settings.Days > w.limits.MaxDays {
		v.Settings.Days = w.limits.MaxDays
		v.Settings.Replications = max(2, min(v.Settings.Replications, w.limits.MaxDayReplications/v.Settings.Days))
	}
	g := d.Grid
	for c := range g.Cols {
		v.Cols = append(v.Cols, g.ColumnStart(c))
	}
	var stages []string
	for i, row := range g.Rows {
		rv := rowView{Row: row, Index: i, First: i == 0 || g.Rows[i-1].Label() != row.Label()}
		for c, x := range row.Values {
			rv.Cells = append(rv.Cells, cellView{Col: c, Value: x, Name: row.Label() + ", " + row.DaysText + ", " + g.ColumnName(c)})
		}
		v.Rows = append(v.Rows, rv)
		if row.Why == "" && row.Group == "" && !slices.Contains(stages, row.Stage) {
			stages = append(stages, row.Stage)
		}
	}
	var ts []string
	for _, st := range stages {
		ts = append(ts, st+".service_level >= 80%")
	}
	v.Targets = strings.Join(ts, "\n")
	w.render(rw, http.StatusOK, "page", v)
}
