package scenarios

import (
	"errors"
	"fmt"
	"math"
	"math/big"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/svcsim/svcsim/sim"
)

func parseNumber(s string) (float64, error) {
	pct := strings.HasSuffix(s, "%")
	v, err := strconv.ParseFloat(strings.TrimSpace(strings.TrimSuffix(s, "%")), 64)
	if err != nil || math.IsNaN(v) || math.IsInf(v, 0) {
		return 0, fmt.Errorf("%q is not a number; valid: a finite number such as 2.5, or a share such as 10%%", s)
	}
	if pct {
		v /= 100
	}
	return v, nil
}

// A RangeError says that a whole number lies outside its field's range.
type RangeError struct {
	Got    string // the number as written
	Lo, Hi string // the range's bounds, inclusive
}

func (e *RangeError) Error() string {
	return fmt.Sprintf("out of range (got %s); valid: %s\u2013%s", e.Got, e.Lo, e.Hi)
}

func rangeError[T int64 | uint64](got string, lo, hi T) error {
	return &RangeError{Got: got, Lo: fmt.Sprint(lo), Hi: fmt.Sprint(hi)}
}

// wholeIn parses s, a whole number in [lo, hi]. A whole number may be
// written with a fraction or an exponent ("3.0", "1e3"), read exactly:
// "9007199254740993.0" is 9007199254740993, not the float64 nearest to
// it, and "2.000000000000000001" is not a whole number. One past int64
// ("99999999999999999999", "1e400") is out of range, like any other
// outside [lo, hi], so that the error gives the field's range.
func wholeIn(s string, lo, hi int64) (int64, error) {
	t := strings.TrimSpace(s)
	v, huge, ok := exactWhole(t)
	switch {
	case !ok:
		return 0, fmt.Errorf("%q is not a whole number; valid: a whole number from %d to %d", s, lo, hi)
	case huge || !v.IsInt64() || v.Int64() < lo || v.Int64() > hi:
		return 0, rangeError(t, lo, hi)
	}
	return v.Int64(), nil
}

// wholeUint parses s, a whole number in [0, math.MaxUint64], as wholeIn
// does.
func wholeUint(s string) (uint64, error) {
	t := strings.TrimSpace(s)
	v, huge, ok := exactWhole(t)
	switch {
	case !ok:
		return 0, fmt.Errorf("%q is not a whole number; valid: a whole number from 0 to %d", s, uint64(math.MaxUint64))
	case huge || !v.IsUint64():
		return 0, rangeError(t, 0, uint64(math.MaxUint64))
	}
	return v.Uint64(), nil
}

// maxWholeDigits bounds the digits exactWhole builds: any whole number
// with more lies outside every field's range (int64 and uint64 have at
// most 20), and building it would cost memory for nothing ("1e999999999").
const maxWholeDigits = 40

// exactWhole reads t, decimal digits with an optional sign, fraction and
// exponent ("-3", "+7", "2.50e1", ".5e1"), exactly, without rounding
// through a float64. ok is false if t is not such a number or not whole;
// huge is true (and v nil) for a whole number of more than maxWholeDigits
// digits. Its cost is linear in len(t).
func exactWhole(t string) (v *big.Int, huge, ok bool) {
	neg := false
	if t != "" && (t[0] == '+' || t[0] == '-') {
		neg = t[0] == '-'
		t = t[1:]
	}
	mant, exp := t, 0
	if i := strings.IndexAny(t, "eE"); i >= 0 {
		mant = t[:i]
		e, err := strconv.Atoi(t[i+1:])
		if err != nil && !errors.Is(err, strconv.ErrRange) {
			return nil, false, false
		}
		exp = e // on overflow, Atoi gives the nearest int: still far past any bound
	}
	intPart, frac, _ := strings.Cut(mant, ".")
	digits := intPart + frac
	if digits == "" || strings.Trim(digits, "0123456789") != "" || strings.Contains(frac, ".") {
		return nil, false, false
	}
	point := len(intPart) // the digits before the decimal point
	digits = strings.TrimLeft(digits, "0")
	point -= len(intPart+frac) - len(digits)
	digits = strings.TrimRight(digits, "0")
	if digits == "" {
		return new(big.Int), false, true
	}
	// The number is 0.digits × 10^(point+exp); it is whole when no digit
	// lies after the point.
	p := point + exp
	if exp > 0 && p < point || exp < 0 && p > point { // wrapped around
		p = exp
	}
	switch {
	case p < len(digits):
		return nil, false, false
	case p > maxWholeDigits:
		return nil, true, true
	}
	v, _ = new(big.Int).SetString(digits+strings.Repeat("0", p-len(digits)), 10)
	if neg {
		v.Neg(v)
	}
	return v, false, true
}

// durationUnits are the units of durations, in their short and natural
// forms, as minutes (a fraction: durations are read exactly).
var durationUnits = map[string]*big.Rat{}

func init() {
	for _, u := range []struct {
		names    []string
		num, den int64
	}{
		{[]string{"ms", "msec", "msecs", "millisecond", "milliseconds"}, 1, 60000},
		{[]string{"s", "sec", "secs", "second", "seconds"}, 1, 60},
		{[]string{"m", "min", "mins", "minute", "minutes"}, 1, 1},
		{[]string{"h", "hr", "hrs", "hour", "hours"}, 60, 1},
		{[]string{"d", "day", "days"}, sim.MinutesPerDay, 1},
	} {
		for _, n := range u.names {
			durationUnits[n] = big.NewRat(u.num, u.den)
		}
	}
}

// parseDuration reads "90s", "4m", "1.5h", "2d", "2 hours", "2days" or a
// compound such as "1h30m" or "1 hour 30 minutes", returning minutes. A
// bare number other than 0 is an error: the unit says whether 5 means
// seconds or minutes.
func parseDuration(s string) (float64, error) {
	r, err := parseDurationExact(s)
	if err != nil {
		return 0, err
	}
	v, _ := r.Float64()
	return checkDuration(s, v)
}

// parseDurationExact is parseDuration as an exact fraction of minutes, so
// that "20s" divides a day (a float64 third of a minute does not).
func parseDurationExact(s string) (*big.Rat, error) {
	t := strings.ToLower(strings.TrimSpace(s))
	if v, err := strconv.ParseFloat(t, 64); err == nil {
		if v == 0 {
			return new(big.Rat), nil
		}
		return nil, fmt.Errorf("%q needs a unit; valid: %s", s, validDuration)
	}
	bad := fmt.Errorf("%q is not a duration; valid: %s", s, validDuration)
	if strings.HasPrefix(t, "-") {
		return nil, fmt.Errorf("%q: a duration must be a finite number >= 0; valid: %s", s, validDuration)
	}
	if t == "" {
		return nil, bad
	}
	total := new(big.Rat)
	for t != "" {
		i := 0
		for i < len(t) && (t[i] >= '0' && t[i] <= '9' || t[i] == '.') {
			i++
		}
		num := t[:i]
		t = strings.TrimLeft(t[i:], " ")
		j := 0
		for j < len(t) && t[j] >= 'a' && t[j] <= 'z' {
			j++
		}
		unit := durationUnits[t[:j]]
		t = strings.TrimLeft(t[j:], " ")
		if num == "" || strings.Count(num, ".") > 1 || num == "." || unit == nil || len(num) > 30 {
			return nil, bad
		}
		v, ok := new(big.Rat).SetString(num)
		if !ok {
			return nil, bad
		}
		total.Add(total, v.Mul(v, unit))
	}
	return total, nil
}

// dividesDay returns the number of pieces of length r (minutes) in a
// day, if r divides a day exactly into at most most pieces.
func dividesDay(r *big.Rat, most int64) (int64, bool) {
	if r.Sign() <= 0 {
		return 0, false
	}
	q := new(big.Rat).Quo(big.NewRat(sim.MinutesPerDay, 1), r)
	if !q.IsInt() || !q.Num().IsInt64() || q.Num().Int64() > most {
		return 0, false
	}
	return q.Num().Int64(), true
}

func checkDuration(s string, v float64) (float64, error) {
	if math.IsNaN(v) || math.IsInf(v, 0) || v < 0 {
		return 0, fmt.Errorf("%q: a duration must be a finite number >= 0; valid: %s", s, validDuration)
	}
	return v, nil
}

// validDuration and validRate say what a duration and a rate may be, for
// errors.
const (
	validDuration = "a number >= 0 with its unit, such as 90s, 4m, 1.5h, 1h30m, 2 hours or 2d"
	validRate     = "a number >= 0 with its unit, such as 12/h, 0.5/min or 300/d"
)

// maxRatePerHour bounds arrival rates: the engine's bound, checked here
// to say which value breaks it.
const maxRatePerHour = sim.MaxRatePerHour

// parseRate reads "12/h", "0.5/min" or "300/d", returning customers per
// minute.
func parseRate(s string) (float64, error) {
	num, unit, ok := strings.Cut(strings.ReplaceAll(s, " ", ""), "/")
	per := map[string]float64{"s": 1.0 / 60, "sec": 1.0 / 60, "m": 1, "min": 1, "h": 60, "hour": 60, "d": 1440, "day": 1440}[unit]
	if !ok || per == 0 {
		return 0, fmt.Errorf("%q is not a rate; valid: %s", s, validRate)
	}
	v, err := strconv.ParseFloat(num, 64)
	if err != nil || math.IsNaN(v) || math.IsInf(v, 0) || v < 0 {
		return 0, fmt.Errorf("%q: a rate must be a number >= 0 with a unit; valid: %s", s, validRate)
	}
	if v/per*60 > maxRatePerHour {
		return 0, fmt.Errorf("%q is more than %g arrivals an hour, beyond any service desk (check the unit); valid: at most %g/h", s, float64(maxRatePerHour), float64(maxRatePerHour))
	}
	return v / per, nil
}

// clock reads a time of day "08:30" (or "24:00"), in minutes.
func parseClock(s string) (float64, error) {
	h, m, ok := strings.Cut(strings.TrimSpace(s), ":")
	hh, err1 := strconv.Atoi(h)
	mm, err2 := strconv.Atoi(m)
	if !ok || err1 != nil || err2 != nil || hh < 0 || mm < 0 || mm > 59 || hh*60+mm > sim.MinutesPerDay {
		return 0, fmt.Errorf("%q is not a time of day; valid: HH:MM from 00:00 to 24:00", s)
	}
	return float64(hh*60 + mm), nil
}

// parseRange reads "08:00-12:30" into [from, to) minutes.
func parseRange(s string) (sim.Window, error) {
	a, b, ok := strings.Cut(s, "-")
	if !ok {
		return sim.Window{}, fmt.Errorf("%q is not a time range; valid: HH:MM-HH:MM, such as 08:00-12:30", s)
	}
	from, err := parseClock(a)
	if err != nil {
		return sim.Window{}, err
	}
	to, err := parseClock(b)
	if err != nil {
		return sim.Window{}, err
	}
	if to <= from {
		return sim.Window{}, fmt.Errorf("%q ends before it starts; valid: a range within one day, such as 08:00-12:30 (ranges cannot cross midnight)", s)
	}
	return sim.Window{From: from, To: to}, nil
}

var dayNames = []string{"sun", "mon", "tue", "wed", "thu", "fri", "sat"}

// parseDays reads a set of weekdays: "mon", "mon-fri", "sat,sun",
// "weekdays", "weekend", "daily". Bit d is time.Weekday d.
func parseDays(s string) (uint8, error) {
	switch strings.ToLower(strings.TrimSpace(s)) {
	case "daily", "all", "every_day", "everyday":
		return 0x7f, nil
	case "weekdays":
		return 0x3e, nil
	case "weekend":
		return 0x41, nil
	}
	var set uint8
	for part := range strings.SplitSeq(strings.ToLower(s), ",") {
		a, b, isRange := strings.Cut(strings.TrimSpace(part), "-")
		from, to := dayIndex(a), dayIndex(b)
		if !isRange {
			to = from
		}
		if from < 0 || to < 0 {
			return 0, fmt.Errorf("%q is not a set of weekdays; valid: mon, mon-fri, sat,sun, weekdays, weekend or daily", s)
		}
		for d := from; ; d = (d + 1) % 7 {
			set |= 1 << d
			if d == to {
				break
			}
		}
	}
	return set, nil
}

// fullDayNames are the weekday names in full, by time.Weekday.
var fullDayNames = []string{"sunday", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday"}

// dayIndex returns the time.Weekday of a weekday name, short ("mon") or in
// full ("monday"), in lower case; -1 for anything else ("monkey" is not
// Monday).
func dayIndex(s string) int {
	s = strings.TrimSpace(s)
	if i := slices.Index(dayNames, s); i >= 0 {
		return i
	}
	return slices.Index(fullDayNames, s)
}

func parseWeekday(s string) (time.Weekday, error) {
	i := dayIndex(strings.ToLower(s))
	if i < 0 || strings.ContainsAny(s, ",-") {
		return 0, fmt.Errorf("%q is not a weekday; valid: monday, tuesday, ... or mon, tue, ...", s)
	}
	return time.Weekday(i), nil
}

// ValueKey returns a key that two texts share when a field reads them as
// the same value, so that a list of values can refuse repeats: a number
// in any notation ("2", "02", "2.0", "2e0"; "50%" and "0.5"), a duration
// in any units ("90s", "1m30s", "1.5m"; "0" and "0s"), else the text
// itself. Numbers are compared exactly, never through a float64.
func ValueKey(s string) string {
	t := strings.TrimSpace(s)
	num, pct := strings.CutSuffix(t, "%")
	if r, ok := exactNumber(strings.TrimSpace(num)); ok {
		if pct {
			r.Quo(r, big.NewRat(100, 1))
		}
		if r.Sign() == 0 {
			return "0"
		}
		return "number " + r.RatString()
	}
	if r, err := parseDurationExact(t); err == nil {
		if r.Sign() == 0 {
			return "0"
		}
		return "duration " + r.RatString()
	}
	return "text " + t
}

// exactNumber reads t, a decimal number with an optional sign, fraction
// and exponent, exactly. An exponent of more than 4 digits is refused:
// big.Rat would build a number of that many digits.
func exactNumber(t string) (*big.Rat, bool) {
	if _, err := strconv.ParseFloat(t, 64); err != nil && !errors.Is(err, strconv.ErrRange) {
		return nil, false
	}
	if strings.ContainsAny(t, "xXpPnN_") { // hex floats, inf, nan, digit separators
		return nil, false
	}
	if i := strings.IndexAny(t, "eE"); i >= 0 && len(strings.TrimLeft(t[i+1:], "+-")) > 4 {
		return nil, false
	}
	return new(big.Rat).SetString(t)
}
