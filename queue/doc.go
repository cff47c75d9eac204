// Package queue runs bundle verification as asynq tasks. It is the only
// package of ruku that imports asynq.
//
// It holds the task type and its typed payload (TypeVerify, Job,
// NewVerifyTask), the client intake enqueues with (Client), the plain
// processing of one job (Processor: fetch the upload, archive it, verify it,
// write the dossier) and the asynq handler and server around it (NewHandler,
// Serve). Whether a failure is permanent is decided in one place, the
// handler, from the Kind carried by the Processor's errors.
//
// The bucket layout (where archives and dossiers live) is in layout.go:
//
//	uploads/<name>.zip                      a zip bundle (any key ending .zip)
//	uploads/<folder>/…/manifest.json        a folder bundle, complete once manifest.json exists
//	archive/<sha256>.zip                    immutable copy of the bundle as verified
//	archive/<sha256>.json                   its name, upload key and upload time
//	dossiers/<sha256>/<rules-dir>/dossier.json and dossier.html
//
// where <sha256> is the hex SHA-256 of the archived zip and <rules-dir> is
// "<rules version>@<first 12 hex digits of the rules file's SHA-256>", so a
// re-audit under other rules writes beside the earlier dossiers and never
// over them, even when a rules file was edited without a new version.
package queue
