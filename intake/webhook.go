package intake

import (
	"crypto/subtle"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strings"
)

// Event is the body of an S3 event notification as MinIO's webhook target
// sends it (EventName and Key are MinIO's additions; Records is the S3
// event structure AWS documents).
type Event struct {
	EventName string   `json:"EventName"`
	Key       string   `json:"Key"`
	Records   []Record `json:"Records"`
}

// Record is one S3 event record.
type Record struct {
	EventName string `json:"eventName"`
	S3        struct {
		Bucket struct {
			Name string `json:"name"`
		} `json:"bucket"`
		Object struct {
			// Key is URL-encoded as in form values (a space is "+").
			Key  string `json:"key"`
			Size int64  `json:"size"`
			ETag string `json:"eTag"`
		} `json:"object"`
	} `json:"s3"`
}

// CreatedKeys returns the decoded keys of the "object created" records of
// an event for the named bucket, in order.
func (e Event) CreatedKeys(bucket string) ([]string, error) {
	var keys []string
	for _, r := range e.Records {
		name := strings.TrimPrefix(r.EventName, "s3:")
		if !strings.HasPrefix(name, "ObjectCreated:") || r.S3.Bucket.Name != bucket {
			continue
		}
		k, err := url.QueryUnescape(r.S3.Object.Key)
		if err != nil {
			return nil, fmt.Errorf("event key %q: %w", r.S3.Object.Key, err)
		}
		keys = append(keys, k)
	}
	return keys, nil
}

// maxEventBytes bounds a webhook body.
const maxEventBytes = 1 << 20

// Webhook returns the HTTP handler of S3 event notifications. It answers
// 200 once every created upload of the event is handled (enqueued, already
// known, or waiting for its manifest), 400 to a malformed body, 401 to a
// wrong token, 413 to a body over 1 MiB or with more than Cfg.MaxRecords
// records, and 503 when storage or Redis failed, so that the sender
// retries; the reconciler catches what is lost anyway. A body without
// records (MinIO's connectivity check) gets 200. Answers carry no internal
// detail: the causes go to the log.
func (in *Intake) Webhook() http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if in.Cfg.Token != "" {
			got, ok := strings.CutPrefix(r.Header.Get("Authorization"), "Bearer ")
			if !ok || subtle.ConstantTimeCompare([]byte(got), []byte(in.Cfg.Token)) != 1 {
				http.Error(w, "unauthorized", http.StatusUnauthorized)
				return
			}
		}
		if r.Method != http.MethodPost {
			w.WriteHeader(http.StatusOK) // HEAD/GET liveness probes
			return
		}
		body, err := io.ReadAll(io.LimitReader(r.Body, maxEventBytes+1))
		if err != nil {
			in.log().WarnContext(r.Context(), "event body unreadable", "err", err)
			http.Error(w, "bad request", http.StatusBadRequest)
			return
		}
		if len(body) > maxEventBytes {
			http.Error(w, "event too large", http.StatusRequestEntityTooLarge)
			return
		}
		if len(strings.TrimSpace(string(body))) == 0 {
			w.WriteHeader(http.StatusOK)
			return
		}
		var ev Event
		if err := json.Unmarshal(body, &ev); err != nil {
			in.log().WarnContext(r.Context(), "event undecodable", "err", err)
			http.Error(w, "bad request", http.StatusBadRequest)
			return
		}
		if max := in.Cfg.MaxRecords; max > 0 && len(ev.Records) > max {
			in.log().WarnContext(r.Context(), "event refused: too many records", "records", len(ev.Records), "max", max)
			http.Error(w, "too many records", http.StatusRequestEntityTooLarge)
			return
		}
		keys, err := ev.CreatedKeys(in.Cfg.EventBucket)
		if err != nil {
			in.log().WarnContext(r.Context(), "event key undecodable", "err", err)
			http.Error(w, "bad request", http.StatusBadRequest)
			return
		}
		var errs []error
		for _, k := range keys {
			out, sha, err := in.HandleKey(r.Context(), k)
			if err != nil {
				errs = append(errs, err)
				continue
			}
			in.log().InfoContext(r.Context(), "event", "key", k, "outcome", out, "sha256", sha)
		}
		if err := errors.Join(errs...); err != nil {
			in.log().WarnContext(r.Context(), "event failed", "err", err)
			http.Error(w, "temporarily unavailable", http.StatusServiceUnavailable)
			return
		}
		w.WriteHeader(http.StatusOK)
	})
}
