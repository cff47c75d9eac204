package intake

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"path"
	"sort"
	"strings"
	"time"

	"ruku/archive"
	"ruku/storage"
)

// Candidate is an upload that is ready to be verified: a zip object, or a
// complete folder (one whose manifest.json exists).
type Candidate struct {
	// Key is the zip's key, or the folder's prefix ending in "/".
	Key    string
	Folder bool
	// Version changes whenever the upload's content may have: it hashes the
	// key, ETag and size of every object of the upload.
	Version string
	// Modified is the newest modification time among the upload's objects.
	Modified time.Time
}

// Scan is the result of applying the manifest rule to an uploads listing.
type Scan struct {
	Ready []Candidate
	// Waiting lists the folder prefixes that have files but no manifest.json
	// yet: partial folder uploads, never verified until complete.
	Waiting []string
}

// Classify applies the manifest rule to a listing of the uploads bucket:
//
//   - A folder bundle is a prefix P (ending in "/") such that P+"manifest.json"
//     exists and no shorter prefix of P has one; every object under P belongs
//     to it. A manifest.json at the top of the bucket is ignored.
//   - Any other object whose key ends in ".zip" is a zip bundle.
//   - Any other object is part of a folder upload still in progress (its
//     manifest.json, written last, has not arrived) and is not verified.
func Classify(objs []storage.Object) Scan {
	manifests := map[string]bool{}
	for _, o := range objs {
		if dir, ok := manifestDir(o.Key); ok {
			manifests[dir] = true
		}
	}
	folders := map[string][]storage.Object{}
	waiting := map[string]bool{}
	var scan Scan
	for _, o := range objs {
		if strings.HasSuffix(o.Key, "/") {
			continue // a directory marker
		}
		if root, ok := folderRoot(o.Key, manifests); ok {
			folders[root] = append(folders[root], o)
			continue
		}
		if archive.IsZipKey(o.Key) {
			scan.Ready = append(scan.Ready, Candidate{Key: o.Key, Version: version([]storage.Object{o}), Modified: o.Modified})
			continue
		}
		if dir := path.Dir(o.Key); dir != "." {
			waiting[dir+"/"] = true
		}
	}
	for root, files := range folders {
		c := Candidate{Key: root, Folder: true, Version: version(files)}
		for _, f := range files {
			if f.Modified.After(c.Modified) {
				c.Modified = f.Modified
			}
		}
		scan.Ready = append(scan.Ready, c)
	}
	sort.Slice(scan.Ready, func(i, j int) bool { return scan.Ready[i].Key < scan.Ready[j].Key })
	for w := range waiting {
		scan.Waiting = append(scan.Waiting, w)
	}
	sort.Strings(scan.Waiting)
	return scan
}

// manifestDir returns P when key is P+"manifest.json" with P non-empty.
func manifestDir(key string) (string, bool) {
	dir, ok := strings.CutSuffix(key, "/"+archive.Manifest)
	if !ok || dir == "" {
		return "", false
	}
	return dir + "/", true
}

// folderRoot returns the shortest prefix of key that has a manifest.
func folderRoot(key string, manifests map[string]bool) (string, bool) {
	for i := 0; i < len(key); i++ {
		if key[i] == '/' && manifests[key[:i+1]] {
			return key[:i+1], true
		}
	}
	return "", false
}

// ancestors returns the folder prefixes of key, shortest first.
func ancestors(key string) []string {
	var out []string
	for i := 0; i < len(key); i++ {
		if key[i] == '/' && i < len(key)-1 {
			out = append(out, key[:i+1])
		}
	}
	return out
}

// version hashes the identity of an upload's objects.
func version(objs []storage.Object) string {
	sorted := append([]storage.Object(nil), objs...)
	sort.Slice(sorted, func(i, j int) bool { return sorted[i].Key < sorted[j].Key })
	h := sha256.New()
	for _, o := range sorted {
		fmt.Fprintf(h, "%s\x00%s\x00%d\n", o.Key, o.ETag, o.Size)
	}
	return hex.EncodeToString(h.Sum(nil))
}
