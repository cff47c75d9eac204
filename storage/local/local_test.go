package local_test

import (
	"testing"

	"ruku/storage"
	"ruku/storage/local"
	"ruku/storage/storagetest"
)

func newStore(t testing.TB) *local.Store {
	st, err := local.New(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	return st
}

func TestSuite(t *testing.T) {
	storagetest.Run(t, func(t *testing.T) storage.Store { return newStore(t) })
}

func BenchmarkThroughput(b *testing.B) {
	storagetest.Bench(b, newStore(b))
}
