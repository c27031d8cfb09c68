// Emulates a browser that sends Global Privacy Control. It must run before
// consent.js reads navigator.globalPrivacyControl.
Object.defineProperty(Navigator.prototype, "globalPrivacyControl", { get: () => true, configurable: true });
