package report

import (
	"cmp"
	"context"
	"io"
	"math"
	"slices"
	"strconv"
	"strings"

	"github.com/svcsim/svcsim/internal/xlsx"
	"github.com/svcsim/svcsim/resultset"
	"github.com/svcsim/svcsim/sim"
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
//     headline KPIs, or, for the staffing 'svcsim staff' chose, a row
//     per stage and interval with the staff it puts on duty.
//
// Numbers are stored as numbers, in the units of the results (shares as
// fractions, shown with a percent format; times of day as fractions of a
// day, shown as hh:mm); undefined values are empty cells. Every sheet's
// header row is bold and frozen. The file is the same bytes for the same
// s.
func Workbook(w io.Writer, s *resultset.Set) error {
	return workbook(context.Background(), w, s)
}

// workbook is Workbook, stopping with ctx's error when ctx is done.
func workbook(ctx context.Context, w io.Writer, s *resultset.Set) error {
	if err := usable(s); err != nil {
		return err
	}
	b := &book{ctx: ctx}
	b.summary(s)
	if len(s.Scenarios) > 1 && len(s.Params) == 0 {
		b.differences(s)
	}
	b.timeOfDay(s)
	switch {
	case len(s.Params) > 0:
		b.staffing(s)
	case strings.HasPrefix(s.Command, "staff"):
		b.chosen(s)
	}
	if b.err == nil {
		b.err = ctx.Err()
	}
	if b.err != nil {
		return b.err
	}
	_, err := b.w.WriteTo(w)
	return err
}

// book writes the sheets of a workbook, keeping the first error.
type book struct {
	ctx   context.Context
	rows  int // written so far
	w     xlsx.Workbook
	sheet *xlsx.Sheet
	err   error
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

// cell is one value of a row.
type cell = xlsx.Cell

func text(s string) cell { return xlsx.Text(s) }

// num is x with format f, an empty cell when x is not finite.
func num(x float64, f string) cell { return xlsx.Number(x, f) }

// newSheet starts sheet name with its header row, bold and frozen, and
// the columns' widths.
func (b *book) newSheet(name string, header []string, widths []float64) {
	if b.err != nil {
		return
	}
	b.sheet, b.err = b.w.AddSheet(name)
	if b.err != nil {
		return
	}
	b.sheet.FreezeRows, b.sheet.Widths = 1, widths
	cells := make([]cell, len(header))
	for i, h := range header {
		cells[i] = text(h)
		cells[i].Bold = true
	}
	b.put(cells)
}

// put writes cells as the next row of the current sheet.
// Every thousandth row it checks the book's context, which ends the book
// with its error: a sweep's rows of every interval run to millions.
func (b *book) put(cells []cell) {
	if b.rows++; b.rows%1024 == 0 && b.err == nil {
		b.err = b.ctx.Err()
	}
	if b.err == nil {
		b.sheet.AddRow(cells...)
	}
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
	header := []string{"scenario", "stage", "weekday", "from (hh:mm)", "to (hh:mm)", "closed"}
	measures := []string{"arrivals (per hour)", "wait mean (min)", "service level (%)", "utilisation (%)", "staff scheduled (people)", "queue mean (customers)", "staff on duty (people)"}
	widths := []float64{28, 14, 9, 12, 12, 7}
	for _, m := range measures {
		header = append(header, m, "± (95% CI)")
		widths = append(widths, float64(max(12, len(m)+2)), 11)
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
			if k.Unit == sim.Share {
				u = " (%)"
			}
		}
		header = append(header, name+u, "± (95% CI)")
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

// chosen is the staffing 'svcsim staff' chose: a row per stage and
// interval with the staff it schedules and what they achieve.
func (b *book) chosen(s *resultset.Set) {
	b.newSheet(SheetStaffing, []string{"stage", "from (hh:mm)", "to (hh:mm)", "staff scheduled (people)", "staff on duty (people)",
		"utilisation (%)", "service level (%)", "wait mean (min)", "arrivals (per hour)"},
		[]float64{16, 12, 12, 24, 22, 16, 18, 16, 20})
	for _, row := range s.Scenarios[0].Results.Intervals {
		if row.Closed {
			continue
		}
		b.put([]cell{text(row.Stage), num(row.From/sim.MinutesPerDay, fmtClock), num(row.To/sim.MinutesPerDay, fmtClock),
			num(row.Staff.Mean, fmtPlain), num(row.OnDuty.Mean, fmtPlain), num(row.Utilisation.Mean, fmtPercent),
			num(row.ServiceLevel.Mean, fmtPercent), num(row.Wait.Mean, fmtPlain), num(row.Arrivals.Mean, fmtPlain)})
	}
}
