// Package calibrate fits the satisfaction model's parameters to a
// planner's own survey (docs/model.md, "Calibrating from your own
// survey"): each touchpoint's tolerance T and steepness h by logistic
// regression of "satisfied with the wait?" on ln(wait), and the rating
// ceiling, touchpoint weights and rating noise by least squares of the
// 0–10 recommendation answer on the fitted wait scores.
package calibrate
