//go:build !unix

package local

import "errors"

// errNotDir matches nothing where the file system has no ENOTDIR.
var errNotDir = errors.New("not a directory")
