package queue

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"ruku/archive"
	"time"

	"github.com/hibiken/asynq"
)

// Redis says where asynq keeps its queues.
type Redis struct {
	Addr     string // host:port
	Password string
	DB       int
}

func (r Redis) opt() asynq.RedisClientOpt {
	return asynq.RedisClientOpt{Addr: r.Addr, Password: r.Password, DB: r.DB}
}

// ClientConfig configures the enqueuing side.
type ClientConfig struct {
	Redis Redis
	// Queue is the asynq queue name.
	Queue string
	// MaxRetry is how often a transient failure is retried.
	MaxRetry int
	// Timeout bounds one attempt at one bundle.
	Timeout time.Duration
	// Retention keeps a completed task (and so its ID) in Redis this long,
	// so a bundle uploaded again within it is not even enqueued; after it,
	// intake's dossier check does the same job.
	Retention time.Duration
}

// DefaultClientConfig returns the defaults.
func DefaultClientConfig() ClientConfig {
	return ClientConfig{
		Redis:     Redis{Addr: "127.0.0.1:6379"},
		Queue:     "ruku",
		MaxRetry:  8,
		Timeout:   15 * time.Minute,
		Retention: 7 * 24 * time.Hour,
	}
}

// Client enqueues verification tasks. It is safe for concurrent use.
type Client struct {
	cfg ClientConfig
	c   *asynq.Client
	ins *asynq.Inspector
}

// NewClient connects a client; Close releases it.
func NewClient(cfg ClientConfig) *Client {
	return &Client{cfg: cfg, c: asynq.NewClient(cfg.Redis.opt()), ins: asynq.NewInspector(cfg.Redis.opt())}
}

// Close closes the connections.
func (c *Client) Close() error {
	return errors.Join(c.c.Close(), c.ins.Close())
}

// Ping checks that Redis answers.
func (c *Client) Ping(ctx context.Context) error {
	if err := c.c.Ping(); err != nil {
		return fmt.Errorf("ping redis %s: %w", c.cfg.Redis.Addr, err)
	}
	return nil
}

// Enqueue enqueues a verification of j with the bundle's SHA-256 as task ID.
// It reports false, with no error, when a task with that ID already exists
// (pending, running, retrying, failed or completed within Retention).
func (c *Client) Enqueue(ctx context.Context, j archive.Job) (bool, error) {
	t, err := NewVerifyTask(j, asynq.Queue(c.cfg.Queue), asynq.MaxRetry(c.cfg.MaxRetry),
		asynq.Timeout(c.cfg.Timeout), asynq.Retention(c.cfg.Retention))
	if err != nil {
		return false, fmt.Errorf("enqueue: %w", err)
	}
	_, err = c.c.EnqueueContext(ctx, t)
	switch {
	case errors.Is(err, asynq.ErrTaskIDConflict), errors.Is(err, asynq.ErrDuplicateTask):
		return false, nil
	case err != nil:
		return false, fmt.Errorf("enqueue %s (%s): %w", j.Key, j.SHA256, err)
	}
	return true, nil
}

// TaskInfo describes one task in the queue.
type TaskInfo struct {
	ID      string // the bundle's SHA-256
	State   string // pending, active, scheduled, retry, archived, completed
	Retried int
	LastErr string
	Job     archive.Job
	// Strikes counts attempts that ended without returning (a dead worker,
	// a deadline); Reading lists the files the running attempt is reading.
	// Both come from the task's attempt record (see Handler).
	Strikes int
	Reading []string
}

// Tasks lists every task of the queue in every state, once each, for
// operators and tests (asynqmon shows the same). A task that changes state
// while the lists are read is reported in the state it was first seen in.
func (c *Client) Tasks(ctx context.Context) ([]TaskInfo, error) {
	q := c.cfg.Queue
	lists := []func(string, ...asynq.ListOption) ([]*asynq.TaskInfo, error){
		c.ins.ListPendingTasks, c.ins.ListActiveTasks, c.ins.ListScheduledTasks,
		c.ins.ListRetryTasks, c.ins.ListArchivedTasks, c.ins.ListCompletedTasks,
	}
	var out []TaskInfo
	seen := map[string]bool{}
	for _, list := range lists {
		for page := 1; ; page++ {
			if err := ctx.Err(); err != nil {
				return nil, err
			}
			ts, err := list(q, asynq.PageSize(500), asynq.Page(page))
			if errors.Is(err, asynq.ErrQueueNotFound) {
				return nil, nil
			}
			if err != nil {
				return nil, fmt.Errorf("list tasks of %s: %w", q, err)
			}
			for _, t := range ts {
				if seen[t.ID] {
					continue
				}
				seen[t.ID] = true
				j, _ := ParseJob(t.Payload)
				var rec attemptRecord
				_ = json.Unmarshal(t.Result, &rec) // no record yet: zero
				out = append(out, TaskInfo{ID: t.ID, State: t.State.String(), Retried: t.Retried, LastErr: t.LastErr, Job: j,
					Strikes: rec.Strikes, Reading: rec.Reading})
			}
			if len(ts) < 500 {
				break
			}
		}
	}
	return out, nil
}
