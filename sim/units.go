package sim

import (
	"math"
	"strings"
)

// Long times read better in hours or days than in minutes: 1168 min is
// 19.5 h. Times whose largest shown value is at least hoursFrom minutes
// are shown in hours, at least daysFrom minutes in days.
const (
	hoursFrom = 120
	daysFrom  = 2 * MinutesPerDay
)

// Display returns how values in unit u are shown to people, in tables and
// on chart axes alike: the factor to multiply a value (or a half-width)
// by, and the unit to print. Shares are percentages and NPS is in points.
// For figures shown together whose largest absolute value (in u) is
// magnitude, minutes become hours from 120 min and days from 2 days; give
// 0 to keep minutes. Money is in currency per day or week ("EUR/day"), or
// "per day" when currency is empty. Every other unit is shown as it is.
func (u Unit) Display(currency string, magnitude float64) (scale float64, label string) {
	switch u {
	case Minutes:
		switch m := math.Abs(magnitude); {
		case m >= daysFrom:
			return 1.0 / MinutesPerDay, "days"
		case m >= hoursFrom:
			return 1.0 / 60, "h"
		}
		return 1, "min"
	case Money, MoneyWeek:
		per := strings.TrimPrefix(string(u), "money/")
		if currency == "" {
			return 1, "per " + per
		}
		return 1, currency + "/" + per
	case Share:
		return 100, "%"
	case NPSPoints:
		return 1, "points"
	}
	return 1, string(u)
}
