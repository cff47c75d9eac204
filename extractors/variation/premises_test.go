package variation

import (
	"math/rand"
	"testing"

	"ruku/extractors/premises"
)

// leaseGaps are the lease renderings today's premises extractor does not
// read.
var leaseGaps = map[string][]string{}

// certGaps are the title certificate renderings today's premises extractor
// does not read.
var certGaps = map[string][]string{}

func TestLease(t *testing.T) {
	check(t, kind{name: "lease", dims: LeaseDims, n: variants(2000), gaps: leaseGaps, run: func(r *rand.Rand, c Choice) []miss {
		f := NewFacts(r, r.Intn(2) == 0)
		ps := premises.Extract(Lease(f, c, r))
		var fs facts
		if len(ps) != 1 {
			fs.int("documents", 1, len(ps), true)
			if len(ps) == 0 {
				return fs
			}
		}
		p := ps[0]
		fs.str("kind", premises.KindLease, p.Kind, true)
		fs.str("holder", f.Name, p.Holder.Value, p.Holder.OK)
		fs.str("holder_uscc", f.USCC, p.HolderUSCC.Value, p.HolderUSCC.OK)
		fs.str("lessor", f.Lessor, p.Lessor.Value, p.Lessor.OK)
		fs.str("address", f.LeaseAddress, p.Address.Value, p.Address.OK)
		fs.num("area", f.LeaseArea, p.AreaM2.Value, p.AreaM2.OK)
		fs.date("start", f.LeaseStart, p.Start.Value, p.Start.OK)
		fs.date("end", f.LeaseEnd, p.End.Value, p.End.OK)
		return fs
	}})
}

func TestCertificate(t *testing.T) {
	check(t, kind{name: "certificate", dims: CertDims, n: variants(2000), gaps: certGaps, run: func(r *rand.Rand, c Choice) []miss {
		f := NewFacts(r, r.Intn(2) == 0)
		ps := premises.Extract(Certificate(f, c, r))
		var fs facts
		if len(ps) != 1 {
			fs.int("documents", 1, len(ps), true)
			if len(ps) == 0 {
				return fs
			}
		}
		p := ps[0]
		fs.str("kind", premises.KindCertificate, p.Kind, true)
		fs.str("holder", f.Name, p.Holder.Value, p.Holder.OK)
		fs.str("address", f.LeaseAddress, p.Address.Value, p.Address.OK)
		fs.num("area", f.CertArea, p.AreaM2.Value, p.AreaM2.OK && p.AreaM2.Doubt == "")
		return fs
	}})
}
