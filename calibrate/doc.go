// Package calibrate fits the satisfaction model's parameters to a
// planner's own survey (docs/model.md, "Calibrating from your own
// survey"): each touchpoint's tolerance T and steepness h by logistic
// regression of "satisfied with the wait?" on ln(wait), and the rating
// ceiling, touchpoint weights and rating noise by least squares of the
// 0–10 recommendation answer on the fitted wait scores.
//
// ReadSurvey reads the survey CSV (one row per respondent; errors name
// the file, row and column). Survey.FitTolerance fits one touchpoint's
// curve by maximum likelihood (gonum's Newton method) with standard errors
// from the Fisher information; Survey.FitWeights fits the weights by
// ordinary least squares (gonum's QR); YAML writes the fitted values as a
// fragment of a scenario's satisfaction: section. A fit refuses data that
// cannot identify it (fewer than MinRows answers, all answers alike,
// perfect separation) with an error that says why.
package calibrate
