package report

import (
	"cmp"
	"io"
	"math"
	"slices"
	"strconv"
	"strings"

	"github.com/svcsim/svcsim/resultset"
	"github.com/svcsim/svcsim/sim"
	"github.com/xuri/excelize/v2"
)

// Workbook sheet names, in order.
const (
	SheetSummary     = "summary"
	SheetDifferences = "differences"
	SheetTimeOfDay   = "time of day"
	SheetStaffing    = "staffing"
)

// Workbook writes results.xlsx, the spreadsheet of s, to w. Its sheets:
//
//   - "summary": a row per scenario and KPI, as in summary.csv;
//   - "differences": each scenario's paired differences from the first
//     (a comparison only), differences of shares in percentage points;
//   - "time of day": a row per scenario, stage, weekday ("all" for the
//     open weekdays pooled) and interval, as in intervals.csv;
//   - "staffing": a row per scenario of a sweep with its parameters and
//     headline KPIs (a sweep only).
//
// Numbers are stored as numbers, in the units of the results (shares as
// fractions, shown with a percent format; times of day as fractions of a
// day, shown as hh:mm); undefined values are empty cells. Every sheet's
// header row is frozen. The file is the same bytes for the same s.
func Workbook(w io.Writer, s *resultset.Set) error {
	f := excelize.NewFile()
	defer f.Close()
	b := &book{f: f, styles: map[string]int{}}
	b.summary(s)
	if len(s.Scenarios) > 1 && len(s.Params) == 0 {
		b.differences(s)
	}
	b.timeOfDay(s)
	if len(s.Params) > 0 {
		b.staffing(s)
	}
	if b.err != nil {
		return b.err
	}
	f.SetActiveSheet(0)
	_, err := f.WriteTo(w)
	return err
}

// book writes the sheets of a workbook, keeping the first error.
type book struct {
	f      *excelize.File
	styles map[string]int // number format → style id
	err    error
	first  bool // a sheet has been started
	sheet  string
	row    int
}

// Number formats.
const (
	fmtPlain   = "0.####"
	fmtPercent = "0.0%"
	fmtSigned  = "+0.####;-0.####;0"
	fmtPP      = `+0.0" pp";-0.0" pp";0" pp"`
	fmtClock   = "[hh]:mm"
	fmtInt     = "0"
)

// cell is one value of a row with its number format ("" for text).
type cell struct {
	v   any
	fmt string
}

func text(s string) cell { return cell{v: s} }

// num is x with format f, an empty cell when x is not finite.
func num(x float64, f string) cell {
	if math.IsNaN(x) || math.IsInf(x, 0) {
		return cell{}
	}
	return cell{x, f}
}

// newSheet starts sheet name with its header row, frozen, and the
// columns' widths.
func (b *book) newSheet(name string, header []string, widths []float64) {
	if b.err != nil {
		return
	}
	b.sheet, b.row = name, 1
	// The new file's one sheet becomes the first.
	if b.first {
		_, err := b.f.NewSheet(name)
		b.keep(err)
	} else {
		b.keep(b.f.SetSheetName(b.f.GetSheetName(0), name))
		b.first = true
	}
	if b.err != nil {
		return
	}
	cells := make([]cell, len(header))
	for i, h := range header {
		cells[i] = text(h)
	}
	b.put(cells)
	bold, err := b.f.NewStyle(&excelize.Style{Font: &excelize.Font{Bold: true}})
	b.keep(err)
	last, _ := excelize.CoordinatesToCellName(len(header), 1)
	b.keep(b.f.SetCellStyle(name, "A1", last, bold))
	b.keep(b.f.SetPanes(name, &excelize.Panes{Freeze: true, YSplit: 1, TopLeftCell: "A2", ActivePane: "bottomLeft"}))
	for i, w := range widths {
		col, _ := excelize.ColumnNumberToName(i + 1)
		b.keep(b.f.SetColWidth(name, col, col, w))
	}
}

func (b *book) keep(err error) {
	if b.err == nil {
		b.err = err
	}
}

// put writes cells as the next row of the current sheet.
func (b *book) put(cells []cell) {
	if b.err != nil {
		return
	}
	for i, c := range cells {
		if c.v == nil {
			continue
		}
		ref, _ := excelize.CoordinatesToCellName(i+1, b.row)
		if x, ok := c.v.(float64); ok {
			// Every digit, as in summary.csv: excelize's automatic
			// precision would cut to Excel's 15 displayed digits.
			b.keep(b.f.SetCellFloat(b.sheet, ref, x, decimals(x), 64))
		} else {
			b.keep(b.f.SetCellValue(b.sheet, ref, c.v))
		}
		if c.fmt != "" {
			b.keep(b.f.SetCellStyle(b.sheet, ref, ref, b.style(c.fmt)))
		}
	}
	b.row++
}

// decimals is the number of decimals of the shortest decimal that reads
// back as x.
func decimals(x float64) int {
	s := strconv.FormatFloat(x, 'f', -1, 64)
	if i := strings.IndexByte(s, '.'); i >= 0 {
		return len(s) - i - 1
	}
	return 0
}

// style is the id of the style with number format f.
func (b *book) style(f string) int {
	if id, ok := b.styles[f]; ok {
		return id
	}
	fs := f
	id, err := b.f.NewStyle(&excelize.Style{CustomNumFmt: &fs})
	b.keep(err)
	b.styles[f] = id
	return id
}

// unitOf is how the workbook names unit u: money in the currency.
func unitOf(u sim.Unit, currency string) string {
	switch u {
	case sim.Money, sim.MoneyWeek:
		_, label := u.Display(currency, 0)
		return label
	}
	return string(u)
}

// valueFormat is the number format of a value in unit u.
func valueFormat(u sim.Unit) string {
	if u == sim.Share {
		return fmtPercent
	}
	return fmtPlain
}

func (b *book) summary(s *resultset.Set) {
	b.newSheet(SheetSummary, []string{"scenario", "kpi", "stage", "label", "unit", "mean", "half_width", "n"},
		[]float64{28, 30, 14, 40, 14, 12, 12, 6})
	for _, sc := range s.Scenarios {
		for _, k := range sc.Results.KPIs {
			f := valueFormat(k.Unit)
			b.put([]cell{text(sc.Name), text(k.Name), text(k.Stage), text(k.Label), text(unitOf(k.Unit, sc.Currency)),
				num(k.Mean, f), num(k.HalfWidth, f), num(float64(k.N), fmtInt)})
		}
	}
}

func (b *book) differences(s *resultset.Set) {
	b.newSheet(SheetDifferences, []string{"kpi", "label", "unit", "baseline", "scenario", "baseline_mean", "scenario_mean",
		"difference", "half_width", "relative_change", "distinguishable"},
		[]float64{30, 40, 14, 24, 24, 14, 14, 12, 12, 14, 14})
	first := s.Scenarios[0]
	for _, sc := range s.Scenarios[1:] {
		ds, err := sim.Compare(first.Results, sc.Results)
		if err != nil {
			continue // not paired: the report says so
		}
		for _, d := range ds {
			unit, f, scale := unitOf(d.Unit, first.Currency), fmtSigned, 1.0
			if d.Unit == sim.Share {
				unit, f, scale = "pp", fmtPP, 100
			}
			rel := math.NaN()
			if d.Base.Mean != 0 && d.Unit != sim.Share {
				rel = d.Mean / math.Abs(d.Base.Mean)
			}
			b.put([]cell{text(d.Name), text(d.Label), text(unit), text(first.Name), text(sc.Name),
				num(d.Base.Mean, valueFormat(d.Unit)), num(d.Other.Mean, valueFormat(d.Unit)),
				num(d.Mean*scale, f), num(d.HalfWidth*scale, fmtPlain), num(rel, "+0.0%;-0.0%;0%"),
				text(yesNo(d.Distinguishable))})
		}
	}
}

func yesNo(b bool) string {
	if b {
		return "yes"
	}
	return "no"
}

func (b *book) timeOfDay(s *resultset.Set) {
	header := []string{"scenario", "stage", "weekday", "from", "to", "closed"}
	measures := []string{"arrivals (/h)", "wait mean (min)", "service level", "utilisation", "staff", "queue mean", "staff on duty"}
	widths := []float64{28, 14, 8, 7, 7, 7}
	for _, m := range measures {
		header = append(header, m, m+" ±")
		widths = append(widths, 12, 10)
	}
	b.newSheet(SheetTimeOfDay, header, widths)
	for _, sc := range s.Scenarios {
		r := sc.Results
		for _, row := range slices.Concat(r.Intervals, r.ByWeekday) {
			cells := []cell{text(sc.Name), text(row.Stage), text(cmp.Or(row.Weekday, "all")),
				num(row.From/sim.MinutesPerDay, fmtClock), num(row.To/sim.MinutesPerDay, fmtClock), text(yesNo(row.Closed))}
			for i, e := range []sim.Estimate{row.Arrivals, row.Wait, row.ServiceLevel, row.Utilisation, row.Staff, row.Queue, row.OnDuty} {
				f := fmtPlain
				if i == 2 || i == 3 {
					f = fmtPercent
				}
				cells = append(cells, num(e.Mean, f), num(e.HalfWidth, f))
			}
			b.put(cells)
		}
	}
}

func (b *book) staffing(s *resultset.Set) {
	first := s.Scenarios[0]
	kpis := HeadlineKPIs(first.Results)
	header := append([]string{"scenario"}, s.Params...)
	widths := []float64{28}
	for range s.Params {
		widths = append(widths, 14)
	}
	for _, name := range kpis {
		u := ""
		if k := first.Results.KPI(name); k != nil {
			u = " (" + unitOf(k.Unit, first.Currency) + ")"
		}
		header = append(header, name+u, name+" ±")
		widths = append(widths, 18, 10)
	}
	b.newSheet(SheetStaffing, header, widths)
	for _, sc := range s.Scenarios {
		cells := []cell{text(sc.Name)}
		for _, p := range s.Params {
			v := sc.Params[p]
			if x, err := strconv.ParseFloat(v, 64); err == nil {
				cells = append(cells, num(x, fmtPlain))
			} else {
				cells = append(cells, text(v))
			}
		}
		for _, name := range kpis {
			k := sc.Results.KPI(name)
			if k == nil {
				cells = append(cells, cell{}, cell{})
				continue
			}
			f := valueFormat(k.Unit)
			cells = append(cells, num(k.Mean, f), num(k.HalfWidth, f))
		}
		b.put(cells)
	}
}
