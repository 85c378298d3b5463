package sim

import (
	"math"
)

// Satisfaction rates each customer's experience and feeds the ratings
// back into demand over the following days. The model and its sources are
// described in docs/model.md; in short, for a customer who finished the
// journey:
//
//	q_k = 1 / (1 + (phi_k W_k / T_k)^h_k)          wait score at touchpoint k
//	q_quality = s_g (1 - pi_fail if reworked) + b_rec
//	S = S_max - 10 sum_k w_k (1 - q_k) / sum_k w_k  over the touchpoints passed
//	    - incident penalty (times 1 - recovery share if recovered in time)
//	R = clamp(round(S + eps), 0, 10), eps ~ N(0, sigma^2)
//
// and a lost customer (gave up, balked or sent away) scores S_lost. Each
// rated customer posts a review with probability ReviewRate (times a
// propensity for detractors and promoters); reviews move a reputation that
// is displayed rounded; the displayed reputation, Lag days later,
// multiplies every channel's arrival rate.
type Satisfaction struct {
	Waits     []WaitTouchpoint
	Quality   *QualityTouchpoint // nil: service quality is not rated
	Incidents []Incident

	RatingMax  float64 // S_max: score of a perfect visit (0..10)
	NoiseSD    float64 // sigma: rating noise (>= 0)
	LostRating float64 // S_lost: score of a lost customer (0..10)

	Reputation Reputation

	// Revenue per customer who completes the journey (0: not reported).
	Revenue float64
}

// WaitTouchpoint scores the time customers wait at a stage (all their
// visits to it added up) with a log-logistic tolerance curve. With Lead
// set it scores the appointment lead time at the stage (booking to
// appointment) instead.
type WaitTouchpoint struct {
	Name       string // e.g. "booking_wait", "appointment_lead"
	Stage      int    // index into Model.Stages
	Lead       bool
	Weight     float64 // w >= 0
	Tolerance  float64 // T > 0 (minutes): the perceived wait scoring 0.5
	Steepness  float64 // h > 0
	Perception float64 // phi > 0: perceived / actual wait
}

// QualityTouchpoint scores service quality by the staff group that served
// the customer at a stage and whether the first visit fixed the problem
// (no rework).
type QualityTouchpoint struct {
	Name             string
	Stage            int
	Weight           float64
	GroupQuality     []float64 // s_g per staff group of the stage, in [0, 1]
	FailedFixPenalty float64   // pi_fail in [0, 1]
	RecoveryBonus    float64   // b_rec in [0, 1]: added after a rework visit
}

// Incident is a negative moment of truth that may happen at the end of
// service at a stage (a billing dispute, a service failure). It costs
// Penalty points unless a complaint task, handled at stage Handler with
// queue priority Priority, is resolved within Target minutes of the
// incident, which earns back RecoveryShare of the penalty. A customer has
// at most one incident; the complaint is handled after the customer's
// route.
type Incident struct {
	Name          string
	Stage         int
	Prob          float64
	Penalty       float64
	Handler       int // stage index; -1: no complaint handling
	Priority      int
	Target        float64
	RecoveryShare float64
}

// Reputation turns ratings into reviews and reviews into demand.
type Reputation struct {
	ReviewRate          float64 // r_rev: chance a passive posts a review
	DetractorPropensity float64 // a_D: multiplies ReviewRate for ratings 0-6
	PromoterPropensity  float64 // a_P: multiplies ReviewRate for ratings 9-10
	Memory              float64 // N_mem: reviews behind the starting reputation
	Initial             float64 // starting reputation in stars (1..5)
	DisplayRounding     float64 // displayed stars are rounded to this (0: not rounded)
	DemandPerStar       float64 // beta: ln of the demand factor per displayed star
	Lag                 int     // L: days from reputation to demand (>= 1)
	MinMultiplier       float64
	MaxMultiplier       float64
	RepeatShare         float64 // s_rep: share of demand from returning customers
	RetentionCurvature  float64 // kappa: retention falls by exp(-kappa) per rating point below 10
	Adaptation          float64 // gamma: daily adaptation of tolerances to experienced waits
}

// DefaultSatisfaction returns the parameters of docs/model.md with no
// touchpoints; the caller adds the touchpoints of its process.
func DefaultSatisfaction() Satisfaction {
	return Satisfaction{
		RatingMax:  9,
		NoiseSD:    1.5,
		LostRating: 2,
		Reputation: Reputation{
			ReviewRate:          0.05,
			DetractorPropensity: 1.5,
			PromoterPropensity:  1.2,
			Memory:              200,
			Initial:             4,
			DisplayRounding:     0.5,
			DemandPerStar:       math.Log(1.07),
			Lag:                 1,
			MinMultiplier:       0.5,
			MaxMultiplier:       1.5,
			RetentionCurvature:  0.9,
		},
	}
}

// maxTouchpoints bounds the wait touchpoints (a bit set per customer).
const maxTouchpoints = 32

// MaxTouchpoints is the most wait touchpoints a Satisfaction may have.
const MaxTouchpoints = maxTouchpoints

// Causes of lost points, after the wait touchpoints.
func (s *Satisfaction) causes(m *Model) []string {
	var c []string
	for _, w := range s.Waits {
		c = append(c, w.Name)
	}
	name := "service_quality"
	if s.Quality != nil && s.Quality.Name != "" {
		name = s.Quality.Name
	}
	c = append(c, name, "incidents")
	for _, st := range m.Stages {
		c = append(c, "lost_at_"+st.Name)
	}
	return c
}
