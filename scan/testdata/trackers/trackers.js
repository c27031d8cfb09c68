// Starts the SDKs the page loaded, each pointed at this server.
(() => {
  const collect = location.origin + "/collect/";
  const start = (name, f) => {
    try { f(); } catch (e) { console.error(name + ": " + e); }
  };

  start("datadog", () => window.DD_RUM.init({
    applicationId: "00000000-0000-4000-8000-000000000000",
    clientToken: "pub00000000000000000000000000000000",
    site: "datadoghq.eu",
    service: "sdk-shop",
    proxy: collect + "datadog",
    sessionSampleRate: 100,
    sessionReplaySampleRate: 0,
    trackResources: false,
    trackLongTasks: false,
    telemetrySampleRate: 0,
  }));

  start("posthog", () => window.posthog.init("phc_sdkshoptest", {
    api_host: collect + "posthog",
    persistence: "localStorage+cookie",
    disable_session_recording: true,
    disable_surveys: true,
    disable_external_dependency_loading: true,
    advanced_disable_flags: true,
    autocapture: false,
  }));

  start("amplitude", () => window.amplitude.init("0123456789abcdef0123456789abcdef", {
    serverUrl: collect + "amplitude",
    fetchRemoteConfig: false,
    autocapture: false,
  }));

  start("snowplow", () => {
    window.snowplowBrowserTracking.newTracker("sp", collect + "snowplow", {
      appId: "sdk-shop",
      cookieSameSite: "Lax",
      // The test site is plain http: a Secure cookie would not be kept.
      cookieSecure: false,
    });
    window.snowplowBrowserTracking.trackPageView();
  });

  start("mixpanel", () => window.mixpanel.init("mptoken0123456789", {
    api_host: collect + "mixpanel",
    persistence: "cookie",
    track_pageview: true,
  }));
})();
