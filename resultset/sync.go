package resultset

import (
	"errors"
	"syscall"
)

// isUnsupported reports whether err says that the file system cannot
// sync a directory.
func isUnsupported(err error) bool {
	return errors.Is(err, syscall.EINVAL) || errors.Is(err, syscall.ENOTSUP)
}
