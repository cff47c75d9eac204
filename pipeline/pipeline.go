// Package pipeline verifies one bundle: classify every file by content,
// extract facts with provenance, check them against the rules and build the
// dossier. It runs in-process; the queue worker and the CLI both call Verify.
package pipeline

import (
	"context"
	"time"

	"ruku/pipeline/bundle"
	"ruku/pipeline/dossier"
	"ruku/pipeline/rules"
)

// Options configure a verification.
type Options struct {
	// Now stamps generated_at; the only value that may differ between runs.
	Now func() time.Time
	// UploadedAt is the upload time, the reference date of last resort.
	UploadedAt time.Time
}

// Verify runs the whole pipeline over b under r.
func Verify(ctx context.Context, b *bundle.Bundle, r *rules.Rules, opt Options) (*dossier.Dossier, error) {
	panic("TODO")
}
