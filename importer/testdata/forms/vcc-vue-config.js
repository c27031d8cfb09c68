// cookieconsent-config.js: the module that vanilla-cookieconsent's Vue
// guide hands to its plugin (app.use(CookieConsentVue, config)).
export default {
  guiOptions: { consentModal: { layout: 'cloud', position: 'bottom center' } },
  categories: {
    necessary: { readOnly: true },
    analytics: {},
  },
  language: {
    default: 'de',
    translations: {
      de: {
        consentModal: { title: 'Wir verwenden Cookies', acceptAllBtn: 'Alle akzeptieren', acceptNecessaryBtn: 'Alle ablehnen' },
        preferencesModal: {
          sections: [
            { title: 'Notwendige Cookies', linkedCategory: 'necessary' },
            { title: 'Statistik', linkedCategory: 'analytics' },
          ],
        },
      },
    },
  },
};
