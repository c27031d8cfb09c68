// A Klaro configuration under a name of the site's own, which the page's
// script tag names: <script src="klaro.js" data-klaro-config="myPrivacyConfig">.
var myPrivacyConfig = {
    version: 2,
    elementID: 'klaro',
    cookieName: 'klaro',
    cookieExpiresAfterDays: 120,
    privacyPolicy: '/privacy/',
    default: false,
    mustConsent: false,
    lang: 'en',
    translations: {
        en: {
            consentModal: { description: 'Here you can see and customize the information that we collect about you.' },
            purposes: { analytics: 'Analytics', styling: 'Styling' },
        },
    },
    services: [
        {
            name: 'matomo',
            title: 'Matomo',
            purposes: ['analytics'],
            cookies: [[/^_pk_.*$/, '/', 'example.org'], '_pk_ses'],
        },
        {
            name: 'fonts',
            title: 'Web fonts',
            purposes: ['styling'],
            required: true,
        },
    ],
};
