// CookieConsentConfig.ts: the TypeScript module form that
// vanilla-cookieconsent's documentation shows for React and Next.js,
// written for the importer's tests (a typed const, a default export,
// values that only exist at run time).
import type { CookieConsentConfig } from 'vanilla-cookieconsent';

const pluginConfig: CookieConsentConfig = {
  guiOptions: {
    consentModal: { layout: 'box inline', position: 'bottom left' },
    preferencesModal: { layout: 'box', position: 'right' },
  },
  cookie: {
    domain: location.hostname,
    expiresAfterDays: 182,
  },
  onFirstConsent: function ({ cookie }) {
    console.log('onFirstConsent fired', cookie);
  },
  categories: {
    necessary: {
      readOnly: true,
      enabled: true,
    },
    analytics: {
      autoClear: {
        cookies: [
          { name: /^_ga/ },
          { name: '_gid' },
        ],
      },
      services: {
        ga: {
          label: 'Google Analytics',
          onAccept: () => {},
          onReject: () => {},
        },
      },
    },
    ads: {},
  },
  language: {
    default: 'en' as const,
    translations: {
      en: {
        consentModal: {
          title: 'We use cookies',
          description: 'Cookie modal description',
          acceptAllBtn: 'Accept all',
          acceptNecessaryBtn: 'Reject all',
          showPreferencesBtn: 'Manage Individual preferences',
        },
        preferencesModal: {
          title: 'Manage cookie preferences',
          acceptAllBtn: 'Accept all',
          acceptNecessaryBtn: 'Reject all',
          savePreferencesBtn: 'Accept current selection',
          closeIconLabel: 'Close modal',
          sections: [
            { title: 'Somebody said ... cookies?', description: 'I want one!' },
            {
              title: 'Strictly Necessary cookies',
              description: 'These cookies are essential for the proper functioning of the website and cannot be disabled.',
              linkedCategory: 'necessary',
            },
            {
              title: 'Performance and Analytics',
              description: 'These cookies collect information about how you use our website.',
              linkedCategory: 'analytics',
              cookieTable: {
                headers: { name: 'Name', domain: 'Service', description: 'Description', expiration: 'Expiration' },
                body: [
                  { name: '_ga', domain: 'Google Analytics', description: 'Cookie set by <a href="#das">Google Analytics</a>', expiration: 'Expires after 12 days' },
                  { name: '_gid', domain: 'Google Analytics', description: 'Cookie set by Google Analytics', expiration: 'Session' },
                ],
              },
            },
            { title: 'Targeting and Advertising', description: 'These cookies are used to make advertising messages more relevant to you.', linkedCategory: 'ads' },
          ],
        },
      },
    },
  },
};

export default pluginConfig;
