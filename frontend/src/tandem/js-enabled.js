// Tandem: mark the page as having JavaScript, as GOV.UK Frontend's page template does inline.
// Loaded as a plain (blocking) script straight after <body> opens, before anything is drawn, so the
// Content-Security-Policy can refuse every inline script.
// Edit frontend/src/tandem/js-enabled.js; `npm run build` copies it to frontend/static/tandem/.
document.body.className += ' js-enabled' + ('noModule' in HTMLScriptElement.prototype ? ' govuk-frontend-supported' : '')
