package web

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"mime"
	"net/http"
	"path"
	"strconv"

	"ruku/archive"
	"ruku/pipeline/bundle"
	"ruku/pipeline/dossier"
	"ruku/storage"
)

// maxArchiveBytes bounds an archived zip read to serve one of its files.
const maxArchiveBytes = 1 << 30

// readInput reads input in of bundle sha from the archived zip, opened as
// the pipeline opened it (so paths decode alike), and checks it against
// the SHA-256 the dossier recorded.
func (s *Server) readInput(ctx context.Context, sha string, in dossier.Input) ([]byte, error) {
	rc, err := s.ws.Store.Get(ctx, storage.BucketArchive, archive.ArchiveKey(sha))
	if err != nil {
		return nil, fmt.Errorf("read archive of %.12s: %w", sha, err)
	}
	defer rc.Close()
	zb, err := io.ReadAll(io.LimitReader(rc, maxArchiveBytes))
	if err != nil {
		return nil, fmt.Errorf("read archive of %.12s: %w", sha, err)
	}
	b, err := bundle.OpenZip(ctx, bytes.NewReader(zb), int64(len(zb)), sha, bundle.DefaultLimits())
	if err != nil {
		return nil, fmt.Errorf("open archive of %.12s: %w", sha, err)
	}
	data, err := b.ReadFile(in.Path)
	if errors.Is(err, fs.ErrNotExist) && b.TopDir() != "" {
		data, err = b.ReadFile(b.TopDir() + "/" + in.Path)
	}
	if err != nil {
		return nil, fmt.Errorf("read %s from archive of %.12s: %w", in.Path, sha, err)
	}
	if in.SHA256 != "" {
		sum := sha256.Sum256(data)
		if hex.EncodeToString(sum[:]) != in.SHA256 {
			return nil, fmt.Errorf("%s in archive of %.12s does not match the dossier's SHA-256", in.Path, sha)
		}
	}
	return data, nil
}

// original serves an input's original bytes as an attachment, never as a
// page of this site.
func (s *Server) original(w http.ResponseWriter, r *http.Request, c *call) {
	l, err := s.load(r.Context(), c.user, r.PathValue("sha"), r.URL.Query().Get("rules"))
	if err != nil {
		s.fail(w, r, c, err)
		return
	}
	_, in, err := l.input(r.PathValue("n"))
	if err != nil {
		s.fail(w, r, c, err)
		return
	}
	data, err := s.readInput(r.Context(), l.a.ID, in)
	if err != nil {
		s.fail(w, r, c, err)
		return
	}
	h := w.Header()
	h.Set("Content-Type", "application/octet-stream")
	h.Set("Content-Disposition", mime.FormatMediaType("attachment", map[string]string{"filename": path.Base(in.Path)}))
	h.Set("Content-Security-Policy", "sandbox; default-src 'none'")
	h.Set("Content-Length", strconv.Itoa(len(data)))
	w.Write(data)
}

// pageImage serves one page of an input as an image (PNG, or an image file
// as it is), drawn by the Renderer and cached.
func (s *Server) pageImage(w http.ResponseWriter, r *http.Request, c *call) {
	l, n, in, p, err := s.loadPage(r, c)
	if err != nil {
		s.fail(w, r, c, err)
		return
	}
	width := 1240
	if ws := r.URL.Query().Get("w"); ws != "" {
		if width, err = strconv.Atoi(ws); err != nil || width < 200 || width > 2400 {
			s.fail(w, r, c, fmt.Errorf("width %q: %w", ws, errBadRequest))
			return
		}
	}
	key := fmt.Sprintf("%s/%d/%s/%d/%d", l.a.ID, n, in.SHA256, p, width)
	img, ok := s.images.get(key)
	if !ok {
		data, err := s.readInput(r.Context(), l.a.ID, in)
		if err != nil {
			s.fail(w, r, c, err)
			return
		}
		img, err = s.opt.Renderer.Render(r.Context(), data, sniffFormat(data), p, width)
		if err != nil {
			s.fail(w, r, c, err)
			return
		}
		s.images.put(key, img)
	}
	ct := http.DetectContentType(img)
	if ct != "image/png" && ct != "image/jpeg" {
		s.fail(w, r, c, fmt.Errorf("renderer gave %s: %w", ct, errUnsupported))
		return
	}
	w.Header().Set("Content-Type", ct)
	w.Header().Set("Content-Length", strconv.Itoa(len(img)))
	w.Write(img)
}
