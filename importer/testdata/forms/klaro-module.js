// Klaro as an ES module, configured in the bundle and handed to setup().
import * as Klaro from 'klaro/dist/klaro-no-css';

const config = {
    storageMethod: 'cookie',
    cookieDomain: window.location.hostname,
    services: [
        { name: 'youtube', title: 'YouTube', purposes: ['marketing'], cookies: ['YSC', 'VISITOR_INFO1_LIVE'] },
    ],
};

window.klaro = Klaro;
window.klaroConfig = config;
Klaro.setup(config);
