//go:build unix

package local

import "syscall"

// errNotDir is what the file system says when a path element is a file.
var errNotDir error = syscall.ENOTDIR
