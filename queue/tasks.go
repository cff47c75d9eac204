package queue

import (
	"encoding/json"
	"fmt"

	"github.com/hibiken/asynq"

	"ruku/archive"
)

// TypeVerify is the task type of "verify one uploaded bundle".
const TypeVerify = "bundle:verify"

// NewVerifyTask makes the task for a job. Its ID is the bundle's SHA-256, so
// enqueuing the same bundle twice gives one task.
func NewVerifyTask(j archive.Job, opts ...asynq.Option) (*asynq.Task, error) {
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
func ParseJob(payload []byte) (archive.Job, error) {
	var j archive.Job
	if err := json.Unmarshal(payload, &j); err != nil {
		return archive.Job{}, fmt.Errorf("decode job: %w", err)
	}
	if err := j.Validate(); err != nil {
		return archive.Job{}, err
	}
	return j, nil
}
