package sim

import (
	"fmt"
	"math"
	"time"
)

// Validate reports the first problem that makes m unusable by Run. Package
// scenarios reports problems with file positions; Validate is the engine's
// own guard against programmer error. The checks run section by section:
// calendar, sizes, classes, trace, channels, stages, satisfaction and
// thresholds.
func (m *Model) Validate() error {
	if err := m.checkCalendar(); err != nil {
		return err
	}
	if err := m.checkSizes(); err != nil {
		return err
	}
	if err := m.checkClasses(); err != nil {
		return err
	}
	if err := m.checkTrace(); err != nil {
		return err
	}
	for i := range m.Channels {
		if err := m.checkChannel(&m.Channels[i]); err != nil {
			return err
		}
	}
	if err := m.checkPools(); err != nil {
		return err
	}
	for i := range m.Stages {
		if err := m.checkStage(&m.Stages[i], m.Pooled(i)); err != nil {
			return err
		}
	}
	if m.Satisfaction != nil {
		if err := m.Satisfaction.Validate(m); err != nil {
			return err
		}
	}
	for i, err := range CheckThresholds(m, m.Thresholds) {
		if err != nil {
			return fmt.Errorf("sim: threshold %v: %w", m.Thresholds[i], err)
		}
	}
	return nil
}

// checkCalendar checks the run length, the warm-up, the reporting
// interval and the opening hours.
func (m *Model) checkCalendar() error {
	if m.Days < 1 || m.Days > MaxDays {
		return fmt.Errorf("sim: model %q: Days must be in [1, %d] (got %d)", m.Name, MaxDays, m.Days)
	}
	if m.MaxInSystem < 0 {
		return fmt.Errorf("sim: model %q: MaxInSystem must be >= 0 (got %d)", m.Name, m.MaxInSystem)
	}
	if m.Warmup < 0 || m.Warmup >= float64(m.Days)*MinutesPerDay {
		return fmt.Errorf("sim: model %q: Warmup must be in [0, %d days) (got %g min)", m.Name, m.Days, m.Warmup)
	}
	if _, ok := dayParts(m.Interval, MaxIntervalsPerDay); !ok {
		return fmt.Errorf("sim: model %q: Interval must divide a day into at most %d parts (got %g min)", m.Name, MaxIntervalsPerDay, m.Interval)
	}
	for d, w := range m.Open {
		if !w.Closed() && (w.From < 0 || w.To > MinutesPerDay) {
			return fmt.Errorf("sim: model %q: opening hours on %v outside the day", m.Name, time.Weekday(d))
		}
	}
	return nil
}

// checkSizes checks that there are stages and channels, and no more
// stages, channels, classes or staff groups than a customer record holds.
func (m *Model) checkSizes() error {
	if len(m.Stages) == 0 {
		return fmt.Errorf("sim: model %q: no stages", m.Name)
	}
	const most = math.MaxInt16 // customers record channel, class and group in 16 bits
	if len(m.Stages) > most || len(m.Channels) > most || len(m.Classes) > most {
		return fmt.Errorf("sim: model %q: more than %d stages, channels or classes", m.Name, most)
	}
	for _, s := range m.Stages {
		if len(s.Groups) > most {
			return fmt.Errorf("sim: stage %q: more than %d staff groups", s.Name, most)
		}
	}
	if len(m.Channels) == 0 {
		return fmt.Errorf("sim: model %q: no channels", m.Name)
	}
	return nil
}

// checkClasses checks that the class shares are non-negative and sum to 1.
func (m *Model) checkClasses() error {
	share := 0.0
	for _, c := range m.Classes {
		if c.Share < 0 {
			return fmt.Errorf("sim: class %q: negative share", c.Name)
		}
		share += c.Share
	}
	if len(m.Classes) > 0 && math.Abs(share-1) > 1e-9 {
		return fmt.Errorf("sim: class shares sum to %g, not 1", share)
	}
	return nil
}

// checkTrace checks that the recorded arrivals are sorted and name
// existing channels and classes.
func (m *Model) checkTrace() error {
	prev := 0.0
	for i, a := range m.Trace {
		if a.T < prev || math.IsNaN(a.T) {
			return fmt.Errorf("sim: trace arrival %d at %g min is out of order", i+1, a.T)
		}
		prev = a.T
		if a.Channel < 0 || a.Channel >= len(m.Channels) || a.Class < -1 || a.Class >= max(len(m.Classes), 1) {
			return fmt.Errorf("sim: trace arrival %d names channel %d, class %d", i+1, a.Channel, a.Class)
		}
	}
	return nil
}

// checkChannel checks a channel's route, appointment preferences, retry
// and arrival rates.
func (m *Model) checkChannel(c *Channel) error {
	if len(c.Route) == 0 {
		return fmt.Errorf("sim: channel %q: empty route", c.Name)
	}
	for _, s := range c.Route {
		if s.Stage < 0 || s.Stage >= len(m.Stages) {
			return fmt.Errorf("sim: channel %q: route names stage %d of %d", c.Name, s.Stage, len(m.Stages))
		}
		if s.ByAppointment && m.Stages[s.Stage].Book == nil {
			return fmt.Errorf("sim: channel %q: stage %q is visited by appointment but has no appointment book", c.Name, m.Stages[s.Stage].Name)
		}
		if s.Prob < 0 || s.Prob > 1 {
			return fmt.Errorf("sim: channel %q: route probability %g outside [0,1]", c.Name, s.Prob)
		}
	}
	share := 0.0
	for _, p := range c.Preferences {
		if !(p.Share >= 0) {
			return fmt.Errorf("sim: channel %q: preference share must be >= 0", c.Name)
		}
		share += p.Share
	}
	if share > 1+1e-9 {
		return fmt.Errorf("sim: channel %q: preference shares sum to %g > 1", c.Name, share)
	}
	if c.Retry != nil {
		if c.Retry.Prob < 0 || c.Retry.Prob >= 1 || c.Retry.Prob > 0 && c.Retry.Delay == nil {
			return fmt.Errorf("sim: channel %q: retry needs a probability in [0,1) and a delay", c.Name)
		}
	}
	for d := range c.Rates {
		if err := checkSegments(c.Rates[d], false); err != nil {
			return fmt.Errorf("sim: channel %q: rates on %v: %w", c.Name, time.Weekday(d), err)
		}
		for _, s := range c.Rates[d] {
			// A rate read as a count over an interval may round past the
			// bound it was checked against.
			if s.Value*60 > MaxRatePerHour*(1+1e-9) {
				return fmt.Errorf("sim: channel %q: rates on %v: segment [%g, %g) has %g customers an hour, more than MaxRatePerHour (%g)", c.Name, time.Weekday(d), s.From, s.To, s.Value*60, float64(MaxRatePerHour))
			}
		}
	}
	return nil
}

// checkStage checks a stage: its distributions and book, retry and rework,
// group assignment, wait targets and staff groups (none needed when a
// pool serves it).
func (m *Model) checkStage(s *Stage, pooled bool) error {
	if err := m.checkService(s); err != nil {
		return err
	}
	reworks, err := checkLoops(s)
	if err != nil {
		return err
	}
	if err := m.checkAssign(s); err != nil {
		return err
	}
	if reworks && (s.Rework.To < 0 || s.Rework.To >= len(m.Stages)) {
		return fmt.Errorf("sim: stage %q: rework goes to stage %d of %d", s.Name, s.Rework.To, len(m.Stages))
	}
	if err := checkTargets(s); err != nil {
		return err
	}
	return checkGroups(s, pooled)
}

// checkService checks a stage's time distributions, its appointment book
// and the lengths of its per-channel and per-class service times.
func (m *Model) checkService(s *Stage) error {
	if s.Service == nil {
		return fmt.Errorf("sim: stage %q: no service-time distribution", s.Name)
	}
	durations := append([]Dist{s.Service, s.Delay, s.Patience, s.Retry.Delay, s.Rework.Delay}, s.ServiceByChannel...)
	for _, d := range append(durations, s.ServiceByClass...) {
		if _, ok := d.(Normal); ok {
			return fmt.Errorf("sim: stage %q: a normal distribution can be negative: use it for punctuality only", s.Name)
		}
	}
	if s.Book != nil {
		if err := s.Book.validate(s); err != nil {
			return fmt.Errorf("sim: stage %q: appointment book: %w", s.Name, err)
		}
	}
	if n := len(s.ServiceByChannel); n != 0 && n != len(m.Channels) {
		return fmt.Errorf("sim: stage %q: ServiceByChannel has %d entries for %d channels", s.Name, n, len(m.Channels))
	}
	if n := len(s.ServiceByClass); n != 0 && n != len(m.Classes) {
		return fmt.Errorf("sim: stage %q: ServiceByClass has %d entries for %d classes", s.Name, n, len(m.Classes))
	}
	return nil
}

// checkLoops checks a stage's retry and rework probabilities and its
// groups' fix rates, and reports whether any customer can be sent back.
func checkLoops(s *Stage) (reworks bool, err error) {
	if s.Retry.Prob < 0 || s.Retry.Prob >= 1 {
		return false, fmt.Errorf("sim: stage %q: retry probability must be in [0,1) (got %g)", s.Name, s.Retry.Prob)
	}
	if s.Retry.Prob > 0 && s.Retry.Delay == nil {
		return false, fmt.Errorf("sim: stage %q: retry without a delay distribution", s.Name)
	}
	if s.Rework.Prob < 0 || s.Rework.Prob >= 1 {
		return false, fmt.Errorf("sim: stage %q: rework probability must be in [0,1) (got %g)", s.Name, s.Rework.Prob)
	}
	reworks = s.Rework.Prob > 0
	for _, g := range s.Groups {
		if g.FixRate < 0 || g.FixRate > 1 {
			return false, fmt.Errorf("sim: stage %q group %q: fix rate must be in (0, 1] (got %g)", s.Name, g.Name, g.FixRate)
		}
		reworks = reworks || (g.FixRate > 0 && g.FixRate < 1)
	}
	return reworks, nil
}

// checkAssign checks a stage's group-assignment rule and, for
// AssignByClass, its ClassGroups.
func (m *Model) checkAssign(s *Stage) error {
	if s.Assign < AssignFastest || s.Assign > AssignByClass {
		return fmt.Errorf("sim: stage %q: unknown assignment rule %d", s.Name, s.Assign)
	}
	if s.Assign != AssignByClass {
		return nil
	}
	if len(s.ClassGroups) != max(len(m.Classes), 1) {
		return fmt.Errorf("sim: stage %q: ClassGroups has %d entries for %d classes", s.Name, len(s.ClassGroups), max(len(m.Classes), 1))
	}
	for _, gs := range s.ClassGroups {
		for _, g := range gs {
			if g < 0 || g >= len(s.Groups) {
				return fmt.Errorf("sim: stage %q: ClassGroups names group %d of %d", s.Name, g, len(s.Groups))
			}
		}
	}
	return nil
}

// checkTargets checks a stage's service-level thresholds and its balking
// bound.
func checkTargets(s *Stage) error {
	if !(s.Target > 0) {
		return fmt.Errorf("sim: stage %q: Target must be > 0 (got %g)", s.Name, s.Target)
	}
	for _, t := range s.Targets {
		if !(t >= 0) || math.IsInf(t, 0) {
			return fmt.Errorf("sim: stage %q: service-level thresholds must be >= 0 (got %g)", s.Name, t)
		}
	}
	if s.BalkAt < 0 {
		return fmt.Errorf("sim: stage %q: BalkAt must be >= 0", s.Name)
	}
	return nil
}

// checkGroups checks that a stage has staff groups (or a pool serving
// it) with valid costs, speeds and schedules.
func checkGroups(s *Stage, pooled bool) error {
	if len(s.Groups) == 0 && !pooled {
		return fmt.Errorf("sim: stage %q: no staff groups", s.Name)
	}
	for _, g := range s.Groups {
		if !(g.Cost >= 0) || !(g.OvertimeCost >= 0) {
			return fmt.Errorf("sim: stage %q group %q: costs must be >= 0", s.Name, g.Name)
		}
		if !(g.Speed > 0) {
			return fmt.Errorf("sim: stage %q group %q: Speed must be > 0 (got %g)", s.Name, g.Name, g.Speed)
		}
		for d := range g.Staff {
			if err := checkSegments(g.Staff[d], true); err != nil {
				return fmt.Errorf("sim: stage %q group %q: staff on %v: %w", s.Name, g.Name, time.Weekday(d), err)
			}
		}
	}
	return nil
}

// checkSegments checks that segs are sorted, non-overlapping, inside the day
// and non-negative (whole numbers when whole is set).
func checkSegments(segs []Segment, whole bool) error {
	prev := 0.0
	for _, s := range segs {
		if s.From < prev || s.To <= s.From || s.To > MinutesPerDay {
			return fmt.Errorf("segment [%g, %g) out of order, empty or outside the day", s.From, s.To)
		}
		if s.Value < 0 || math.IsNaN(s.Value) || math.IsInf(s.Value, 0) {
			return fmt.Errorf("segment [%g, %g) has value %g", s.From, s.To, s.Value)
		}
		if whole && s.Value != math.Trunc(s.Value) {
			return fmt.Errorf("segment [%g, %g) has fractional headcount %g", s.From, s.To, s.Value)
		}
		prev = s.To
	}
	return nil
}
