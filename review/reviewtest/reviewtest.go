// Package reviewtest makes synthetic applications in a real local store for
// the tests of the workspace and its users (exports, the web server): a
// dossier as the worker writes it, with its archive sidecar.
package reviewtest

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"slices"
	"testing"
	"time"

	"ruku/archive"
	"ruku/extractors/uscc"
	"ruku/pipeline/dossier"
	"ruku/pipeline/rules"
	"ruku/storage"
	"ruku/storage/local"
)

// USCC makes a valid code with the given division and serial.
func USCC(div string, n int) string {
	s := fmt.Sprintf("91%sMA%07d", div, n)
	c, _ := uscc.CheckChar(s)
	return s + string(c)
}

// SHA is the bundle SHA-256 of synthetic application i.
func SHA(i int) string {
	s := sha256.Sum256([]byte(fmt.Sprint("bundle", i)))
	return hex.EncodeToString(s[:])
}

// Criteria are the criterion ids synthetic dossiers carry.
var Criteria = []string{"registered_hebei", "total_assets", "premises_valid", "smes_served"}

// Dossier is a dossier of application i, named name, registered in
// division div with licence domicile addr; the criteria in failed fail, the
// others pass.
func Dossier(i int, name, div, addr string, failed ...string) *dossier.Dossier {
	rs := rules.Default()
	d := &dossier.Dossier{
		Schema: dossier.Schema, Bundle: fmt.Sprintf("bundle-%d", i), BundleSHA256: SHA(i),
		Rules:       dossier.Rules{Version: rs.Version, SHA256: rs.SHA256},
		GeneratedAt: time.Date(2026, 11, 1, 0, 0, 0, 0, time.UTC).Add(time.Duration(i) * time.Hour),
		Facts: dossier.Facts{"applicant.name": name, "applicant.uscc": USCC(div, i), "license.address": addr,
			"application.nature": "社会化", "application.categories": []any{"数字赋能", "政策咨询"}, "applicant.legal_rep": "张三"},
	}
	for _, id := range Criteria {
		c := dossier.Criterion{ID: id, Title: id + "标题", Status: dossier.Pass}
		if slices.Contains(failed, id) {
			c.Status, c.Basis, c.Message = dossier.Fail, dossier.BelowThreshold, id+"不符合"
		}
		d.Criteria = append(d.Criteria, c)
	}
	d.Decide()
	return d
}

// Put stores a dossier under the embedded rules and its archive sidecar
// (uploaded at the given time), as the worker does.
func Put(t testing.TB, st storage.Store, d *dossier.Dossier, uploaded time.Time) {
	t.Helper()
	ctx := context.Background()
	up := &archive.Upload{Job: archive.Job{Key: d.Bundle + ".zip", SHA256: d.BundleSHA256, Name: d.Bundle, UploadedAt: uploaded}, Zip: []byte("zip " + d.Bundle)}
	if err := archive.Archive(ctx, st, up, time.Time{}); err != nil {
		t.Fatal(err)
	}
	if err := archive.WriteDossier(ctx, st, d.BundleSHA256, d, rules.Default()); err != nil {
		t.Fatal(err)
	}
}

// Store is a local store in a temporary folder with the archive and
// dossiers buckets and the given extra buckets (made with object lock).
func Store(t testing.TB, locked ...string) storage.Store {
	t.Helper()
	st, err := local.New(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	for _, b := range []string{storage.BucketArchive, storage.BucketDossiers} {
		if err := st.EnsureBucket(ctx, b, false); err != nil {
			t.Fatal(err)
		}
	}
	for _, b := range locked {
		if err := st.EnsureBucket(ctx, b, true); err != nil {
			t.Fatal(err)
		}
	}
	return st
}
