package main

// Placeholders until the distributed side lands; the queue helper replaces
// this file with intake.go, worker.go and reaudit.go.

import (
	"context"
	"errors"
	"io"
)

func intakeCommand() command {
	return command{usage: "intake", help: "turn uploads into tasks", run: notYet}
}
func workerCommand() command {
	return command{usage: "worker", help: "run the verification worker", run: notYet}
}
func reauditCommand() command {
	return command{usage: "reaudit", help: "re-verify archived bundles", run: notYet}
}
func notYet(context.Context, []string, io.Writer, io.Writer) error { return errors.New("not built yet") }
