package archive

import (
	"context"
	"errors"
	"fmt"
	"io"
	"path"
	"regexp"
	"sort"
	"strings"
	"time"

	"ruku/pipeline/rules"
	"ruku/storage"
)

// Names of the two files written per bundle and rules version.
const (
	DossierJSON = "dossier.json"
	DossierHTML = "dossier.html"
	// Manifest is the file whose presence completes a folder upload.
	Manifest = "manifest.json"
)

var shaRE = regexp.MustCompile(`^[0-9a-f]{64}$`)

// ArchiveKey is the key of a bundle's immutable copy in the archive bucket.
func ArchiveKey(sha string) string { return sha + ".zip" }

// ArchiveInfoKey is the key of the ArchiveInfo sidecar of an archived zip.
func ArchiveInfoKey(sha string) string { return sha + ".json" }

// SHAFromArchiveKey returns the SHA-256 named by an archive key, or false
// when key is not of the form ArchiveKey makes.
func SHAFromArchiveKey(key string) (string, bool) {
	sha, ok := strings.CutSuffix(key, ".zip")
	if !ok || !shaRE.MatchString(sha) {
		return "", false
	}
	return sha, true
}

// RulesDir is the path segment that identifies a rules file in dossier
// keys: its version and the first 12 hex digits of its SHA-256.
func RulesDir(r *rules.Rules) string {
	h := r.SHA256
	if len(h) > 12 {
		h = h[:12]
	}
	return strings.ReplaceAll(r.Version, "/", "_") + "@" + h
}

// DossierPrefix is the prefix under which every dossier of one bundle lives,
// one folder per rules version.
func DossierPrefix(sha string) string { return sha + "/" }

// DossierKey is the key of one of a bundle's dossier files (DossierJSON or
// DossierHTML) under rules r.
func DossierKey(sha string, r *rules.Rules, file string) string {
	return DossierPrefix(sha) + RulesDir(r) + "/" + file
}

// StoredDossier is a dossier.json found in the dossiers bucket.
type StoredDossier struct {
	SHA256   string // the bundle's
	RulesDir string // as RulesDir formats it
	Key      string
	Modified time.Time
}

// ListDossiers lists the dossier.json objects under prefix (a bundle's
// DossierPrefix, a part of a SHA-256, or "" for all), sorted by key.
func ListDossiers(ctx context.Context, st storage.Store, prefix string) ([]StoredDossier, error) {
	objs, err := st.List(ctx, storage.BucketDossiers, prefix)
	if err != nil {
		return nil, fmt.Errorf("list dossiers %q: %w", prefix, err)
	}
	var out []StoredDossier
	for _, o := range objs {
		parts := strings.Split(o.Key, "/")
		if len(parts) != 3 || parts[2] != DossierJSON || !shaRE.MatchString(parts[0]) {
			continue
		}
		out = append(out, StoredDossier{SHA256: parts[0], RulesDir: parts[1], Key: o.Key, Modified: o.Modified})
	}
	return out, nil
}

// Processed reports whether the bundle with this SHA-256 has a dossier
// under any rules: the single definition of "processed" that intake uses.
func Processed(ctx context.Context, st storage.Store, sha string) (bool, error) {
	ds, err := ListDossiers(ctx, st, DossierPrefix(sha))
	if err != nil {
		return false, err
	}
	return len(ds) > 0, nil
}

// ProcessedSet returns the SHA-256 of every bundle that has a dossier, with
// one listing of the dossiers bucket.
func ProcessedSet(ctx context.Context, st storage.Store) (map[string]bool, error) {
	ds, err := ListDossiers(ctx, st, "")
	if err != nil {
		return nil, err
	}
	set := make(map[string]bool, len(ds))
	for _, d := range ds {
		set[d.SHA256] = true
	}
	return set, nil
}

// BundleName is the bundle name for an upload: the base name of a zip key
// without ".zip", or the last segment of a folder prefix.
func BundleName(key string, folder bool) string {
	if folder {
		return path.Base(strings.TrimSuffix(key, "/"))
	}
	base := path.Base(key)
	if ext := path.Ext(base); strings.EqualFold(ext, ".zip") {
		base = base[:len(base)-len(ext)]
	}
	return base
}

// IsZipKey reports whether an uploads key names a zip bundle by its suffix.
func IsZipKey(key string) bool {
	return strings.HasSuffix(strings.ToLower(key), ".zip") && !strings.HasSuffix(key, "/")
}

// folderFiles lists the objects of a folder upload, sorted by key, without
// "directory marker" objects.
func folderFiles(ctx context.Context, st storage.Store, prefix string) ([]storage.Object, error) {
	objs, err := st.List(ctx, storage.BucketUploads, prefix)
	if err != nil {
		return nil, fmt.Errorf("list folder upload %s: %w", prefix, err)
	}
	files := objs[:0:0]
	for _, o := range objs {
		if strings.HasSuffix(o.Key, "/") {
			continue
		}
		files = append(files, o)
	}
	sort.Slice(files, func(i, j int) bool { return files[i].Key < files[j].Key })
	return files, nil
}

// readAll reads one object fully, closing it.
func readAll(ctx context.Context, st storage.Store, bucket, key string) ([]byte, error) {
	rc, err := st.Get(ctx, bucket, key)
	if err != nil {
		return nil, fmt.Errorf("get %s/%s: %w", bucket, key, err)
	}
	defer rc.Close()
	b, err := io.ReadAll(rc)
	if err != nil {
		return nil, fmt.Errorf("read %s/%s: %w", bucket, key, err)
	}
	return b, nil
}

// isNotFound reports whether err says an object or bucket is missing.
func isNotFound(err error) bool { return errors.Is(err, storage.ErrNotFound) }
