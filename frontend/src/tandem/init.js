// Tandem: start GOV.UK Frontend's JavaScript components.
// Load with <script type="module" src="{% static 'tandem/init.js' %}"></script>.
// Edit frontend/src/tandem/init.js; `npm run build` copies it to frontend/static/tandem/.
import { initAll } from '../govuk/govuk-frontend.min.js'

initAll()

// Buttons marked data-tandem-print print the page (they are hidden when printing).
for (const button of document.querySelectorAll('[data-tandem-print]')) {
  button.addEventListener('click', () => window.print())
}
