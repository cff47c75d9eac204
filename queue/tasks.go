package queue

import (
	"encoding/json"
	"fmt"
	"time"

	"github.com/hibiken/asynq"
)

// TypeVerify is the task type of "verify one uploaded bundle".
const TypeVerify = "bundle:verify"

// Job is the payload of a TypeVerify task: which upload to verify and the
// SHA-256 that intake computed for it (the task's ID).
type Job struct {
	// Key is the uploads key: a zip object, or a folder prefix ending in "/".
	Key string `json:"key"`
	// Folder says Key is a folder prefix.
	Folder bool `json:"folder,omitempty"`
	// SHA256 is the hex SHA-256 of the zip (for a folder: of ZipFolder's
	// output). The worker refuses an upload whose bytes no longer match.
	SHA256 string `json:"sha256"`
	// Name is the bundle name written into the dossier.
	Name string `json:"name"`
	// UploadedAt is the upload time, the reference date of last resort.
	UploadedAt time.Time `json:"uploaded_at"`
}

// Validate checks that a job names an upload and a well-formed SHA-256.
func (j Job) Validate() error {
	switch {
	case j.Key == "":
		return fmt.Errorf("job: empty upload key")
	case j.Folder != (len(j.Key) > 0 && j.Key[len(j.Key)-1] == '/'):
		return fmt.Errorf("job %s: a folder key must end in / and only a folder key may", j.Key)
	case !shaRE.MatchString(j.SHA256):
		return fmt.Errorf("job %s: bad sha256 %q", j.Key, j.SHA256)
	}
	return nil
}

// NewVerifyTask makes the task for a job. Its ID is the bundle's SHA-256, so
// enqueuing the same bundle twice gives one task.
func NewVerifyTask(j Job, opts ...asynq.Option) (*asynq.Task, error) {
	if err := j.Validate(); err != nil {
		return nil, err
	}
	b, err := json.Marshal(j)
	if err != nil {
		return nil, fmt.Errorf("encode job %s: %w", j.Key, err)
	}
	opts = append([]asynq.Option{asynq.TaskID(j.SHA256)}, opts...)
	return asynq.NewTask(TypeVerify, b, opts...), nil
}

// ParseJob decodes a TypeVerify task's payload.
func ParseJob(payload []byte) (Job, error) {
	var j Job
	if err := json.Unmarshal(payload, &j); err != nil {
		return Job{}, fmt.Errorf("decode job: %w", err)
	}
	if err := j.Validate(); err != nil {
		return Job{}, err
	}
	return j, nil
}
