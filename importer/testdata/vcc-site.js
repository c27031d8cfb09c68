// A site's cookieconsent-init.js for vanilla-cookieconsent v3, written for
// the importer's tests with the fields of the pinned types/index.d.ts.
import 'vanilla-cookieconsent';

const config = {
    revision: 3,
    mode: 'opt-in',
    cookie: {
        name: 'cc_cookie',
        domain: 'example.org',
        expiresAfterDays: (acceptType) => acceptType === 'all' ? 365 : 30,
    },
    guiOptions: {
        consentModal: { layout: 'box', position: 'bottom right' },
    },
    onConsent: ({cookie}) => {
        if (CookieConsent.acceptedCategory('analytics')) { loadAnalytics(); }
    },
    categories: {
        necessary: {
            enabled: true,  // this category is enabled by default
            readOnly: true, // this category cannot be disabled
        },
        analytics: {
            autoClear: {
                cookies: [
                    { name: /^_ga/ },          // regex: match all cookies starting with '_ga'
                    { name: '_gid' },
                    { name: /^_hj/i, domain: '.example.org' },
                ],
                reloadPage: true,
            },
            services: {
                ga: {
                    label: 'Google Analytics',
                    onAccept: () => {},
                    onReject: () => {},
                    cookies: [{ name: /^(_ga|_gid)/ }],
                },
                matomo: {
                    label: '<b>Matomo</b>',
                    cookies: [{ name: /_pk_(id|ses)\..*/ }, { name: /^(?<name>mtm)_/ }],
                },
            },
        },
        ads: {
            enabled: true,
        },
    },
    language: {
        default: 'en',
        autoDetect: 'browser',
        translations: {
            en: {
                consentModal: {
                    title: 'We use cookies',
                    description: 'Cookie modal description <a href="#">Manage</a>',
                    acceptAllBtn: 'Accept all',
                    acceptNecessaryBtn: "Reject all",
                    showPreferencesBtn: `Manage preferences`,
                },
                preferencesModal: {
                    title: 'Manage cookie preferences',
                    savePreferencesBtn: 'Accept current selection',
                    closeIconLabel: 'Close modal',
                    sections: [
                        { title: 'Somebody said ... cookies?', description: 'I want one!' },
                        { title: 'Strictly Necessary cookies', description: 'These cookies are essential.', linkedCategory: 'necessary' },
                        {
                            title: 'Performance and Analytics',
                            description: 'These cookies collect information about how you use our website.',
                            linkedCategory: 'analytics',
                            cookieTable: {
                                headers: { name: 'Cookie', domain: 'Domain', desc: 'Description', expiration: 'Expiration' },
                                body: [
                                    { name: '_gid', domain: 'example.org', desc: 'Distinguishes visitors', expiration: '1 day' },
                                ],
                            },
                        },
                        { title: 'Advertisement', linkedCategory: 'ads' },
                    ],
                },
            },
            de: '/assets/translations/de.json',
            'fr-FR': {
                consentModal: { title: 'Nous utilisons des cookies' },
                preferencesModal: { sections: [{ title: 'Performance et analyse', linkedCategory: 'analytics' }] },
            },
        },
    },
};

CookieConsent.run(config);
