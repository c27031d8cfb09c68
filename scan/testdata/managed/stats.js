// A stand-in for Matomo, gated by the consent manager: runs only after
// the visitor accepted statistics.
document.cookie = "_pk_id.1.abcd=visitor; path=/; max-age=33696000";
