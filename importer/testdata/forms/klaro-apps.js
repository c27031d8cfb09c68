// A configuration of Klaro before 0.7, which called services "apps".
var klaroConfig = {
    privacyPolicy: '/#privacy',
    translations: {
        en: { purposes: { analytics: 'Visitor statistics', security: 'Security' } },
    },
    apps: [
        { name: 'googleAnalytics', title: 'Google Analytics', purposes: ['analytics'], cookies: [/^_ga/, '_gid'] },
        { name: 'cloudflare', title: 'Cloudflare', purposes: ['security'], required: true },
    ],
};
