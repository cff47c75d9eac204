package e2e

import (
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"
)

// TestThroughput measures bundles per minute over the whole public corpus
// with 1 and with 2 worker processes (concurrency 1 each, OCR on, as
// deployed). It takes tens of minutes, so it runs only by hand:
//
//	RUKU_E2E_THROUGHPUT=1 go test -run Throughput -timeout 90m -v ./e2e
//
// RUKU_E2E_THROUGHPUT_WORKERS lists the worker counts (default "1,2").
func TestThroughput(t *testing.T) {
	if os.Getenv("RUKU_E2E_THROUGHPUT") != "1" {
		t.Skip("set RUKU_E2E_THROUGHPUT=1 to measure throughput")
	}
	dir := getenv("RUKU_CORPUS", "/work/shared/corpus")
	zips, err := filepath.Glob(filepath.Join(dir, "pub_*", "bundle.zip"))
	if err != nil || len(zips) == 0 {
		t.Fatalf("no corpus bundles under %s: %v", dir, err)
	}
	for _, s := range strings.Split(getenv("RUKU_E2E_THROUGHPUT_WORKERS", "1,2"), ",") {
		n, err := strconv.Atoi(strings.TrimSpace(s))
		if err != nil || n < 1 {
			t.Fatalf("bad worker count %q", s)
		}
		t.Run(fmt.Sprintf("workers=%d", n), func(t *testing.T) {
			c := newCluster(t)
			c.ocr = true
			c.startIntake(time.Hour)
			for i := range n {
				c.startWorker(fmt.Sprintf("worker-%d", i+1), 1)
			}
			time.Sleep(2 * time.Second) // let the workers connect
			start := time.Now()
			for _, z := range zips {
				key := filepath.Base(filepath.Dir(z)) + ".zip"
				c.upload(key, readFile(t, z)) // the S3 server notifies intake
			}
			c.eventually(80*time.Minute, "every dossier", func() bool { return len(c.dossiers("")) >= len(zips) })
			el := time.Since(start)
			t.Logf("%d workers: %d bundles in %v: %.2f bundles/min", n, len(zips), el.Round(time.Second),
				float64(len(zips))/el.Minutes())
		})
	}
}
