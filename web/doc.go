// Package web is the reviewers' web workspace (ruku serve): the HTML pages
// in Chinese and the same data as JSON under /api/, over a
// review.Workspace. It uses only the standard library's net/http and
// html/template; templates, CSS and JavaScript are embedded, and no page
// carries inline script or style, so the Content-Security-Policy forbids
// both.
//
// Routes (every one behind login and the access rules of package review:
// CanSee for what is read, Workspace.Decide for what is recorded):
//
//	GET  /login, POST /login, POST /logout
//	GET  /                                            applications list
//	GET  /applications/{sha}                          one application
//	GET  /applications/{sha}/files/{n}                the original file (attachment)
//	GET  /applications/{sha}/files/{n}/pages/{p}      a page with a quote highlighted (?ev=)
//	GET  /applications/{sha}/files/{n}/pages/{p}/image  the page as PNG (or the image as is)
//	POST /applications/{sha}/decisions                record a decision, 303 back
//	GET  /exports/summary?city=CODE                   推荐汇总表 (XLSX)
//	GET  /exports/publicity                           拟入库名单 (XLSX)
//	GET  /publicity                                   拟入库名单, printable page
//	GET  /api/me, /api/applications, /api/applications/{sha},
//	     /api/applications/{sha}/files/{n}/pages/{p}  the same data as JSON
//	POST /api/applications/{sha}/decisions            a decision as JSON
//
// Sessions live in memory (a restart logs everyone out) in a cookie that is
// HttpOnly and SameSite=Strict, Secure when the server runs with TLS or is
// told it sits behind a TLS proxy (Options.SecureCookies). Every form and
// every cookie-authenticated POST carries the session's CSRF token.
// Scripts authenticate with "Authorization: Bearer <token>" (package
// accounts) and need no CSRF token.
package web
