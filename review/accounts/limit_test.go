package accounts_test

import (
	"testing"
	"time"

	"ruku/review/accounts"
)

func TestLimiter(t *testing.T) {
	now := time.Date(2026, 12, 4, 8, 0, 0, 0, time.UTC)
	l := accounts.NewLimiter(3, time.Minute)
	l.Now = func() time.Time { return now }
	for i := range 3 {
		if ok, _ := l.Allow("zhang"); !ok {
			t.Fatalf("attempt %d refused", i)
		}
		l.Fail("zhang")
		now = now.Add(10 * time.Second)
	}
	ok, wait := l.Allow("zhang")
	if ok || wait != 30*time.Second {
		t.Errorf("after 3 failures: allow %v, wait %v; want refused for 30s", ok, wait)
	}
	if ok, _ := l.Allow("li"); !ok {
		t.Error("another key refused")
	}
	now = now.Add(30 * time.Second) // the first failure leaves the window
	if ok, _ := l.Allow("zhang"); !ok {
		t.Error("still refused after the window")
	}
	l.Fail("zhang")
	if ok, _ := l.Allow("zhang"); ok {
		t.Error("allowed with 3 failures in the window")
	}
	l.Reset("zhang")
	if ok, _ := l.Allow("zhang"); !ok {
		t.Error("refused after Reset")
	}
}
