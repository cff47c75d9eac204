// Package queue runs bundle verification as asynq tasks. It is the only
// package of ruku that imports asynq.
//
// It holds the task type and its payload encoding (TypeVerify,
// NewVerifyTask, ParseJob), the client intake enqueues with (Client) and
// the asynq handler and server (NewHandler, Serve) around the plain
// processing of one job in package archive. Whether a failure is permanent
// is decided in one place, the handler, from the archive.Kind carried by the
// Processor's errors.
package queue
