package bundle

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"unicode/utf8"
)

// OpenDir reads the folder dir as a bundle. Symbolic links are followed only
// to regular files inside dir. It fails only when dir cannot be opened or
// listed, or when ctx is done.
func OpenDir(ctx context.Context, dir string, lim Limits) (*Bundle, error) {
	lim = lim.withDefaults()
	root, err := os.OpenRoot(dir)
	if err != nil {
		return nil, fmt.Errorf("open folder: %w", err)
	}
	defer root.Close()

	type walked struct {
		rel  string
		typ  fs.FileMode
		size int64
		err  error
	}
	var found []walked
	fsys := root.FS()
	err = fs.WalkDir(fsys, ".", func(p string, d fs.DirEntry, err error) error {
		if ctxErr := ctx.Err(); ctxErr != nil {
			return ctxErr
		}
		if err != nil {
			if p == "." {
				return err
			}
			// An unreadable sub-folder: list it as refused and go on.
			found = append(found, walked{rel: p, err: fmt.Errorf("unreadable: %w", err)})
			if d != nil && d.IsDir() {
				return fs.SkipDir
			}
			return nil
		}
		if d.IsDir() {
			return nil
		}
		w := walked{rel: p, typ: d.Type()}
		if info, err := d.Info(); err == nil {
			w.size = info.Size()
		}
		found = append(found, w)
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("list folder %s: %w", dir, err)
	}

	raws := make([]rawName, len(found))
	for i, w := range found {
		raws[i] = rawName{raw: w.rel, utf8: utf8.ValidString(w.rel)}
	}
	names := decodeNames(raws)
	var cands []candidate
	var ignored []string
	for i, w := range found {
		c := candidate{path: names[i], err: w.err, size: -1, csize: -1, order: i}
		p, err := cleanPath(names[i])
		if err != nil {
			c.err = err
			cands = append(cands, c)
			continue
		}
		if isJunk(p) {
			ignored = append(ignored, EscapeName(p))
			continue
		}
		c.path = p
		if c.err == nil {
			c.size, c.err = checkDirEntry(root, w.rel, w.typ, w.size)
		}
		rel := w.rel
		c.open = func() (io.ReadCloser, error) { return openRegular(root, rel) }
		cands = append(cands, c)
	}
	files, content, err := readAll(ctx, cands, lim)
	if err != nil {
		return nil, fmt.Errorf("read folder %s: %w", dir, err)
	}
	sort.Strings(ignored)
	b := &Bundle{Name: filepath.Base(filepath.Clean(dir)), SHA256: folderHash(files), Ignored: ignored}
	b.finish(files, content)
	return b, nil
}

// checkDirEntry returns the size of a folder entry, or why it is refused:
// special files, symbolic links leaving the folder or naming a directory.
func checkDirEntry(root *os.Root, rel string, typ fs.FileMode, size int64) (int64, error) {
	switch {
	case typ.IsRegular():
		return size, nil
	case typ&fs.ModeSymlink == 0:
		return 0, fmt.Errorf("%w: special file (%v)", ErrUnsupported, typ)
	}
	info, err := root.Stat(rel) // follows the link, only within the root
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return 0, fmt.Errorf("unreadable: broken symbolic link: %w", err)
	case errors.Is(err, fs.ErrPermission):
		return 0, fmt.Errorf("unreadable: %w", err)
	case err != nil:
		return 0, fmt.Errorf("%w: symbolic link leads outside the folder: %w", ErrInsecurePath, err)
	case info.IsDir():
		return 0, fmt.Errorf("%w: symbolic link to a directory is not followed", ErrUnsupported)
	case !info.Mode().IsRegular():
		return 0, fmt.Errorf("%w: symbolic link to a special file", ErrUnsupported)
	}
	return info.Size(), nil
}

// openRegular opens rel under root, refusing anything but a regular file.
func openRegular(root *os.Root, rel string) (io.ReadCloser, error) {
	f, err := root.Open(rel)
	if err != nil {
		return nil, err
	}
	info, err := f.Stat()
	if err != nil {
		f.Close()
		return nil, err
	}
	if !info.Mode().IsRegular() {
		f.Close()
		return nil, fmt.Errorf("%w: not a regular file", ErrUnsupported)
	}
	return f, nil
}

// folderHash is the SHA-256 of the lines "path\x00sha256\n" of files, which
// are sorted by path.
func folderHash(files []File) string {
	h := sha256.New()
	for _, f := range files {
		io.WriteString(h, f.Path)
		h.Write([]byte{0})
		io.WriteString(h, f.SHA256)
		h.Write([]byte{'\n'})
	}
	return hex.EncodeToString(h.Sum(nil))
}
