// Package archive keeps bundles and their dossiers in the object store: the
// key scheme, the immutable archive of each verified bundle, dossier reading
// and writing, and the processing of one job (Processor: fetch the upload,
// archive it, verify it, write the dossier). The queue worker and the
// one-shot re-audit both use it; it does not import asynq.
//
// The bucket layout (layout.go):
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
package archive
