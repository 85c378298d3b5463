package experiment

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"strconv"
	"strings"
)

// Part files and checkpoints are sealed: a one-line header names the kind
// of file, its format and the SHA-256 of the gob payload after it,
//
//	svcsim part 2 sha256=<64 hex digits>
//	<payload>
//
// so that a flipped bit, a truncation or bytes appended to the file are
// refused rather than merged or resumed into different numbers. Format 1,
// written by older builds, was the bare gob payload, without the header.
const sealFormat = 2

// Kinds of sealed files, the second word of the header.
const (
	sealPart       = "part"
	sealCheckpoint = "checkpoint"
)

// ErrDamaged says that a sealed file's payload does not have the SHA-256
// its header gives: the file changed after it was written.
var ErrDamaged = errors.New("damaged (checksum mismatch)")

// A FormatError says that a file is not a sealed file of the kind and
// format this build writes: an older build's, or no such file at all.
type FormatError struct {
	Kind   string // sealPart or sealCheckpoint
	Format string // the format the header gives; "" for no header
}

func (e *FormatError) Error() string {
	if e.Format == "" {
		return fmt.Sprintf("has no svcsim %s header: it is not a %s file, or an older svcsim wrote it in %s format 1, which this svcsim no longer reads", e.Kind, e.Kind, e.Kind)
	}
	return fmt.Sprintf("is in %s format %s; this svcsim reads format %d", e.Kind, e.Format, sealFormat)
}

// seal returns payload behind the header of kind.
func seal(kind string, payload []byte) []byte {
	sum := sha256.Sum256(payload)
	head := fmt.Sprintf("svcsim %s %d sha256=%s\n", kind, sealFormat, hex.EncodeToString(sum[:]))
	return append([]byte(head), payload...)
}

// maxSealHeader bounds the header line unseal looks for.
const maxSealHeader = 128

// unseal checks b's header (of kind, in sealFormat) and checksum and
// returns the payload; a *FormatError or ErrDamaged if they are wrong.
func unseal(kind string, b []byte) ([]byte, error) {
	prefix := "svcsim " + kind + " "
	if !bytes.HasPrefix(b, []byte(prefix)) {
		return nil, &FormatError{Kind: kind}
	}
	nl := bytes.IndexByte(b[:min(len(b), maxSealHeader)], '\n')
	if nl < 0 {
		return nil, ErrDamaged // the header itself is cut or garbled
	}
	format, sum, ok := strings.Cut(string(b[len(prefix):nl]), " sha256=")
	if !ok {
		return nil, ErrDamaged
	}
	if format != strconv.Itoa(sealFormat) {
		if _, err := strconv.Atoi(format); err != nil {
			return nil, ErrDamaged
		}
		return nil, &FormatError{Kind: kind, Format: format}
	}
	payload := b[nl+1:]
	got := sha256.Sum256(payload)
	if want, err := hex.DecodeString(sum); err != nil || !bytes.Equal(want, got[:]) {
		return nil, ErrDamaged
	}
	return payload, nil
}
