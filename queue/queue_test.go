package queue

import (
	"errors"
	"fmt"
	"testing"
	"time"

	"github.com/hibiken/asynq"

	"ruku/archive"
)

func TestJob(t *testing.T) {
	sha := "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef"
	task, err := NewVerifyTask(archive.Job{Key: "a.zip", SHA256: sha, Name: "a", UploadedAt: time.Unix(0, 0).UTC()})
	if err != nil {
		t.Fatal(err)
	}
	if task.Type() != TypeVerify {
		t.Errorf("type %s", task.Type())
	}
	j, err := ParseJob(task.Payload())
	if err != nil || j.Key != "a.zip" || j.SHA256 != sha {
		t.Fatalf("ParseJob = %+v, %v", j, err)
	}
	for _, bad := range []archive.Job{{Key: "", SHA256: sha}, {Key: "a/", SHA256: sha}, {Key: "a", Folder: true, SHA256: sha}, {Key: "a.zip", SHA256: "x"}} {
		if _, err := NewVerifyTask(bad); err == nil {
			t.Errorf("job %+v accepted", bad)
		}
	}
}

func TestClassify(t *testing.T) {
	cause := errors.New("boom")
	for _, tc := range []struct {
		err  error
		skip bool
	}{
		{archive.E("fetch", archive.Transient, cause), false},
		{fmt.Errorf("wrapped: %w", archive.E("open", archive.Unreadable, cause)), true},
		{archive.E("fetch", archive.Gone, cause), true},
		{archive.E("decode", archive.Invalid, cause), true},
		{cause, false},
	} {
		got := classify(tc.err)
		if errors.Is(got, asynq.SkipRetry) != tc.skip {
			t.Errorf("classify(%v): SkipRetry %v, want %v", tc.err, !tc.skip, tc.skip)
		}
		if !errors.Is(got, cause) {
			t.Errorf("classify(%v) lost the cause", tc.err)
		}
	}
	if classify(nil) != nil {
		t.Error("classify(nil) != nil")
	}
}

func TestBackoff(t *testing.T) {
	c := ServerConfig{RetryBase: time.Second, RetryMax: 10 * time.Second}
	for n := range 10 {
		d := c.Backoff(n)
		want := min(time.Second<<n, 10*time.Second)
		if d < want*3/4 || d > want*5/4 {
			t.Errorf("Backoff(%d) = %v, want about %v", n, d, want)
		}
	}
}
