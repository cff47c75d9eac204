package bundle

import (
	"bytes"
	"errors"
	"io"
	"io/fs"
	"path"
	"time"
)

// Interfaces the Bundle satisfies.
var (
	_ fs.FS         = (*Bundle)(nil)
	_ fs.ReadFileFS = (*Bundle)(nil)
	_ fs.ReadDirFS  = (*Bundle)(nil)
	_ fs.StatFS     = (*Bundle)(nil)
)

// Open opens an accepted file or a directory of the bundle, implementing
// fs.FS. Directories are those implied by the accepted files' paths. Opening
// a refused file fails with an *fs.PathError wrapping its File.Err.
func (b *Bundle) Open(name string) (fs.File, error) {
	if data, ok := b.content[name]; ok {
		return &openFile{Reader: bytes.NewReader(data), info: fileInfo{name: path.Base(name), size: int64(len(data))}}, nil
	}
	if _, ok := b.dirs[name]; ok {
		return &openDir{b: b, name: name}, nil
	}
	return nil, b.missing("open", name)
}

// Stat describes an accepted file or a directory, implementing fs.StatFS.
func (b *Bundle) Stat(name string) (fs.FileInfo, error) {
	if data, ok := b.content[name]; ok {
		return fileInfo{name: path.Base(name), size: int64(len(data))}, nil
	}
	if _, ok := b.dirs[name]; ok {
		return fileInfo{name: path.Base(name), dir: true}, nil
	}
	return nil, b.missing("stat", name)
}

// ReadDir lists a directory of accepted files in name order, implementing
// fs.ReadDirFS.
func (b *Bundle) ReadDir(name string) ([]fs.DirEntry, error) {
	children, ok := b.dirs[name]
	if !ok {
		if _, isFile := b.content[name]; isFile {
			return nil, &fs.PathError{Op: "readdir", Path: name, Err: errors.New("not a directory")}
		}
		return nil, b.missing("readdir", name)
	}
	out := make([]fs.DirEntry, len(children))
	for i, c := range children {
		out[i] = fs.FileInfoToDirEntry(b.childInfo(path.Join(name, c)))
	}
	return out, nil
}

// childInfo describes a path known to exist.
func (b *Bundle) childInfo(p string) fileInfo {
	if data, ok := b.content[p]; ok {
		return fileInfo{name: path.Base(p), size: int64(len(data))}
	}
	return fileInfo{name: path.Base(p), dir: true}
}

// missing is the error for a name that is neither accepted nor a directory.
func (b *Bundle) missing(op, name string) error {
	if err, ok := b.refused[name]; ok {
		return &fs.PathError{Op: op, Path: name, Err: err}
	}
	if !fs.ValidPath(name) {
		return &fs.PathError{Op: op, Path: name, Err: fs.ErrInvalid}
	}
	return &fs.PathError{Op: op, Path: name, Err: fs.ErrNotExist}
}

// fileInfo describes a bundle file or directory. Modification times are
// always zero so the view is deterministic.
type fileInfo struct {
	name string
	size int64
	dir  bool
}

func (fi fileInfo) Name() string { return fi.name }
func (fi fileInfo) Size() int64  { return fi.size }
func (fi fileInfo) Mode() fs.FileMode {
	if fi.dir {
		return fs.ModeDir | 0o555
	}
	return 0o444
}
func (fi fileInfo) ModTime() time.Time { return time.Time{} }
func (fi fileInfo) IsDir() bool        { return fi.dir }
func (fi fileInfo) Sys() any           { return nil }

// openFile is an open accepted file; it also supports Seek and ReadAt.
type openFile struct {
	*bytes.Reader
	info fileInfo
}

func (f *openFile) Stat() (fs.FileInfo, error) { return f.info, nil }
func (f *openFile) Close() error               { return nil }

// openDir is an open directory.
type openDir struct {
	b    *Bundle
	name string
	pos  int
}

func (d *openDir) Stat() (fs.FileInfo, error) {
	return fileInfo{name: path.Base(d.name), dir: true}, nil
}

func (d *openDir) Read([]byte) (int, error) {
	return 0, &fs.PathError{Op: "read", Path: d.name, Err: errors.New("is a directory")}
}

func (d *openDir) Close() error { return nil }

// ReadDir implements fs.ReadDirFile.
func (d *openDir) ReadDir(n int) ([]fs.DirEntry, error) {
	children := d.b.dirs[d.name]
	rest := children[d.pos:]
	if n > 0 && len(rest) == 0 {
		return nil, io.EOF
	}
	if n > 0 && n < len(rest) {
		rest = rest[:n]
	}
	out := make([]fs.DirEntry, len(rest))
	for i, c := range rest {
		out[i] = fs.FileInfoToDirEntry(d.b.childInfo(path.Join(d.name, c)))
	}
	d.pos += len(rest)
	return out, nil
}
