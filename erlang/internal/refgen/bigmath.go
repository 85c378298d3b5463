package main

import (
	"math"
	"math/big"
)

// prec is the working precision in bits (about 77 decimal digits). Every
// sum below has at most a few hundred thousand terms, all positive, so the
// results keep well over 60 correct digits before they are rounded to
// float64 for the file.
const prec = 256

// eps is the relative size below which a remaining tail is dropped:
// 1e-75, under the precision and far under float64's 1e-16.
var eps = num(1e-75)

func num(v float64) *big.Float { return new(big.Float).SetPrec(prec).SetFloat64(v) }
func integer(v int) *big.Float { return new(big.Float).SetPrec(prec).SetInt64(int64(v)) }

func add(a, b *big.Float) *big.Float { return new(big.Float).SetPrec(prec).Add(a, b) }
func sub(a, b *big.Float) *big.Float { return new(big.Float).SetPrec(prec).Sub(a, b) }
func mul(a, b *big.Float) *big.Float { return new(big.Float).SetPrec(prec).Mul(a, b) }
func quo(a, b *big.Float) *big.Float { return new(big.Float).SetPrec(prec).Quo(a, b) }
func neg(a *big.Float) *big.Float    { return new(big.Float).SetPrec(prec).Neg(a) }
func abs(a *big.Float) *big.Float    { return new(big.Float).SetPrec(prec).Abs(a) }

// f64 rounds x to the nearest float64.
func f64(x *big.Float) float64 {
	v, _ := x.Float64()
	return v
}

// less reports whether a < b.
func less(a, b *big.Float) bool { return a.Cmp(b) < 0 }

// exp is e^x: x is halved k times until it is below 2^-20, the Taylor
// series is summed there, and the result squared k times, with 64 guard
// bits for the squarings.
func exp(x *big.Float) *big.Float {
	if x.Sign() < 0 {
		return quo(num(1), exp(neg(x)))
	}
	wp := uint(prec + 64)
	r := new(big.Float).SetPrec(wp).Set(x)
	k := 0
	for r.Sign() > 0 && r.MantExp(nil) > -20 {
		r.SetMantExp(r, -1)
		k++
	}
	sum := new(big.Float).SetPrec(wp).SetInt64(1)
	term := new(big.Float).SetPrec(wp).SetInt64(1)
	tiny := new(big.Float).SetPrec(wp).SetMantExp(big.NewFloat(1), -int(wp))
	for n := int64(1); ; n++ {
		term.Mul(term, r)
		term.Quo(term, new(big.Float).SetPrec(wp).SetInt64(n))
		sum.Add(sum, term)
		if term.Cmp(new(big.Float).SetPrec(wp).Mul(sum, tiny)) < 0 {
			break
		}
	}
	for ; k > 0; k-- {
		sum.Mul(sum, sum)
	}
	return new(big.Float).SetPrec(prec).Set(sum)
}

// log is the natural logarithm of x > 0, by Newton's iteration on
// e^y = x in the form y += 2 (x - e^y) / (x + e^y) (cubically convergent)
// from float64's logarithm of the mantissa plus the exponent times ln 2.
func log(x *big.Float) *big.Float {
	if x.Sign() <= 0 {
		panic("refgen: log of a non-positive number")
	}
	mant := new(big.Float)
	e := x.MantExp(mant)
	m, _ := mant.Float64()
	y := num(math.Log(m) + float64(e)*math.Ln2)
	tiny := new(big.Float).SetMantExp(big.NewFloat(1), -prec)
	for range 20 {
		ey := exp(y)
		d := quo(mul(num(2), sub(x, ey)), add(x, ey))
		y = add(y, d)
		if less(abs(d), mul(tiny, add(num(1), abs(y)))) {
			return y
		}
	}
	return y
}
