package intake

import (
	"context"
	"crypto/subtle"
	"encoding/json"
	"errors"
	"io"
	"net/http"
	"net/url"
	"ruku/storage"
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

// CreatedKeys returns the keys of the "object created" records of an event
// for the named bucket, in order, each as written in the record. AWS and
// MinIO URL-encode keys as form values (a space is "+"); versitygw does
// not, so a key is decoded only where it must be (see objectKey).
func (e Event) CreatedKeys(bucket string) []string {
	var keys []string
	for _, r := range e.Records {
		name := strings.TrimPrefix(r.EventName, "s3:")
		if !strings.HasPrefix(name, "ObjectCreated:") || r.S3.Bucket.Name != bucket {
			continue
		}
		keys = append(keys, r.S3.Object.Key)
	}
	return keys
}

// objectKey returns the uploads key an event record names: the key as
// written when such an object exists (versitygw), else its URL-decoded
// form (AWS, MinIO).
func (in *Intake) objectKey(ctx context.Context, raw string) string {
	dec, err := url.QueryUnescape(raw)
	if err != nil || dec == raw {
		return raw
	}
	if _, err := in.Store.Stat(ctx, storage.BucketUploads, raw); err == nil {
		return raw
	}
	return dec
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
		if in.Cfg.Token != "" && !authorized(r, in.Cfg.Token) {
			http.Error(w, "unauthorized", http.StatusUnauthorized)
			return
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
		var errs []error
		for _, raw := range ev.CreatedKeys(in.Cfg.EventBucket) {
			k := in.objectKey(r.Context(), raw)
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

// authorized reports whether r carries token as a bearer token (MinIO's
// auth_token) or, for senders that cannot set headers (versitygw's
// --event-webhook-url), as the URL's token query parameter.
func authorized(r *http.Request, token string) bool {
	got, ok := strings.CutPrefix(r.Header.Get("Authorization"), "Bearer ")
	if !ok {
		got = r.URL.Query().Get("token")
	}
	return got != "" && subtle.ConstantTimeCompare([]byte(got), []byte(token)) == 1
}
