package bundle

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"testing"
)

// FuzzOpenZip feeds arbitrary bytes to OpenZip with small limits and checks
// it neither panics nor breaks the bundle invariants.
func FuzzOpenZip(f *testing.F) {
	seeds, _ := filepath.Glob("testdata/*.zip")
	for _, p := range seeds {
		data, err := os.ReadFile(p)
		if err != nil {
			f.Fatal(err)
		}
		if len(data) < 64<<10 {
			f.Add(data)
		}
	}
	lim := Limits{MaxFiles: 20, MaxFileBytes: 1 << 20, MaxTotalBytes: 4 << 20, MaxRatio: 100}
	f.Fuzz(func(t *testing.T, data []byte) {
		b, err := OpenZip(context.Background(), bytes.NewReader(data), int64(len(data)), "fuzz", lim)
		if err != nil {
			if b != nil {
				t.Fatal("bundle returned with an error")
			}
			return
		}
		checkInvariants(t, b, lim)
	})
}
