package proof

// Merge returns the outbox to store when this page changed base (what it
// loaded) into ours, while stored is what localStorage holds now: another
// tab of the site may have written the shared outbox in between. Entries
// that this page added are appended to stored's, entries it removed
// (acknowledged or dropped) are removed from them, and the others' entries
// are kept; the failure count and next attempt are ours when this page
// changed them, else stored's.
func Merge(base, ours, stored Outbox) Outbox {
	in := func(o Outbox, key string) (OutboxEntry, bool) {
		for _, e := range o.Entries {
			if e.Key == key {
				return e, true
			}
		}
		return OutboxEntry{}, false
	}
	out := Outbox{Failures: stored.Failures, Next: stored.Next}
	if ours.Failures != base.Failures || ours.Next != base.Next {
		out.Failures, out.Next = ours.Failures, ours.Next
	}
	for _, e := range stored.Entries {
		_, wasThere := in(base, e.Key)
		_, kept := in(ours, e.Key)
		if wasThere && !kept {
			continue // removed by this page
		}
		out.Add(e.Key, e.Doc)
	}
	for _, e := range ours.Entries {
		if b, wasThere := in(base, e.Key); !wasThere || b.Doc != e.Doc {
			out.Add(e.Key, e.Doc)
		}
	}
	return out
}

// Clone returns a copy of o that shares no entries with it.
func (o Outbox) Clone() Outbox {
	c := o
	c.Entries = append([]OutboxEntry(nil), o.Entries...)
	return c
}
