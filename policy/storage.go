package policy

// RefusedStorage returns, once each, the Web Storage keys of the given
// kind (StorageLocal or StorageSession) that a refused service declares
// and no accepted or required service does; with r nil every optional
// service counts as refused.
func (p *Policy) RefusedStorage(r *Record, keys []string, kind string) []string {
	if p == nil || len(keys) == 0 {
		return nil
	}
	return p.refusedNames(r, keys, kind)
}
