// Package review is the reviewers' workspace without its web server: the
// applications index rebuilt from the object store, who may see and decide
// what (属地原则), and the recording of decisions. Its parts:
//
//   - review/region: where an application belongs (USCC division code
//     cross-checked with the licence domicile), as data;
//   - review/accounts: users, roles, password hashes and API tokens;
//   - review/decisions: the append-only decision objects.
//
// The object store is the system of record. The Index is a cache, rebuilt
// at start from the dossiers bucket, the archive sidecars and the decisions
// bucket, and kept current by the Workspace that records decisions.
package review
