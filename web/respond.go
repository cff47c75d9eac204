package web

import (
	"bytes"
	"encoding/json"
	"errors"
	"io/fs"
	"net/http"

	"ruku/review"
	"ruku/review/decisions"
	"ruku/storage"
)

// Errors the handlers return; fail turns them (and those of package
// review) into a status and a fixed Chinese message. The error's own text
// goes to the log only.
var (
	errNotFound     = errors.New("web: not found")
	errForbidden    = errors.New("web: forbidden")
	errUnauthorized = errors.New("web: not logged in")
	errCSRF         = errors.New("web: missing or wrong CSRF token")
	errBadRequest   = errors.New("web: bad request")
	errUnsupported  = errors.New("web: cannot show this page as an image")
)

// problem is what a user is told of an error.
type problem struct {
	status int
	msg    string
}

// classify maps an error to what the user sees.
func classify(err error) problem {
	switch {
	case errors.Is(err, errUnauthorized):
		return problem{http.StatusUnauthorized, "请先登录。"}
	case errors.Is(err, errCSRF):
		return problem{http.StatusForbidden, "表单校验码缺失或已失效，请刷新页面后重试。"}
	case errors.Is(err, review.ErrForbidden), errors.Is(err, errForbidden):
		return problem{http.StatusForbidden, "无权访问：按属地原则，您不能查看或处理这一内容。"}
	case errors.Is(err, review.ErrNotFound), errors.Is(err, storage.ErrNotFound), errors.Is(err, fs.ErrNotExist), errors.Is(err, errNotFound):
		return problem{http.StatusNotFound, "未找到该内容。"}
	case errors.Is(err, decisions.ErrInvalid):
		return problem{http.StatusBadRequest, "提交的决定不完整或不合规：改判、退回补正、不推荐、不通过和区划更正都须填写理由。"}
	case errors.Is(err, errBadRequest):
		return problem{http.StatusBadRequest, "请求参数有误。"}
	case errors.Is(err, errUnsupported):
		return problem{http.StatusUnprocessableEntity, "该文件的页面无法显示为图片，请下载原件查看。"}
	}
	return problem{http.StatusInternalServerError, "服务器内部错误，请稍后再试。"}
}

// fail answers with err's status and message, as JSON for an API call and
// as a page otherwise.
func (s *Server) fail(w http.ResponseWriter, r *http.Request, c *call, err error) {
	p := classify(err)
	if p.status >= 500 {
		s.opt.Log.Error("request failed", "method", r.Method, "path", r.URL.Path, "user", c.user.Name, "err", err)
	} else {
		s.opt.Log.Info("request refused", "method", r.Method, "path", r.URL.Path, "user", c.user.Name, "status", p.status, "err", err)
	}
	if c.api {
		writeJSON(w, p.status, map[string]any{"status": p.status, "error": p.msg})
		return
	}
	s.render(w, r, c, p.status, "error", "出错了", p.msg)
}

// writeJSON writes v as JSON (with <, > and & escaped, so applicant
// strings stay inert if a browser is ever made to read it as HTML).
func writeJSON(w http.ResponseWriter, status int, v any) {
	b, err := json.Marshal(v)
	if err != nil {
		http.Error(w, `{"error":"服务器内部错误"}`, http.StatusInternalServerError)
		return
	}
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.WriteHeader(status)
	w.Write(b)
}

// view is what every page template gets.
type view struct {
	Title string
	User  *viewUser
	CSRF  string
	Body  any
}

// viewUser is the logged-in user as the header shows them.
type viewUser struct {
	Name, Role, Region string
}

// render executes page name into a buffer and writes it.
func (s *Server) render(w http.ResponseWriter, r *http.Request, c *call, status int, name, title string, body any) {
	v := view{Title: title, Body: body, CSRF: c.csrf()}
	if c.user.Name != "" {
		v.User = &viewUser{Name: c.user.Name, Role: roleLabel(c.user.Role), Region: s.regionName(c.user)}
	}
	var b bytes.Buffer
	if err := s.pages.execute(&b, name, v); err != nil {
		s.opt.Log.Error("render", "page", name, "err", err)
		http.Error(w, "服务器内部错误", http.StatusInternalServerError)
		return
	}
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.WriteHeader(status)
	if r.Method != http.MethodHead {
		w.Write(b.Bytes())
	}
}
