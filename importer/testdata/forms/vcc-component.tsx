// CookieConsent.tsx: the React component of vanilla-cookieconsent's
// documentation, which runs a configuration defined in another module.
'use client';
import { useEffect } from 'react';
import 'vanilla-cookieconsent/dist/cookieconsent.css';
import * as CookieConsent from 'vanilla-cookieconsent';
import pluginConfig from './CookieConsentConfig';

export default function CookieConsentComponent() {
  useEffect(() => {
    CookieConsent.run(pluginConfig);
  }, []);
  return (
    <button type="button" onClick={CookieConsent.showPreferences}>Show Cookie Preferences</button>
  );
}
