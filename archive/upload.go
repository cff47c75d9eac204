package archive

import (
	"archive/zip"
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"slices"
	"strings"
	"time"

	"ruku/storage"
)

// Upload is a bundle fetched from the uploads bucket, as the zip that gets
// archived and verified.
type Upload struct {
	Job
	Zip []byte
}

// Fetch reads the upload a job names. A zip upload is read as is; a folder
// upload is zipped with ZipFolder. The returned Upload's SHA256 is the hash
// of its Zip; Name and UploadedAt are filled in when the job left them empty.
// maxBytes bounds the upload's size (0: no bound).
func Fetch(ctx context.Context, st storage.Store, j Job, maxBytes int64) (*Upload, error) {
	u := &Upload{Job: j}
	if u.Name == "" {
		u.Name = BundleName(j.Key, j.Folder)
	}
	var newest time.Time
	if j.Folder {
		files, err := folderFiles(ctx, st, j.Key)
		if err != nil {
			return nil, err
		}
		if len(files) == 0 {
			return nil, fmt.Errorf("fetch folder upload %s: %w", j.Key, storage.ErrNotFound)
		}
		var total int64
		contents := make([]FolderFile, 0, len(files))
		for _, o := range files {
			total += o.Size
			if maxBytes > 0 && total > maxBytes {
				return nil, fmt.Errorf("fetch folder upload %s: %w (more than %d bytes)", j.Key, ErrTooLarge, maxBytes)
			}
			b, err := readAll(ctx, st, storage.BucketUploads, o.Key)
			if err != nil {
				return nil, fmt.Errorf("fetch folder upload: %w", err)
			}
			contents = append(contents, FolderFile{Path: strings.TrimPrefix(o.Key, j.Key), Data: b})
			if o.Modified.After(newest) {
				newest = o.Modified
			}
		}
		z, err := ZipFolder(contents)
		if err != nil {
			return nil, fmt.Errorf("fetch folder upload %s: %w", j.Key, err)
		}
		u.Zip = z
	} else {
		o, err := st.Stat(ctx, storage.BucketUploads, j.Key)
		if err != nil {
			return nil, fmt.Errorf("fetch upload %s: %w", j.Key, err)
		}
		if maxBytes > 0 && o.Size > maxBytes {
			return nil, fmt.Errorf("fetch upload %s: %w (%d > %d bytes)", j.Key, ErrTooLarge, o.Size, maxBytes)
		}
		b, err := readAll(ctx, st, storage.BucketUploads, j.Key)
		if err != nil {
			return nil, fmt.Errorf("fetch upload: %w", err)
		}
		u.Zip = b
		newest = o.Modified
	}
	sum := sha256.Sum256(u.Zip)
	u.SHA256 = hex.EncodeToString(sum[:])
	if u.UploadedAt.IsZero() {
		u.UploadedAt = newest.UTC()
	}
	return u, nil
}

// FolderFile is one file of a folder upload: its path inside the folder
// (slash-separated) and its bytes.
type FolderFile struct {
	Path string
	Data []byte
}

// ZipFolder zips the files of a folder upload deterministically, so that the
// same files always give the same bytes and so the same SHA-256: entries
// sorted by path, stored uncompressed (the output of Store does not depend
// on the Go version, Deflate's might), a fixed zero timestamp, UTF-8 names
// and no extra fields.
func ZipFolder(files []FolderFile) ([]byte, error) {
	sorted := append([]FolderFile(nil), files...)
	slices.SortFunc(sorted, func(a, b FolderFile) int { return strings.Compare(a.Path, b.Path) })
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for i, f := range sorted {
		if f.Path == "" || strings.HasPrefix(f.Path, "/") {
			return nil, fmt.Errorf("zip folder: bad path %q", f.Path)
		}
		if i > 0 && sorted[i-1].Path == f.Path {
			return nil, fmt.Errorf("zip folder: duplicate path %q", f.Path)
		}
		hdr := &zip.FileHeader{Name: f.Path, Method: zip.Store}
		hdr.SetMode(0o644)
		w, err := zw.CreateHeader(hdr)
		if err != nil {
			return nil, fmt.Errorf("zip folder: add %s: %w", f.Path, err)
		}
		if _, err := w.Write(f.Data); err != nil {
			return nil, fmt.Errorf("zip folder: write %s: %w", f.Path, err)
		}
	}
	if err := zw.Close(); err != nil {
		return nil, fmt.Errorf("zip folder: %w", err)
	}
	return buf.Bytes(), nil
}
