package archive

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"time"

	"ruku/pipeline/dossier"
)

// ReadBundle reads a bundle from the file system as the zip that is
// archived and verified, as Fetch does for an upload: a zip file as is, a
// folder zipped by ZipFolder (the same files give the same SHA-256 as the
// same folder uploaded). Only regular files inside the folder are taken
// (symbolic links are followed only within it). maxBytes bounds the total
// size (0: no bound). The upload time is the newest file time.
func ReadBundle(path string, maxBytes int64) (*Upload, error) {
	st, err := os.Stat(path)
	if err != nil {
		return nil, fmt.Errorf("read bundle: %w", err)
	}
	name := BundleName(filepath.Base(filepath.Clean(path)), false)
	if !st.IsDir() {
		if maxBytes > 0 && st.Size() > maxBytes {
			return nil, fmt.Errorf("read bundle %s: %w (%d > %d bytes)", path, ErrTooLarge, st.Size(), maxBytes)
		}
		b, err := readFile(path, maxBytes)
		if err != nil {
			return nil, err
		}
		return newUpload(name+".zip", false, name, b, st.ModTime()), nil
	}
	root, err := os.OpenRoot(path)
	if err != nil {
		return nil, fmt.Errorf("read bundle: %w", err)
	}
	defer root.Close()
	var (
		files  []FolderFile
		total  int64
		newest time.Time
	)
	err = fs.WalkDir(root.FS(), ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() {
			return nil
		}
		info, err := root.Stat(p) // follows links, only within the folder
		if err != nil || !info.Mode().IsRegular() {
			return nil
		}
		total += info.Size()
		if maxBytes > 0 && total > maxBytes {
			return fmt.Errorf("%w (more than %d bytes)", ErrTooLarge, maxBytes)
		}
		f, err := root.Open(p)
		if err != nil {
			return err
		}
		defer f.Close()
		b, err := io.ReadAll(io.LimitReader(f, info.Size()+1))
		if err != nil {
			return err
		}
		files = append(files, FolderFile{Path: p, Data: b})
		if info.ModTime().After(newest) {
			newest = info.ModTime()
		}
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("read bundle %s: %w", path, err)
	}
	if len(files) == 0 {
		return nil, fmt.Errorf("read bundle %s: no files", path)
	}
	z, err := ZipFolder(files)
	if err != nil {
		return nil, fmt.Errorf("read bundle %s: %w", path, err)
	}
	return newUpload(name+"/", true, name, z, newest), nil
}

func readFile(path string, maxBytes int64) ([]byte, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("read bundle: %w", err)
	}
	defer f.Close()
	var r io.Reader = f
	if maxBytes > 0 {
		r = io.LimitReader(f, maxBytes+1)
	}
	b, err := io.ReadAll(r)
	if err != nil {
		return nil, fmt.Errorf("read bundle %s: %w", path, err)
	}
	if maxBytes > 0 && int64(len(b)) > maxBytes {
		return nil, fmt.Errorf("read bundle %s: %w (more than %d bytes)", path, ErrTooLarge, maxBytes)
	}
	return b, nil
}

func newUpload(key string, folder bool, name string, zip []byte, at time.Time) *Upload {
	u := &Upload{Job: Job{Key: "submit/" + strings.TrimPrefix(key, "/"), Folder: folder, Name: name, UploadedAt: at.UTC()}, Zip: zip}
	u.SHA256 = sha256Hex(zip)
	return u
}

// Submit archives a bundle read by ReadBundle and verifies it into the
// dossiers bucket, as the worker does for an upload, in this process: no
// queue, no uploads bucket. A bundle that cannot be read still gets a
// dossier; its error (Kind Unreadable) is returned with it.
func (p *Processor) Submit(ctx context.Context, up *Upload) (*dossier.Dossier, error) {
	if err := Archive(ctx, p.Store, up, p.retainUntil()); err != nil {
		return nil, E("archive", Transient, err)
	}
	return p.VerifyZip(ctx, up, Attempt{Last: true})
}

func sha256Hex(b []byte) string {
	sum := sha256.Sum256(b)
	return hex.EncodeToString(sum[:])
}
