// Package bundle reads an application bundle — a .zip archive or a folder —
// safely into a memory-bounded, read-only form for the pipeline.
//
// A [Bundle] lists every file of the application, accepted or refused, and
// serves the accepted ones as an [fs.FS]. Opening never fails because of one
// bad entry: a refused entry is listed with [File.Err] set and the rest of the
// bundle is still read. [Open] and friends return an error only when nothing
// can be read at all (missing path, not a zip, cancelled context).
//
// Decisions, for reviewers and callers:
//
//   - Paths are kept as stored, decoded to UTF-8; a top folder common to all
//     files is not stripped ([Bundle.TopDir] reports it, and fs.Sub(b, dir)
//     gives the stripped view). Backslashes are read as separators (several
//     Windows zippers write them); "." and empty elements are dropped. An
//     entry with a ".." element, an absolute path, a drive letter or a
//     control character is refused with [ErrInsecurePath] and never read; its
//     Path is the decoded name as stored.
//   - Names: an entry with the zip UTF-8 flag and valid UTF-8 is UTF-8; an
//     Info-ZIP Unicode Path extra field (0x7075) whose CRC matches is used
//     next; any other name is read as UTF-8 or GBK, whichever is valid and
//     reads more like a Chinese file name (GBK "小" is also valid UTF-8 "С"),
//     ties going to the encoding that suits the whole archive, and code page
//     437 when neither is valid. Folder names that are
//     not valid UTF-8 (a GBK zip unpacked by a tool that kept raw bytes) are
//     decoded the same way.
//   - OS metadata (__MACOSX/, ._* AppleDouble files, .DS_Store, Thumbs.db,
//     desktop.ini and similar) is skipped: not in Files, not in the folder
//     hash, but named in [Bundle.Ignored] so nothing disappears unseen
//     ([IgnoredReason] says why). Directories are not listed.
//   - Characters that change how a name reads without being seen (control
//     and format characters: bidirectional overrides, zero-width spaces,
//     line separators) are shown escaped as "<U+202E>" in Path, so a
//     reviewer sees the name as stored ([EscapeName]).
//   - Zip entries whose data overlap (several central-directory entries
//     pointing at one local entry, or nested entries) get [ErrOverlap]
//     except the first, so shared data is never inflated twice.
//   - Entries are processed in Path order, so a zip and the folder it came
//     from accept the same files. The first [Limits.MaxFiles] entries are
//     read; later ones are listed with [ErrLimit]. An entry larger than
//     [Limits.MaxFileBytes] gets [ErrTooLarge]; one whose compression ratio
//     exceeds [Limits.MaxRatio] gets [ErrBomb] (checked on the declared sizes
//     and again on the bytes actually inflated, once past 1 MiB). When the
//     accepted content would exceed [Limits.MaxTotalBytes], that entry and
//     every later one get [ErrLimit].
//   - Sizes are counted on the bytes actually read, never on the header.
//     Accepted content is read once, hashed and kept in memory, so the total
//     held is at most MaxTotalBytes; reads afterwards never touch the source
//     again, and a Bundle needs no Close.
//   - A nested .zip is an ordinary file; it is not expanded (pass its bytes
//     to [OpenZip] to look inside).
//   - Encrypted entries get [ErrEncrypted], unknown compression methods and
//     symbolic links inside a zip get [ErrUnsupported], CRC or format errors
//     get [ErrCorrupt], repeated paths get [ErrDuplicate] (the first entry in
//     archive order wins).
//   - A zip whose central directory is missing or unreadable (a truncated
//     upload) is recovered from its local headers; [Bundle.Recovered] says
//     so, and the entry cut short gets [ErrCorrupt].
//   - In a folder, symbolic links are followed only when they stay inside the
//     folder and point to a regular file; others are refused. Special files
//     (FIFOs, devices, sockets) are refused unopened.
//   - Bundle.SHA256 is the SHA-256 of the zip file; for a folder it is the
//     SHA-256 of the lines "path\x00sha256\n" of its listed files in Path
//     order (a refused file contributes an empty hash). Both are
//     deterministic; modification times are never used.
package bundle

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"sort"
	"strings"
)

// Sentinel errors carried by [File.Err] (and, for ErrNotBundle, by [Open]).
// Test for them with errors.Is.
var (
	// ErrInsecurePath marks an entry whose path escapes the bundle: a ".."
	// element, an absolute path, a drive letter, a control character, or a
	// symbolic link leading outside the folder.
	ErrInsecurePath = errors.New("bundle: insecure path")
	// ErrTooLarge marks an entry larger than Limits.MaxFileBytes.
	ErrTooLarge = errors.New("bundle: file too large")
	// ErrBomb marks an entry whose compression ratio exceeds Limits.MaxRatio.
	ErrBomb = errors.New("bundle: compression ratio too high (zip bomb)")
	// ErrLimit marks an entry beyond Limits.MaxFiles or beyond
	// Limits.MaxTotalBytes.
	ErrLimit = errors.New("bundle: bundle limit exceeded")
	// ErrEncrypted marks an encrypted zip entry.
	ErrEncrypted = errors.New("bundle: encrypted entry")
	// ErrCorrupt marks an entry that cannot be read intact: CRC mismatch,
	// truncated or malformed data.
	ErrCorrupt = errors.New("bundle: corrupt entry")
	// ErrUnsupported marks an entry of a kind the bundle does not read:
	// unknown compression method, symbolic link in a zip, special file,
	// symbolic link to a directory.
	ErrUnsupported = errors.New("bundle: unsupported entry")
	// ErrDuplicate marks an entry whose path was already used by an earlier
	// entry, or which is also the directory of other entries.
	ErrDuplicate = errors.New("bundle: duplicate path")
	// ErrOverlap marks a zip entry whose data overlaps another entry's: two
	// central-directory entries sharing one local entry, or entries nested
	// inside each other (a non-recursive zip bomb). The entry whose data
	// starts first keeps it.
	ErrOverlap = errors.New("bundle: entry shares its data with another entry")
	// ErrNotBundle is returned by Open and OpenZip when the input is neither
	// a folder nor a readable zip archive.
	ErrNotBundle = errors.New("bundle: not a zip archive or folder")
)

// ratioGrace is the inflated size below which the compression ratio is not
// checked: small, highly compressible files (a page of blanks) are harmless.
const ratioGrace = 1 << 20

// Limits bounds what reading one bundle may cost. A zero or negative field
// means the default from [DefaultLimits].
type Limits struct {
	// MaxFiles is the number of entries read; later entries get ErrLimit.
	MaxFiles int
	// MaxFileBytes is the largest accepted file, counted on the bytes read.
	MaxFileBytes int64
	// MaxTotalBytes bounds the accepted content held in memory.
	MaxTotalBytes int64
	// MaxRatio is the largest per-entry compression ratio (uncompressed
	// divided by compressed size) accepted past the first MiB.
	MaxRatio float64
}

// DefaultLimits returns 500 files, 64 MiB per file, 512 MiB in total and a
// compression ratio of 100.
func DefaultLimits() Limits {
	return Limits{MaxFiles: 500, MaxFileBytes: 64 << 20, MaxTotalBytes: 512 << 20, MaxRatio: 100}
}

// withDefaults replaces unset fields by their defaults.
func (l Limits) withDefaults() Limits {
	d := DefaultLimits()
	if l.MaxFiles <= 0 {
		l.MaxFiles = d.MaxFiles
	}
	if l.MaxFileBytes <= 0 {
		l.MaxFileBytes = d.MaxFileBytes
	}
	if l.MaxTotalBytes <= 0 {
		l.MaxTotalBytes = d.MaxTotalBytes
	}
	if l.MaxRatio <= 0 {
		l.MaxRatio = d.MaxRatio
	}
	return l
}

// File is one file of a bundle, accepted or refused.
type File struct {
	// Path is the slash-separated path inside the bundle, decoded to UTF-8.
	// For an accepted file it is cleaned (backslashes read as separators, "."
	// and empty elements dropped); for a refused one it is the name as stored.
	Path string
	// Size is the number of bytes read for an accepted file, or the declared
	// size of a refused one (0 when unknown).
	Size int64
	// SHA256 is the hex SHA-256 of the content; empty if it was not read.
	SHA256 string
	// Err says why the entry was refused or unreadable; nil when the file is
	// accepted and ReadFile and Open serve it. It does not repeat the path.
	Err error
}

// Bundle is an application bundle read into memory. It is safe for concurrent
// use once returned; it implements fs.FS, fs.ReadFileFS, fs.ReadDirFS and
// fs.StatFS over its accepted files.
type Bundle struct {
	// Name is the base name of the zip without ".zip", or of the folder.
	// Callers may overwrite it.
	Name string
	// SHA256 is the hex SHA-256 of the zip file; for a folder, of the lines
	// "path\x00sha256\n" of Files in order.
	SHA256 string
	// Files lists every file, accepted or refused, sorted by Path. It excludes
	// directories and OS metadata.
	Files []File
	// Ignored lists the OS metadata paths that were skipped, sorted.
	Ignored []string
	// Recovered is true when the zip's central directory was missing or
	// unreadable and the entries were recovered from local headers.
	Recovered bool

	content map[string][]byte   // accepted files
	refused map[string]error    // refused files, by Path
	dirs    map[string][]string // directory → sorted child names, accepted files only
}

// Open reads the bundle at path: a folder, or a zip archive (any other file
// is tried as a zip). It fails only when nothing can be read at all.
func Open(ctx context.Context, path string, lim Limits) (*Bundle, error) {
	fi, err := os.Stat(path)
	if err != nil {
		return nil, fmt.Errorf("open bundle: %w", err)
	}
	if fi.IsDir() {
		return OpenDir(ctx, path, lim)
	}
	if !fi.Mode().IsRegular() {
		return nil, fmt.Errorf("open bundle %s: %w: not a regular file", path, ErrNotBundle)
	}
	f, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("open bundle: %w", err)
	}
	defer f.Close()
	name := filepath.Base(path)
	if ext := filepath.Ext(name); strings.EqualFold(ext, ".zip") {
		name = strings.TrimSuffix(name, ext)
	}
	b, err := OpenZip(ctx, f, fi.Size(), name, lim)
	if err != nil {
		return nil, fmt.Errorf("open bundle %s: %w", path, err)
	}
	return b, nil
}

// Lookup returns the listed file with the given path, accepted or refused.
func (b *Bundle) Lookup(name string) (File, bool) {
	i := sort.Search(len(b.Files), func(i int) bool { return b.Files[i].Path >= name })
	if i < len(b.Files) && b.Files[i].Path == name {
		// Among duplicates, prefer the accepted one.
		for j := i; j < len(b.Files) && b.Files[j].Path == name; j++ {
			if b.Files[j].Err == nil {
				return b.Files[j], true
			}
		}
		return b.Files[i], true
	}
	return File{}, false
}

// Accepted returns the files that were read successfully, in Path order.
func (b *Bundle) Accepted() []File {
	var out []File
	for _, f := range b.Files {
		if f.Err == nil {
			out = append(out, f)
		}
	}
	return out
}

// TopDir returns the top folder shared by every listed file ("" if there is
// none), so that fs.Sub(b, b.TopDir()) shows the bundle as if the folder had
// been zipped without it.
func (b *Bundle) TopDir() string {
	top := ""
	for i, f := range b.Files {
		first, _, ok := strings.Cut(f.Path, "/")
		if !ok || first == "" || !fs.ValidPath(first) {
			return ""
		}
		if i == 0 {
			top = first
		} else if first != top {
			return ""
		}
	}
	return top
}

// ReadFile returns a copy of the content of an accepted file. For a refused
// file the error wraps its File.Err; for an unknown one fs.ErrNotExist.
// Content was bounded by Limits.MaxFileBytes when it was read.
func (b *Bundle) ReadFile(name string) ([]byte, error) {
	if data, ok := b.content[name]; ok {
		return append([]byte(nil), data...), nil
	}
	if err, ok := b.refused[name]; ok {
		return nil, &fs.PathError{Op: "read", Path: name, Err: err}
	}
	if !fs.ValidPath(name) {
		return nil, &fs.PathError{Op: "read", Path: name, Err: fs.ErrInvalid}
	}
	if _, ok := b.dirs[name]; ok {
		return nil, &fs.PathError{Op: "read", Path: name, Err: errors.New("is a directory")}
	}
	return nil, &fs.PathError{Op: "read", Path: name, Err: fs.ErrNotExist}
}

// finish sets Files and builds the lookup maps for the fs.FS view.
func (b *Bundle) finish(files []File, content map[string][]byte) {
	b.Files = files
	b.content = content
	b.refused = make(map[string]error)
	for _, f := range files {
		if _, ok := b.refused[f.Path]; !ok && f.Err != nil {
			if _, accepted := content[f.Path]; !accepted {
				b.refused[f.Path] = f.Err
			}
		}
	}
	children := map[string]map[string]bool{".": {}}
	for p := range content {
		for p != "." {
			dir := path.Dir(p)
			seen := children[dir] != nil
			if !seen {
				children[dir] = map[string]bool{}
			}
			children[dir][path.Base(p)] = true
			if seen {
				break
			}
			p = dir
		}
	}
	b.dirs = make(map[string][]string, len(children))
	for dir, set := range children {
		names := make([]string, 0, len(set))
		for n := range set {
			names = append(names, n)
		}
		sort.Strings(names)
		b.dirs[dir] = names
	}
}
