package archive

import (
	"fmt"
	"time"
)

// Job names one upload to verify and the SHA-256 that intake computed for
// it (the queue task's ID and payload).
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
