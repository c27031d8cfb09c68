// Web Storage a site and its trackers write: on every page load, before
// consent.js. ?once (in the page URL) writes them only on the first load.
(() => {
  if (location.search.includes("once") && sessionStorage.getItem("__written")) return;
  localStorage.setItem("mtm_consent", "1");
  localStorage.setItem("cart", "3 items");
  localStorage.setItem("theme", "dark");
  sessionStorage.setItem("_pk_tmp_abc", "x");
  sessionStorage.setItem("_pk_tmp_def", "y");
  sessionStorage.setItem("tab", "2");
  sessionStorage.setItem("__written", "1");
})();
